import type { NewEvent } from '../../events/events.js';

/*
 * A connection's health, and the event that tells other systems when it changes (docs/decisions/0043).
 * It changes only on evidence: a grant (a connect, a Spotify sign-in) or a successful refresh makes it
 * `healthy`; the platform refusing the refresh token (`invalid_grant`), or an access token expiring with
 * nothing to refresh it, makes it `needs_reauth`; a disconnect or the account's deletion removes it
 * (`revoked`, which is therefore never stored or listed: the connection is gone).
 */

/** What a stored connection can be. */
export const CONNECTION_STATUSES = ['healthy', 'needs_reauth'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Why a status changed, as `connection.status_changed` says it. */
export type StatusChangeReason =
  /** A first grant: no connection before (`previousStatus` null). */
  | 'connected'
  /** A new grant for a connection that needed one. */
  | 'reconnected'
  /** A refresh succeeded over a connection marked meanwhile (decision 14's slow lease holder). */
  | 'refreshed'
  | 'refresh_refused'
  | 'expired_without_refresh_token'
  | 'disconnected'
  | 'account_deleted';

/**
 * `connection.status_changed`. Its subject is the owner, so a user's connection events reach receivers
 * in order with the user's own (`user.deleted` last).
 */
export function connectionStatusChanged(
  connection: { userId: string; platform: string; platformUserId: string },
  from: ConnectionStatus | null,
  to: ConnectionStatus | 'revoked',
  reason: StatusChangeReason,
): NewEvent {
  return {
    type: 'connection.status_changed',
    subject: connection.userId,
    data: {
      userId: connection.userId,
      platform: connection.platform,
      platformUserId: connection.platformUserId,
      status: to,
      previousStatus: from,
      reason,
    },
  };
}
