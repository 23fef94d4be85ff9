import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../errors.js';
import type { AppEnv } from './context.js';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

/**
 * Every request body is JSON of at most 1 MiB: a larger one is 413 before it is read in full,
 * another media type is 415. GET and HEAD are not asked for a body: that would make the Node adapter
 * build a full Request.
 */
export function jsonBodyGuard(): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: () => {
      throw new DomainError('PAYLOAD_TOO_LARGE', 413, 'The request body is larger than 1 MiB');
    },
  });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    if (!c.req.raw.body || c.req.header('content-length') === '0') return next();
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as application/json');
    }
    return limit(c, next);
  };
}
