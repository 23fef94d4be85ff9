import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isoTime } from '../../clock.js';
import { DomainError } from '../../errors.js';
import type { ProviderTokens } from '../../oauth/client.js';
import { InvalidGrantError, UpstreamError } from '../../oauth/errors.js';
import type { PlatformName } from '../../oauth/providers.js';
import type { RequestMeta } from '../identity/index.js';
import { connectionStatusChanged } from './connection-status.js';
import type { ConnectionsContext } from './context.js';
import { notConnected, reauthRequired } from './errors.js';
import type { ConnectionItem } from './store.js';
import type { TokenVault } from './token-vault.js';

/** An access token expiring sooner than this is refreshed at the platform first. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;
/** Used when a platform's token response has no `expires_in`. */
const DEFAULT_EXPIRES_IN = 3600;
/** How often a waiting request re-reads the connection: 10 ms, doubling up to 250 ms. */
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 250;

/**
 * A grant's tokens as a connection item holds them, for a connect and a refresh alike: sealed, and with
 * an expiry even when the platform gave none. No refresh token: the platform sent none.
 */
export function sealedTokens(
  vault: TokenVault,
  userId: string,
  platform: PlatformName,
  tokens: ProviderTokens,
  now: number,
): { accessToken: string; refreshToken: string | undefined; expiresAt: number } {
  return {
    accessToken: vault.seal(userId, platform, 'access', tokens.accessToken),
    refreshToken: tokens.refreshToken
      ? vault.seal(userId, platform, 'refresh', tokens.refreshToken)
      : undefined,
    expiresAt: tokens.expiresAt ?? now + DEFAULT_EXPIRES_IN * 1000,
  };
}

export interface PlatformAccess {
  accessToken: string;
  expiresIn: number;
}

/** A connection made fresh: its access token, and whether this call refreshed it at the platform. */
export interface FreshAccess {
  access: PlatformAccess;
  refreshedHere: boolean;
}

/**
 * The platform refresh, once across every process sharing the table (docs/decisions/0014).
 *
 * A request that finds the access token near expiry takes a lease on the connection item (a
 * conditional update: the version it read, no live lease). The holder calls the platform and stores
 * the new tokens with a write conditional on that version, which also ends the lease. Everyone else
 * re-reads the item, backing off, until the new tokens are there (and returns them), the holder gave
 * up (and fails the same way), or the lease has run out because its holder died (and takes it over).
 * The lease lasts longer than two upstream timeouts, so a live holder never loses it mid-call. The
 * proactive refresh goes through the same lease, so it never races a user's refresh.
 */
