import { isoTime } from '../../clock.js';
import { ConflictError, UnauthorizedError } from '../../errors.js';
import type { StagedEvent } from '../../events/events.js';
import type { ProviderIdentity, ProviderTokens } from '../../oauth/client.js';
import { CallbackError, callbackFailureReason } from '../../oauth/errors.js';
import type { PlatformName } from '../../oauth/providers.js';
import type { RequestMeta } from '../identity/index.js';
import type { UserDataContributor } from '../user-data.js';
import { connectionStatusChanged } from './connection-status.js';
import type { ConnectionsContext } from './context.js';
import { notConnected } from './errors.js';
import { createPlatformRefresh, describeFailure, sealedTokens } from './platform-refresh.js';
import { createProactiveRefresh } from './proactive-refresh.js';
import type { PlatformConnection } from './schemas.js';
import type { ConnectionItem, GrantFields } from './store.js';

/** A connection as its owner sees it: never a token. `connected` and `needsReauth` restate `status` for older clients. */
function toView(item: ConnectionItem): PlatformConnection {
  return {
    platform: item.platform as PlatformName,
    platformUserId: item.platformUserId,
    status: item.status,
    connected: item.status === 'healthy',
    connectedAt: item.connectedAt,
    needsReauth: item.status === 'needs_reauth',
    scope: item.scope,
  };
}

/** How often a grant is stored again over a connection that changed between the read and the write. */
const SAVE_ATTEMPTS = 5;

