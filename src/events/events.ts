/*
 * What Amply tells other systems (signed webhooks, `GET /dev/events`): the event names, their shape
 * and the port every module publishes through. Delivery (signing, retries, order per subject) sits
 * behind the port; a publisher only has to record the event with its change (docs/decisions/0037).
 */

export const EVENT_TYPES = [
  'user.created',
  'user.deleted',
  'user.signed_in',
  'user.disabled',
  'user.enabled',
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

/** An event as the outbox keeps it and receivers get it: its id is the receivers' deduplication key. */
export interface RecordedEvent extends NewEvent {
  eventId: string;
  occurredAt: string;
}

/**
 * The attributes a module adds to its own item write to carry an event in that same write (see
 * `stagedEventAttributes`); empty when no endpoint is configured.
 */
export type StagedEvent =
  | { stagedEvents: RecordedEvent[]; stagedEventsShard: string; stagedEventsAt: string }
  | Record<string, never>;

export interface EventPublisher {
  /**
   * Records the event in the outbox, in a write of its own after the change; it is delivered later, at
   * least once. A crash between the change and this call loses the event: where the change is one item
   * write, prefer `publishWith`.
   */
  publish(event: NewEvent): Promise<void>;

  /**
   * Records the event in the same item write as the change: `write` gets the attributes to store with
   * its item (which must declare `stagedEventAttributes`) and performs the write; when it answers
   * `false` (its condition failed) the event is dropped with the change. Answers what `write` answered.
   */
  publishWith<T>(event: NewEvent, write: (staged: StagedEvent) => Promise<T>): Promise<T>;
}
