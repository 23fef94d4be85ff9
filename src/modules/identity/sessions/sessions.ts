import { randomBytes } from 'node:crypto';
import { epochSeconds, isoTime } from '../../../clock.js';
import { UnauthorizedError } from '../../../errors.js';
import { sha256 } from '../../../security/keyed-hash.js';
import type { Principal } from '../../../security/tokens.js';
import type { SecurityEvents } from '../audit/security-events.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import { invalidCredentials, refreshInvalid } from '../errors.js';
import type { SessionItem, UserItem } from '../store.js';
import type { TokenSet } from './schemas.js';

/** How the user proved who they are in this session (`amr`-like). */
export type AuthMethod = 'password' | 'mfa' | 'sso' | 'email-link';

const REFRESH_TOKEN = /^(usr_[0-9a-z]{26})\.([A-Za-z0-9_-]{43})$/;

/**
 * Sessions are refresh-token families. A refresh token is `<userId>.<256 random bits>`; its successor is
 * derived from it with the server's HMAC key, so two requests refreshing the same token at once both
 * compute the same successor, and a spent token presented inside the grace window gets that successor
 * again without any plaintext being stored. Presented after the window, it revokes the whole family.
 */
export function createSessions(ctx: IdentityContext, events: SecurityEvents) {
  const { refreshTtl, sessionMaxAge, refreshGrace, revocationCacheSeconds } = ctx.config.tokens;
  const liveness = new Map<string, { live: boolean; until: number }>();

  /**
   * An administrator holds the role (granted by the CLI), or signs in with an address named in
   * AMPLY_ADMIN_EMAILS that the account has proved it owns: an address a provider merely asserted, or
   * never verified, earns nothing.
   */
  const isAdmin = (user: UserItem) =>
    user.roles?.includes('admin') ||
    (user.status === 'confirmed' &&
      user.emailVerified &&
      ctx.config.accounts.adminEmails.includes(user.email));

  const scopesFor = (user: UserItem) => {
    const scopes = ['openid', 'profile', 'email'];
    if (isAdmin(user)) scopes.push('admin');
    return scopes;
  };

  async function tokensFor(user: UserItem, session: SessionItem, refreshToken: string): Promise<TokenSet> {
    const base = { userId: user.userId, sessionId: session.sessionId, authTime: session.authTime };
    const [accessToken, idToken] = await Promise.all([
      ctx.tokens.accessToken({ ...base, scopes: scopesFor(user) }),
      ctx.tokens.idToken({
        ...base,
        email: user.email,
        emailVerified: user.emailVerified,
        name: user.displayName,
      }),
    ]);
    return {
      accessToken,
      idToken,
      refreshToken,
      expiresIn: ctx.config.tokens.accessTtl,
      tokenType: 'Bearer',
    };
  }

  async function storeRefreshToken(userId: string, sessionId: string, token: string, sessionEnd: number) {
    const expiresAt = Math.min(ctx.clock.now() + refreshTtl * 1000, sessionEnd);
    const store = await ctx.store();
    await store.putRefreshTokenOnce({
      userId,
      sessionId,
      tokenHash: sha256(token),
      expiresAt,
      ttl: epochSeconds(expiresAt) + refreshGrace,
    });
  }

  const successorOf = (userId: string, token: string) =>
    `${userId}.${ctx.hasher.hash('refresh-successor', token)}`;

  async function revoke(userId: string, sessionId: string, reason: string): Promise<boolean> {
    liveness.set(sessionId, { live: false, until: Number.POSITIVE_INFINITY });
    return (await ctx.store()).revokeSession(userId, sessionId, ctx.clock.now(), reason);
  }

  /**
   * Revokes every live session of a user, except `keep` (the caller's own, after a password change). What
   * a session may have started ends first: a pending email change and the reset and change-email codes
   * still out, so a token from before (a thief's) cannot finish them.
   */
  async function revokeAll(userId: string, reason: string, keep?: string): Promise<void> {
    const store = await ctx.store();
    await Promise.all([
      store.updateUser(userId, { updatedAt: isoTime(ctx.clock.now()) }, ['pendingEmail']),
      store.deleteCode(userId, 'change-email'),
      store.deleteCode(userId, 'reset-password'),
    ]);
    const sessions = await store.listSessions(userId);
    await Promise.all(
      sessions
        .filter((session) => session.revokedAt === undefined && session.sessionId !== keep)
        .map((session) => revoke(userId, session.sessionId, reason)),
    );
  }

  async function end(userId: string, sessionId: string, allDevices: boolean, meta: RequestMeta) {
    if (allDevices) {
      await revokeAll(userId, 'logout-all');
      await events.record(userId, 'sessions.revoked_all', meta, { reason: 'logout' });
      return;
    }
    await revoke(userId, sessionId, 'logout');
    await events.record(userId, 'session.revoked', meta, { sessionId, reason: 'logout' });
  }

  return {
    /**
     * Opens a new session for a user who has just proved who they are, and issues its first tokens.
     * `stillValid` runs once the session exists: when it answers false (the credential changed while
     * it was being checked), the session is revoked again and the sign-in fails.
     */
    async start(
      user: UserItem,
      methods: AuthMethod[],
      meta: RequestMeta,
      stillValid?: () => Promise<boolean>,
    ): Promise<TokenSet> {
      const now = ctx.clock.now();
      const session: SessionItem = {
        userId: user.userId,
        sessionId: ctx.newId('ses', now),
        createdAt: now,
        expiresAt: now + sessionMaxAge * 1000,
        authTime: epochSeconds(now),
        methods,
        ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
        ttl: epochSeconds(now) + sessionMaxAge,
      };
      const store = await ctx.store();
      const refreshToken = `${user.userId}.${randomBytes(32).toString('base64url')}`;
      // All at once: a refresh token whose session write failed refreshes nothing, and tokens are only
      // handed out when both writes succeeded.
      const [, , tokens] = await Promise.all([
        ctx.eventOutbox.publishWith(
          {
            type: 'user.signed_in',
            subject: user.userId,
            data: { userId: user.userId, sessionId: session.sessionId, methods },
          },
          (staged) => store.createSession({ ...session, ...staged }),
        ),
        storeRefreshToken(user.userId, session.sessionId, refreshToken, session.expiresAt),
        tokensFor(user, session, refreshToken),
      ]);
      if (stillValid && !(await stillValid())) {
        await revoke(user.userId, session.sessionId, 'credential-changed');
        throw invalidCredentials();
      }
      return tokens;
    },

    /** Rotates a refresh token: new access, id and refresh tokens; the presented one is spent. */
    async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenSet> {
      const match = REFRESH_TOKEN.exec(refreshToken);
      if (!match) throw refreshInvalid();
      const userId = match[1] as string;
      const now = ctx.clock.now();
      const store = await ctx.store();
      const item = await store.getRefreshToken(userId, sha256(refreshToken));
      if (!item || item.expiresAt <= now) throw refreshInvalid();
      const session = await store.getSession(userId, item.sessionId);
      if (!session || session.revokedAt !== undefined || session.expiresAt <= now) throw refreshInvalid();

      const successor = successorOf(userId, refreshToken);
      // Successor first: a crash between these writes leaves the old token usable, never a dead end.
      await storeRefreshToken(userId, session.sessionId, successor, session.expiresAt);
      const spentAt = await store.spendRefreshToken(userId, item.tokenHash, now);
      if (now - spentAt > refreshGrace * 1000) {
        await revoke(userId, session.sessionId, 'refresh-token-reuse');
        await events.record(userId, 'refresh.reuse_detected', meta, { sessionId: session.sessionId });
        throw refreshInvalid();
      }
      const user = await store.getUser(userId);
      if (!user) throw refreshInvalid();
      return tokensFor(user, session, successor);
    },

    /** Ends the caller's session, or all of the user's sessions. */
    logout: (principal: Principal, allDevices: boolean, meta: RequestMeta) =>
      end(principal.userId, principal.sessionId, allDevices, meta),

    /**
     * Signs out with a refresh token alone (Cognito's RevokeToken): its session ends, or with `allDevices`
     * every session of its user, if the token is still one a refresh would accept. An unknown or ended
     * token changes nothing and is not an error (RFC 7009 §2.2).
     */
    async logoutWithRefreshToken(
      refreshToken: string,
      allDevices: boolean,
      meta: RequestMeta,
    ): Promise<void> {
      const match = REFRESH_TOKEN.exec(refreshToken);
      if (!match) return;
      const userId = match[1] as string;
      const now = ctx.clock.now();
      const store = await ctx.store();
      const item = await store.getRefreshToken(userId, sha256(refreshToken));
      if (!item) return;
      const session = await store.getSession(userId, item.sessionId);
      if (!session || session.revokedAt !== undefined) return;
      const usable =
        item.expiresAt > now &&
        session.expiresAt > now &&
        (item.spentAt === undefined || now - item.spentAt <= refreshGrace * 1000);
      await end(userId, session.sessionId, allDevices && usable, meta);
    },

    revokeAll,

    /**
     * For the few changes a revoked session must never make, whatever AMPLY_STRICT_REVOCATION says: the
     * access token's session is read from the table (not the cache) and must still be live.
     */
    async requireLive(principal: Principal): Promise<void> {
      const session = await (await ctx.store()).getSession(principal.userId, principal.sessionId);
      if (!session || session.revokedAt !== undefined || session.expiresAt <= ctx.clock.now()) {
        throw new UnauthorizedError('This session has ended; sign in again');
      }
    },

    /** Strict revocation: is the access token's session still live? Remembered for a few seconds. */
    async isLive(principal: Principal): Promise<boolean> {
      const now = ctx.clock.now();
      const cached = liveness.get(principal.sessionId);
      if (cached && cached.until > now) return cached.live;
      const session = await (await ctx.store()).getSession(principal.userId, principal.sessionId);
      const live = session !== null && session.revokedAt === undefined && session.expiresAt > now;
      if (liveness.size > 10_000) liveness.clear();
      liveness.set(principal.sessionId, {
        live,
        until: live ? now + revocationCacheSeconds * 1000 : Number.POSITIVE_INFINITY,
      });
      return live;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