/** Connections' domain: connect, callback, refresh, list, disconnect. No HTTP in here. */
export function createConnectionsService(ctx: ConnectionsContext) {
  const refresh = createPlatformRefresh(ctx);

  const dashboard = (params: Record<string, string>) => {
    const url = new URL(`${ctx.config.frontendUrl}/dashboard`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  };

  /**
   * Revokes a deleted connection's tokens at the platform where it has a revocation endpoint: the refresh
   * token first (that ends the grant at most platforms), then the access token. Best effort: a failure is
   * logged (without the token) and the deletion stands.
   */
  async function revokeUpstream(item: ConnectionItem): Promise<void> {
    const platform = item.platform as PlatformName;
    const sealed = [
      ...(item.refreshToken ? [['refresh', item.refreshToken] as const] : []),
      ['access', item.accessToken] as const,
    ];
    for (const [kind, value] of sealed) {
      try {
        const token = ctx.vault.open(item.userId, platform, kind, value);
        const revoked = await ctx.oauth.revoke(platform, token, `${kind}_token`);
        if (!revoked) return; // the platform has no revocation endpoint
      } catch (error) {
        ctx.logger.warn(
          { userId: item.userId, platform, failure: describeFailure(error) },
          'revoking a platform token failed; the connection is deleted anyway',
        );
      }
    }
  }

  const service = {
    /** Starts connecting a platform: the authorization URL, with state (and PKCE) kept server-side for this user. */
    async connect(userId: string, platform: PlatformName): Promise<{ authUrl: string; state: string }> {
      return ctx.oauth.start(platform, { purpose: 'platform', userId });
    },

    /**
     * Completes a connect from the platform's callback and answers where to send the browser: the
     * dashboard with `?connect_code=<one-time code>&platform=<platform>` (nothing is stored until the user
     * who started the connect redeems the code), or with `?error=<reason>` when anything failed. With
     * `AMPLY_CONNECT_REDEMPTION=off` the connection is stored at once and the answer is `?connected=<platform>`.
     */
    async completeConnect(
      platform: PlatformName,
      query: URLSearchParams,
      meta: RequestMeta,
    ): Promise<string> {
      try {
        const completed = await ctx.oauth.complete(platform, query, ['platform']);
        const { authorization } = completed;
        if (!authorization.userId || !(await ctx.accountExists(authorization.userId))) {
          throw new CallbackError(
            'state_invalid',
            'The account that started this connection no longer exists',
          );
        }
        if (ctx.config.oauth.connectRedemption) {
          return dashboard({ connect_code: await ctx.grants.hold(completed), platform });
        }
        await service.saveConnection(authorization.userId, platform, completed, meta);
        return dashboard({ connected: platform });
      } catch (error) {
        // `?error=`: short, stable, never the platform's words.
        const reason = callbackFailureReason(error);
        if (reason === undefined) throw error;
        ctx.logger.info({ platform, reason }, 'platform connect callback refused');
        return dashboard({ error: reason, platform });
      }
    },

    /**
     * `POST /platforms/{platform}/complete`: activates the connect held under `code`, for the user who
     * started it only. Another user's redemption stores nothing for anyone, revokes the tokens at the
     * platform where it can, tells the starter (a security event without the redeemer's address) and
     * answers 403.
     */
    async redeemConnect(
      userId: string,
      platform: PlatformName,
      code: string,
      meta: RequestMeta,
    ): Promise<{ platform: PlatformName; connected: true }> {
      // The starter's event carries no request details: those are the redeemer's, whom it must not expose.
      const grant = await ctx.grants.redeem(
        code,
        { provider: platform, purpose: 'platform', userId },
        (starter) => ctx.events.record(starter, 'platform.connect_redeemed_elsewhere', platform),
      );
      // A token outliving its deleted account must not store tokens for nobody.
      if (!(await ctx.accountExists(userId))) throw new UnauthorizedError('This account no longer exists');
      await service.saveConnection(userId, platform, grant, meta);
      return { platform, connected: true };
    },

    /**
     * Stores a platform grant for a user, replacing an earlier one: the end of a connect, and a Spotify
     * sign-in (MultiMusic v1), which connects Spotify as well (identity calls it as its `PlatformConnector`).
     */
    async saveConnection(
      userId: string,
      platform: PlatformName,
      { tokens, identity }: { tokens: ProviderTokens; identity: ProviderIdentity },
      meta?: RequestMeta,
    ): Promise<void> {
      const now = ctx.clock.now();
      const requested = ctx.oauth.provider(platform)?.platformScopes ?? [];
      const sealed = sealedTokens(ctx.vault, userId, platform, tokens, now);
      const grant: GrantFields = {
        userId,
        platform,
        platformUserId: identity.subject,
        scope: tokens.scope ?? requested.join(' '),
        ...sealed,
        connectedAt: isoTime(now),
        updatedAt: isoTime(now),
      };
      const store = await ctx.store();
      // Conditional on what was read, so the kept refresh token and the event match what is replaced.
      for (let attempt = 1; ; attempt += 1) {
        const current = await store.get(userId, platform);
        // A platform may leave the refresh token out of a later grant (Google without a fresh consent)
        // while the one it issued before stays valid: keep it — but only for the same platform account.
        const kept =
          current && current.platformUserId === grant.platformUserId ? current.refreshToken : undefined;
        const next = { ...grant, refreshToken: sealed.refreshToken ?? kept };
        const write = (staged?: StagedEvent) => store.save(next, current, staged);
        const from = current?.status ?? null;
        const saved =
          from === 'healthy'
            ? await write()
            : await ctx.eventOutbox.publishWith(
                connectionStatusChanged(grant, from, 'healthy', from ? 'reconnected' : 'connected'),
                write,
              );
        if (saved) break;
        if (attempt === SAVE_ATTEMPTS) throw new ConflictError('The connection changed meanwhile; try again');
      }
      await ctx.events.record(userId, 'platform.connected', platform, meta);
    },

    /** A usable access token for the browser's own platform calls (refreshed upstream only near expiry). */
    accessToken: refresh.accessToken,

    /** The proactive refresh (`amply refresh-connections`, the scheduled function): see proactive-refresh.ts. */
    refreshExpiring: createProactiveRefresh(ctx, refresh),

    async list(userId: string, limit: number, cursor: string | undefined) {
      const scope = `platforms:${userId}`;
      const page = await (await ctx.store()).page(userId, limit, ctx.cursors.open(scope, cursor));
      return { items: page.items.map(toView), nextCursor: ctx.cursors.seal(scope, page.cursor) };
    },

    /** Removes the connection, then revokes its tokens at the platform where it can. */
    async disconnect(userId: string, platform: PlatformName, meta: RequestMeta): Promise<void> {
      const store = await ctx.store();
      const current = await store.get(userId, platform);
      if (!current) throw notConnected(platform);
      // Announced before the delete, which cannot carry it (decision 37).
      await ctx.eventOutbox.publish(
        connectionStatusChanged(current, current.status, 'revoked', 'disconnected'),
      );
      const removed = await store.remove(userId, platform);
      if (!removed) throw notConnected(platform);
      await revokeUpstream(removed);
      await ctx.events.record(userId, 'platform.disconnected', platform, meta);
    },

    /** Connections in a user's data export (no tokens), and their removal with the account. */
    userData: {
      name: 'platformConnections',
      async export(userId) {
        return (await (await ctx.store()).list(userId)).map(toView);
      },
      async delete(userId) {
        const store = await ctx.store();
        for (const item of await store.list(userId)) {
          await ctx.eventOutbox.publish(
            connectionStatusChanged(item, item.status, 'revoked', 'account_deleted'),
          );
          const removed = await store.remove(userId, item.platform);
          if (removed) await revokeUpstream(removed);
        }
      },
    } satisfies UserDataContributor,
  };
  return service;
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>;
