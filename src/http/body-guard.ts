import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../errors.js';
import type { AppEnv } from './context.js';
import { nodeRequest, requestHeader } from './headers.js';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

/**
 * Whether the request carries a body. HTTP/1.1 frames a request body with `Content-Length` or
 * `Transfer-Encoding` (RFC 9112 §6.3): with neither there is none, which is what browsers send for a
 * bodyless `DELETE` and curl for `-X POST` without data, though Node's adapter still hands the app an
 * (empty) body stream. Elsewhere (Lambda, in-process requests) a request without a body has none.
 */
function hasRequestBody(c: Context): boolean {
  if (!c.req.raw.body) return false;
  const length = requestHeader(c, 'content-length');
  if (length !== undefined) return length !== '0';
  return !nodeRequest(c) || requestHeader(c, 'transfer-encoding') !== undefined;
}

/**
 * Every request body is JSON of at most 1 MiB: a larger one is 413 before it is read in full,
 * another media type is 415. GET and HEAD are not asked for a body: that would make the Node adapter
 * build a full Request. A request without a body passes whatever its `Content-Type`, and reads as `{}`
 * (as Hono's validator reads one sent without a JSON type): an optional body is simply absent, and a
 * required field is "Required", never "not valid JSON".
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
    if (!hasRequestBody(c)) {
      // Hono keeps the body it has read as a promise in this cache, whatever its type says.
      (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
      return next();
    }
    if (!JSON_TYPE.test(requestHeader(c, 'content-type') ?? '')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as application/json');
    }
    return limit(c, next);
  };
}
