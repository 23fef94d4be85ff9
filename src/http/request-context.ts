import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { createAccessLogger, type Logger } from '../logger.js';
import type { AppEnv, RemoteAddress } from './context.js';
import { presetHeader, requestHeader } from './headers.js';

const ACCEPTABLE_ID = /^[\w-]{1,128}$/;

export interface RequestContextOptions {
  logger: Logger;
  remoteAddress: RemoteAddress;
  /** Proxies in front that append to `X-Forwarded-For` (a load balancer, CloudFront); 0 trusts the socket. */
  trustedHops: number;
}

/**
 * The first middleware: gives the request its id (the caller's `X-Request-Id` when it is a plain token,
 * else a new UUID, echoed back), its client IP and the logger, and writes one line when it is done:
 * id, method, path (never the query string, which can carry codes and signatures), matched route,
 * status, latency and user. Bodies and headers are never logged.
 */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<AppEnv> {
  const access = createAccessLogger(options.logger);
  const { remoteAddress, trustedHops } = options;
  return async (c, next) => {
    const started = performance.now();
    const offered = requestHeader(c, 'x-request-id');
    const requestId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
    c.set('requestId', requestId);
    presetHeader(c, 'X-Request-Id', requestId);
    let ip = remoteAddress(c) ?? 'unknown';
    if (trustedHops > 0) {
      const forwarded = (requestHeader(c, 'x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      ip = forwarded[forwarded.length - trustedHops] ?? ip;
    }
    c.set('clientIp', ip);
    c.set('logger', options.logger);

    await next();

    const status = c.res.status;
    access[status >= 500 ? 'error' : 'info']({
      requestId,
      method: c.req.method,
      path: c.req.path,
      route: c.req.routePath,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('principal')?.userId,
    });
  };
}
