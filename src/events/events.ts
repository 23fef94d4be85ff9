/*
 * What Amply tells other systems (signed webhooks, `GET /dev/events`): the event names, their shape
 * and the port every module publishes through. Delivery (signing, retries, order per subject) sits
 * behind the port; a publisher only has to record the event once its change is stored.
 */

export const EVENT_TYPES = [
  'user.created',
  'user.deleted',
  'user.signed_in',
  'connection.status_changed',
  'artist.setup_completed',
  'artist.setup_failed',
  'casting.application_status_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface NewEvent {
  type: EventType;
  /** What the event is about (`usr_…`, an artist id, `app_…`); events of one subject are delivered in order. */
  subject: string;
  /** JSON the receiver needs; never a secret, a token or a code. */
  data: Record<string, unknown>;
}

export interface EventPublisher {
  /** Records the event in the outbox; it is delivered later, at least once. */
  publish(event: NewEvent): Promise<void>;
}
