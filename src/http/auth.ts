import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AccessTokenVerifier, Principal } from '../security/tokens.js';
import type { AppEnv } from './context.js';
import { requestHeader } from './headers.js';

export interface Authenticator {
  /** Verifies a bearer token and, with strict revocation on, that its session is still live. */
  authenticate(token: string): Promise<Principal>;
}

/** With strict revocation, a revoked session's access tokens stop working at once (not when they expire). */
export function createAuthenticator(
  verifier: AccessTokenVerifier,
  sessionIsLive: ((principal: Principal) => Promise<boolean>) | undefined,
): Authenticator {
  return {
    async authenticate(token) {
      const principal = await verifier.verify(token);
      if (sessionIsLive && !(await sessionIsLive(principal))) {
        throw new UnauthorizedError('This session has ended; sign in again');
      }
      return principal;
    },
  };
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Route middleware: a valid access token in `Authorization: Bearer …`, or 401. Sets `principal`. */
export function requireAuth(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = BEARER.exec(requestHeader(c, 'authorization') ?? '');
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedError();
    }
    c.set('principal', await authenticator.authenticate(match[1]));
    await next();
  };
}

/**
 * Route middleware for public routes that show a signed-in caller more: without `Authorization` the
 * request goes on anonymously; with one, the token must be valid (401 otherwise) and sets `principal`.
 */
export function optionalAuth(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  const required = requireAuth(authenticator);
  return (c, next) => (requestHeader(c, 'authorization') === undefined ? next() : required(c, next));
}

/** Route middleware after `requireAuth`: the caller must hold the `admin` scope. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('principal').isAdmin) throw new ForbiddenError('This needs an administrator');
  await next();
};
