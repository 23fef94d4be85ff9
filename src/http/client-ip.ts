import type { MiddlewareHandler } from 'hono';
import type { AppEnv, RemoteAddress } from './context.js';

/**
 * Sets `clientIp`: the peer address, or — behind `trustedHops` proxies that append to
 * `X-Forwarded-For` (a load balancer, CloudFront) — the address the nearest trusted proxy saw.
 */
export function clientIp(remoteAddress: RemoteAddress, trustedHops: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip = remoteAddress(c) ?? 'unknown';
    if (trustedHops > 0) {
      const forwarded = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      ip = forwarded[forwarded.length - trustedHops] ?? ip;
    }
    c.set('clientIp', ip);
    await next();
  };
}
