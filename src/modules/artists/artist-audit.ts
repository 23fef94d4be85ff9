import { epochSeconds, isoTime } from '../../clock.js';
import { newOrderedId } from '../../ids.js';
import type { ArtistsContext, RequestMeta } from './context.js';

/*
 * The artist's audit trail (decision 26): every callback attempt that names an existing artist —
 * accepted, replayed or refused, and why — and the owner's token and setup actions, 90 days, in the
 * artist's partition. Callbacks come from a machine, not from a signed-in user, so they belong to the
 * artist rather than to a user's security log; the owner reads the trail in their data export.
 */

export const AUDIT_TYPES = [
  'artist.created',
  'callback_token.issued',
  'callback.accepted',
  'callback.refused',
  'setup.verified',
  'setup.failed',
  'stack.deleted',
] as const;
export type ArtistAuditType = (typeof AUDIT_TYPES)[number];

const RETENTION_SECONDS = 90 * 24 * 3600;

export interface ArtistAuditEvent {
  eventId: string;
  type: string;
  at: string;
  ip: string | null;
  userId: string | null;
  stackId: string | null;
  detail: string | null;
}

export function createArtistAudit(ctx: Pick<ArtistsContext, 'clock' | 'store'>) {
  return {
    async record(
      artistId: string,
      type: ArtistAuditType,
      meta: RequestMeta | undefined,
      extra: { userId?: string; stackId?: string; detail?: string } = {},
    ): Promise<void> {
      const now = ctx.clock.now();
      await (await ctx.store()).putAudit({
        artistId,
        eventId: newOrderedId('evt', now),
        type,
        at: isoTime(now),
        ...(meta?.ip ? { ip: meta.ip } : {}),
        ...(extra.userId ? { userId: extra.userId } : {}),
        ...(extra.stackId ? { stackId: extra.stackId.slice(0, 2048) } : {}),
        ...(extra.detail ? { detail: extra.detail.slice(0, 512) } : {}),
        ttl: epochSeconds(now) + RETENTION_SECONDS,
      });
    },

    /** Oldest first, without events past their retention. */
    async list(artistId: string): Promise<ArtistAuditEvent[]> {
      const cutoff = epochSeconds(ctx.clock.now());
      return (await (await ctx.store()).listAudit(artistId))
        .filter((item) => (item.ttl ?? Number.POSITIVE_INFINITY) > cutoff)
        .map((item) => ({
          eventId: item.eventId,
          type: item.type,
          at: item.at,
          ip: item.ip ?? null,
          userId: item.userId ?? null,
          stackId: item.stackId ?? null,
          detail: item.detail ?? null,
        }));
    },
  };
}

export type ArtistAudit = ReturnType<typeof createArtistAudit>;
