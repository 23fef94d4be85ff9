import { ForbiddenError } from '../errors.js';
import type { AppContext } from './context.js';
import { requestHeader } from './headers.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The dev routes show mail codes and events: only for a caller on this machine, and never for a page of
 * another origin (a browser sends `Origin` on cross-origin requests).
 */
export function requireLocalCaller(c: AppContext, what: string): void {
  if (!LOOPBACK.has(c.get('clientIp')) || requestHeader(c, 'origin') !== undefined) {
    throw new ForbiddenError(`${what} readable from this machine only, not from other pages or hosts`);
  }
}
