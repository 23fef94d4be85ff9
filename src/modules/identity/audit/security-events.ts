import { epochSeconds, isoTime } from '../../../clock.js';
import { newOrderedId } from '../../../ids.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import type { SecurityEventPageView } from './schemas.js';

export const SECURITY_EVENT_TYPES = [
  'account.registered',
  'account.confirmed',
  'account.confirmed_by_admin',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'mfa.failed',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery_code_used',
  'password.changed',
  'password.reset',
  'email.change_requested',
  'email.changed',
  'refresh.reuse_detected',
  'session.revoked',
  'sessions.revoked_all',
  'identity.linked',
  'identity.unlinked',
  'sso.link_refused',
  /** A link this account started was redeemed by another account (a lured browser?); nothing was linked. */
  'identity.link_redeemed_elsewhere',
  'platform.connected',
  'platform.disconnected',
  /** A connect this account started was redeemed by another account (a lured browser?); nothing was stored. */
  'platform.connect_redeemed_elsewhere',
  'platform.reauth_required',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

const RETENTION_SECONDS = 90 * 24 * 3600;

/** The audit trail: what happened to an account's security, kept 90 days, readable by the user and admins. */
export function createSecurityEvents(ctx: IdentityContext) {
  return {
    async record(
      userId: string,
      type: SecurityEventType,
      meta?: RequestMeta,
      detail: { sessionId?: string; reason?: string } = {},
    ): Promise<void> {
      const now = ctx.clock.now();
      const store = await ctx.store();
      await store.putSecurityEvent({
        userId,
        eventId: newOrderedId('evt', now),
        type,
        at: isoTime(now),
        ...(meta?.ip ? { ip: meta.ip } : {}),
        ...(meta?.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
        ...(detail.sessionId || detail.reason ? { detail } : {}),
        ttl: epochSeconds(now) + RETENTION_SECONDS,
      });
    },

    /** Newest first, paginated with a cursor bound to this user's trail. */
    async list(userId: string, limit: number, cursor: string | undefined): Promise<SecurityEventPageView> {
      const scope = `security-events:${userId}`;
      const store = await ctx.store();
      const page = await store.listSecurityEvents(userId, limit, ctx.cursors.open(scope, cursor));
      const cutoff = epochSeconds(ctx.clock.now());
      const items = page.items
        .filter((item) => (item.ttl ?? Number.POSITIVE_INFINITY) > cutoff)
        .map((item) => ({
          eventId: item.eventId,
          type: item.type,
          at: item.at,
          ip: item.ip ?? null,
          userAgent: item.userAgent ?? null,
          sessionId: item.detail?.sessionId ?? null,
          reason: item.detail?.reason ?? null,
        }));
      return { items, nextCursor: ctx.cursors.seal(scope, page.cursor) };
    },
  };
}

export type SecurityEvents = ReturnType<typeof createSecurityEvents>;
