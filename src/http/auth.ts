import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { AccessTokenVerifier, Principal } from '../security/tokens.js';
import type { AppEnv } from './context.js';
import { requestHeader } from './headers.js';

export interface Authenticator {
  /**
   * Verifies a bearer token, that its account may act (not deleted, not disabled) and, with strict
   * revocation on, that its session is still live.
   */
  authenticate(token: string): Promise<Principal>;
  /** After a request that may have written under the principal: repairs a write that raced the account's deletion. */
  afterWrite(principal: Principal): Promise<void>;
}

export interface AccountChecks {
  /** Cached: the account exists, is not being deleted and is not disabled. */
  accountIsActive(userId: string): Promise<boolean>;
  /** Read from storage: when the account was deleted meanwhile, deletes what was written under it. */
  sweepIfDeleted(userId: string): Promise<void>;
  /** With strict revocation: the token's session has not ended. */
  sessionIsLive?: ((principal: Principal) => Promise<boolean>) | undefined;
  /** Records that the token's session was used (the device list's "last used"); bounded writes. */
  sessionUsed?: ((principal: Principal) => Promise<void>) | undefined;
}

/**
 * A deleted or disabled account's tokens stop working at once, whatever strict revocation says; with
 * strict revocation, so do a revoked session's (not only when they expire). Decision 19.
 */
export function createAuthenticator(verifier: AccessTokenVerifier, checks: AccountChecks): Authenticator {
  return {
    async authenticate(token) {
      const principal = await verifier.verify(token);
      if (!(await checks.accountIsActive(principal.userId))) {
        throw new UnauthorizedError('This account no longer exists or is disabled');
      }
      if (checks.sessionIsLive && !(await checks.sessionIsLive(principal))) {
        throw new UnauthorizedError('This session has ended; sign in again');
      }
      await checks.sessionUsed?.(principal);
      return principal;
    },
    afterWrite: (principal) => checks.sweepIfDeleted(principal.userId),
  };
}

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The principal of the request's `Authorization: Bearer …` access token; 401 when it is missing or not valid. */
export async function authenticateBearer(
  c: Context<AppEnv>,
  authenticator: Authenticator,
): Promise<Principal> {
  const match = BEARER.exec(requestHeader(c, 'authorization') ?? '');
  if (!match?.[1]) {
    c.header('WWW-Authenticate', 'Bearer');
    throw new UnauthorizedError();
  }
  return authenticator.authenticate(match[1]);
}

/** Route middleware: a valid access token in `Authorization: Bearer …`, or 401. Sets `principal`. */
export function requireAuth(authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await authenticateBearer(c, authenticator);
    c.set('principal', principal);
    await next();
    // Whatever the handler answered: a write may have landed before it failed.
    if (!READ_ONLY.has(c.req.method)) await authenticator.afterWrite(principal);
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

/** The OpenAPI security scheme of an access token (app.ts registers it under this name). */
export const BEARER_SCHEME = 'bearerAuth';

/** An operation's `security` when it needs an access token. */
export const bearerSecurity = [{ [BEARER_SCHEME]: [] }];
