import { createHash } from 'node:crypto';
import { epochSeconds } from '../clock.js';
import type { RecordedEvent } from './events.js';
import type { OutboxEventItem } from './outbox-store.js';

/*
 * How an event's outbox item is keyed and indexed, kept apart from the store so that publishing does not
 * load ElectroDB before the first event (docs/decisions/0006).
 */

/** How long an event stays in the outbox: the day of delivery retries, and a day more to read it back. */
export const OUTBOX_RETENTION_SECONDS = 2 * 24 * 3600;
/** Subjects hash onto this many pending-index partitions, so no one partition takes every event write. */
export const PENDING_SHARDS = 4;
/** The dev log's one partition (dev stage only: a laptop's events). */
export const LOG_PARTITION = 'EVENTLOG';

/** The pending-index partition of a subject's events. */
export function pendingShard(subject: string): string {
  return `OUTBOX#${(createHash('sha256').update(subject).digest()[0] as number) % PENDING_SHARDS}`;
}

/** The pending-index sort key: when the entry is next due, then the event (ISO times sort as strings). */
export function pendingAt(dueMs: number, eventId: string): string {
  return `${new Date(dueMs).toISOString()}#${eventId}`;
}

/** The outbox item for an event; in the pending index when there is an endpoint to deliver it to. */
export function outboxItem(
  event: RecordedEvent,
  options: { endpointIds?: string[] | undefined; listed?: boolean | undefined },
): OutboxEventItem {
  const endpoints = options.endpointIds ?? [];
  return {
    ...event,
    endpoints,
    deliveries: {},
    ...(endpoints.length > 0
      ? {
          pendingShard: pendingShard(event.subject),
          pendingAt: pendingAt(Date.parse(event.occurredAt), event.eventId),
        }
      : {}),
    ...(options.listed ? { logPartition: LOG_PARTITION, logKey: event.eventId } : {}),
    ttl: epochSeconds(Date.parse(event.occurredAt)) + OUTBOX_RETENTION_SECONDS,
  };
}
