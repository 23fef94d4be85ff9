import { isoTime } from '../../clock.js';
import { DomainError } from '../../errors.js';
import type { PlatformName } from '../../oauth/providers.js';
import type { ConnectionsContext } from './context.js';
import { type createPlatformRefresh, describeFailure } from './platform-refresh.js';
import type { ConnectionItem } from './store.js';

/**
 * The window when none is given, for a daily run: platforms' access tokens live an hour, so it takes in
 * every healthy connection, and each is refreshed (and so proved alive) at least once a day.
 */
export const DEFAULT_REFRESH_WITHIN = '24h';

/** Connections refreshed at the same time (each is one upstream call and a few table writes). */
const CONCURRENCY = 4;
/** Entries read from the expiry index at a time. */
const PAGE_SIZE = 50;

export interface ProactiveRefreshOptions {
  /** Refresh connections whose access token expires within this many milliseconds from now. */
  withinMs: number;
  /** Epoch milliseconds on the context's clock after which no further connection is started. */
  deadline?: number;
}

/** What one run did. Every connection it looked at is counted once. */
export interface ProactiveRefreshReport {
  /** Connections whose access token expires by this time were due. */
  until: string;
  /** Refreshed at the platform by this run. */
  refreshed: number;
  /** Fresh when read: its tokens changed since the index was read (a user's refresh, a reconnect). */
  fresh: number;
  /** The platform refused the grant: now `needs_reauth` (with its event), or already so. */
  needsReauth: number;
  /** The platform failed or timed out, or the tokens could not be opened: tried again next run. */
  failed: number;
  /** Skipped: its platform is not configured here, or it was disconnected meanwhile. */
  skipped: number;
  /** False when the deadline stopped the run before every due connection was seen. */
  finished: boolean;
}

/**
 * The proactive refresh (docs/decisions/0043): refreshes every healthy connection whose access token
 * expires within the window, found through the expiry index (no Scan), so connections nobody uses stay
 * alive at platforms whose refresh tokens lapse when unused, and a grant the platform no longer honours is
 * found (and announced) before the user comes back. Each connection goes through the same lease as a
 * user's refresh, so the two never both call the platform. A connection's tokens never leave this code.
 */
export function createProactiveRefresh(
  ctx: ConnectionsContext,
  refresh: ReturnType<typeof createPlatformRefresh>,
) {
  return async function refreshExpiring(options: ProactiveRefreshOptions): Promise<ProactiveRefreshReport> {
    const store = await ctx.store();
    const until = ctx.clock.now() + options.withinMs;
    const report: ProactiveRefreshReport = {
      until: isoTime(until),
      refreshed: 0,
      fresh: 0,
      needsReauth: 0,
      failed: 0,
      skipped: 0,
      finished: true,
    };
    // A connection refreshed by this run moves to its new expiry, which may still be inside the window
    // and so come up again on a later page: each is handled once per run.
    const seen = new Set<string>();

    /** Refreshes the connection unless its tokens changed since the index showed them due (at `version`). */
    async function refreshOne(userId: string, platform: PlatformName, version: number): Promise<void> {
      if (!ctx.oauth.provider(platform)) {
        report.skipped += 1;
        return;
      }
      try {
        // Tokens written since the index was read (a user's refresh, a reconnect) are as new as this run
        // would make them: refreshing again would only spend an upstream call.
        const due = (item: ConnectionItem) => item.version === version && item.expiresAt <= until;
        const { refreshedHere } = await refresh.ensureFresh(userId, platform, due);
        if (refreshedHere) report.refreshed += 1;
        else report.fresh += 1;
      } catch (error) {
        const code = error instanceof DomainError ? error.code : undefined;
        if (code === 'PLATFORM_REAUTH_REQUIRED') report.needsReauth += 1;
        else if (code === 'PLATFORM_NOT_CONNECTED') report.skipped += 1;
        else {
          report.failed += 1;
          ctx.logger.warn(
            { userId, platform, failure: code ?? describeFailure(error) },
            'proactive refresh of a connection failed; the next run tries again',
          );
        }
      }
    }

    // Workers share one iterator: an async generator hands each entry to exactly one of them.
    const entries = store.expiringBy(until, PAGE_SIZE);
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        if (options.deadline !== undefined && ctx.clock.now() >= options.deadline) {
          report.finished = false;
          return;
        }
        const next = await entries.next();
        if (next.done) return;
        const { userId, platform, version } = next.value;
        const key = `${userId}#${platform}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await refreshOne(userId, platform as PlatformName, version);
      }
    });
    await Promise.all(workers);
    if (!report.finished) await entries.return(undefined);
    ctx.logger.info({ ...report }, 'proactive refresh of platform connections done');
    return report;
  };
}