export function createPlatformRefresh(ctx: ConnectionsContext) {
  const leaseMs = (ctx.config.oauth.timeoutSeconds * 2 + 5) * 1000;

  function access(item: ConnectionItem, now: number): PlatformAccess {
    return {
      accessToken: ctx.vault.open(item.userId, item.platform, 'access', item.accessToken),
      expiresIn: Math.max(0, Math.floor((item.expiresAt - now) / 1000)),
    };
  }

  /** Marks the connection `needs_reauth` with its event; false when the item changed first (look again). */
  async function markNeedsReauth(
    item: ConnectionItem,
    reason: 'refresh_refused' | 'expired_without_refresh_token',
    meta: RequestMeta | undefined,
  ): Promise<boolean> {
    const { userId, platform, version } = item;
    const store = await ctx.store();
    const marked = await ctx.eventOutbox.publishWith(
      connectionStatusChanged(item, 'healthy', 'needs_reauth', reason),
      (staged) => store.markNeedsReauth(userId, platform, version, isoTime(ctx.clock.now()), staged),
    );
    if (marked) await ctx.events.record(userId, 'platform.reauth_required', platform, meta);
    return marked;
  }

  /** Calls the platform while holding the lease; stores what it answers. Null: look at the item again. */
  async function refreshHolding(
    item: ConnectionItem,
    holder: string,
    meta: RequestMeta | undefined,
  ): Promise<PlatformAccess | null> {
    const { userId, version } = item;
    const platform = item.platform as PlatformName;
    const store = await ctx.store();
    const refreshToken = ctx.vault.open(userId, platform, 'refresh', item.refreshToken as string);
    let tokens: ProviderTokens;
    try {
      tokens = await ctx.oauth.refresh(platform, refreshToken);
    } catch (error) {
      if (error instanceof InvalidGrantError) {
        if (!(await markNeedsReauth(item, 'refresh_refused', meta))) return null;
        ctx.logger.warn({ userId, platform }, 'platform refused the refresh token; the user must reconnect');
        throw reauthRequired(platform);
      }
      await store.releaseAfterFailure(userId, platform, holder);
      ctx.logger.warn({ userId, platform, failure: describeFailure(error) }, 'platform refresh failed');
      // The client answers UpstreamError, or PROVIDER_NOT_CONFIGURED once the platform's configuration is gone.
      throw error instanceof DomainError ? error : new UpstreamError(platform);
    }
    const now = ctx.clock.now();
    // A platform that rotates refresh tokens sends a new one; one that leaves it out keeps the old one
    // valid, and the stored one stays (`storeRefreshed` never writes an absent refresh token).
    const sealed = sealedTokens(ctx.vault, userId, platform, tokens, now);
    const fields = { ...sealed, scope: tokens.scope ?? item.scope, updatedAt: isoTime(now) };
    const stored =
      (await store.storeRefreshed(userId, platform, version, fields)) ||
      // Our lease ran out mid-call and whoever took it over had the refresh token we had just spent
      // refused: our fresh tokens prove the grant alive, so they heal the connection (and say so).
      (await ctx.eventOutbox.publishWith(
        connectionStatusChanged(item, 'needs_reauth', 'healthy', 'refreshed'),
        (staged) => store.storeRefreshed(userId, platform, version, fields, 'needs_reauth', staged),
      ));
    if (!stored) return null;
    return { accessToken: tokens.accessToken, expiresIn: Math.floor((sealed.expiresAt - now) / 1000) };
  }

  /**
   * Refreshes the connection at the platform (once across processes) if `due` says its tokens, as read,
   * need it; answers its access token either way.
   */
  async function ensureFresh(
    userId: string,
    platform: PlatformName,
    due: (item: ConnectionItem, now: number) => boolean,
    meta?: RequestMeta,
  ): Promise<FreshAccess> {
    const store = await ctx.store();
    const holder = randomBytes(12).toString('base64url');
    const awaited = new Set<string>();
    let pause = FIRST_POLL_MS;
    let waited = 0;
    for (;;) {
      const item = await store.get(userId, platform);
      const now = ctx.clock.now();
      if (!item) throw notConnected(platform);
      if (item.status === 'needs_reauth') throw reauthRequired(platform);
      if (!due(item, now)) return { access: access(item, now), refreshedHere: false };
      if (item.refreshFailedBy && awaited.has(item.refreshFailedBy)) throw new UpstreamError(platform);
      if (!item.refreshToken) {
        if (item.expiresAt > now) return { access: access(item, now), refreshedHere: false };
        // Expired, and nothing to refresh it with.
        await markNeedsReauth(item, 'expired_without_refresh_token', meta);
        throw reauthRequired(platform);
      }
      const leased = item.refreshLockHolder !== undefined && (item.refreshLockUntil ?? 0) > now;
      if (!leased) {
        if (await store.takeRefreshLease(userId, platform, item.version, holder, now, now + leaseMs)) {
          let result: PlatformAccess | null;
          try {
            result = await refreshHolding(item, holder, meta);
          } catch (error) {
            // An unexpected failure (not the platform's answer): give the lease back rather than make
            // every other request wait for it to run out.
            if (!(error instanceof DomainError)) await store.releaseAfterFailure(userId, platform, holder);
            throw error;
          }
          if (result) return { access: result, refreshedHere: true };
        }
        continue; // someone else took the lease or stored new tokens first: look again at once
      }
      awaited.add(item.refreshLockHolder as string);
      if (waited > leaseMs + MAX_POLL_MS) throw new UpstreamError(platform);
      await sleep(pause);
      waited += pause;
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
  }

  return {
    /** A usable access token for the connection, refreshed at the platform only when it expires soon. */
    async accessToken(userId: string, platform: PlatformName, meta?: RequestMeta): Promise<PlatformAccess> {
      const due = (item: ConnectionItem, now: number) => item.expiresAt - now <= REFRESH_WINDOW_MS;
      return (await ensureFresh(userId, platform, due, meta)).access;
    },
    ensureFresh,
  };
}

/** What went wrong upstream, without anything the platform or the request carried (tokens included). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const cause = error.cause instanceof Error ? `: ${error.cause.name}` : '';
  return `${error.name}${cause}`;
}
