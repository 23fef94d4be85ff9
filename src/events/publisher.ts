import { type Clock, epochSeconds, isoTime } from '../clock.js';
import type { Database } from '../data/database.js';
import { newOrderedId } from '../ids.js';
import { lazy } from '../lazy.js';
import type { EventPublisher } from './events.js';

/** How long an event stays in the outbox: the day of delivery retries, and a day more to read it back. */
const OUTBOX_RETENTION_SECONDS = 2 * 24 * 3600;

/** The table-backed publisher: each event becomes an outbox item; the store loads on first use. */
export function createEventPublisher(db: Database, clock: Clock): EventPublisher {
  const store = lazy(async () => {
    const { createOutboxStore } = await import('./outbox-store.js');
    return createOutboxStore(await db.documentClient(), db.tableName);
  });
  return {
    async publish(event) {
      const now = clock.now();
      await (await store()).put({
        ...event,
        eventId: newOrderedId('evt', now),
        occurredAt: isoTime(now),
        ttl: epochSeconds(now) + OUTBOX_RETENTION_SECONDS,
      });
    },
  };
}
