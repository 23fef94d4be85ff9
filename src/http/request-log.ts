import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import type { AppEnv } from './context.js';

/**
 * One log line per request: id, method, path (never the query string, which can carry codes and
 * signatures), matched route, status, latency and user. Bodies and headers are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    c.set('logger', logger);
    await next();
    const status = c.res.status;
    logger[status >= 500 ? 'error' : 'info']({
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      route: c.req.routePath,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('principal')?.userId,
    });
  };
}
