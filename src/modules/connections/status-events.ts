import type { NewEvent } from '../../events/events.js';
import type { ConnectionItem } from './store.js';

/**
 * `connection.status_changed` from what a connection records today: its owner is the subject, so a
 * user's connection events reach receivers in order with the user's own (`user.deleted` last).
 */
export function connectionStatusChanged(
  item: ConnectionItem,
  status: 'needs_reauth' | 'revoked',
  reason: 'refresh_refused' | 'expired_without_refresh_token' | 'disconnected' | 'account_deleted',
): NewEvent {
  return {
    type: 'connection.status_changed',
    subject: item.userId,
    data: {
      userId: item.userId,
      platform: item.platform,
      platformUserId: item.platformUserId,
      status,
      previousStatus: item.needsReauth ? 'needs_reauth' : 'healthy',
      reason,
    },
  };
}
