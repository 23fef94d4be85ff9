import { type Clock, isoTime } from '../clock.js';
import type { Database } from '../data/database.js';
import { newOrderedId } from '../ids.js';
import { lazy } from '../lazy.js';
import type { Logger } from '../logger.js';
import type { EventPublisher, NewEvent, RecordedEvent, StagedEvent } from './events.js';
import { outboxItem, pendingAt, pendingShard } from './outbox-keys.js';

export interface PublisherOptions {
  /** The ids of the configured endpoints: what a new event is for. None: events are only recorded. */
  endpointIds?: string[];
  /** Also list events in the dev log (`GET /dev/events`); the dev stage only. */
  listed?: boolean;
  /** Told the subject of every event that entered the outbox (the Node server wakes its dispatcher). */
  onRecorded?: (subject: string) => void;
  /** Where a failed copy of a staged event is reported (the dispatcher copies it later). */
  logger?: Logger;
}

/** The table-backed publisher: each event becomes an outbox item; the store loads on first use. */
export function createEventPublisher(
  db: Database,
  clock: Clock,
  options: PublisherOptions = {},
): EventPublisher {
  const store = lazy(async () => {
    const { createOutboxStore } = await import('./outbox-store.js');
    return createOutboxStore(await db.documentClient(), db.tableName);
  });
  const delivering = (options.endpointIds ?? []).length > 0;

  function record(event: NewEvent): RecordedEvent {
    const now = clock.now();
    return { ...event, eventId: newOrderedId('evt', now), occurredAt: isoTime(now) };
  }

  async function publish(event: NewEvent): Promise<void> {
    const recorded = record(event);
    await (await store()).put(outboxItem(recorded, options));
    options.onRecorded?.(recorded.subject);
  }

  return {
    publish,

    async publishWith(event, write) {
      if (!delivering) {
        // Nothing to deliver to: the record is for reading back only, and need not ride on the change.
        const result = await write({});
        if (result !== false) await publish(event);
        return result;
      }
      const recorded = record(event);
      const staged: StagedEvent = {
        stagedEvents: [recorded],
        stagedEventsShard: pendingShard(recorded.subject),
        stagedEventsAt: pendingAt(Date.parse(recorded.occurredAt), recorded.eventId),
      };
      const result = await write(staged);
      if (result === false) return result;
      // Copy it into the outbox at once, so it goes out without waiting for the dispatcher to find the
      // item; should this fail (or the process die first), the dispatcher copies it from the item.
      try {
        await (await store()).createOnce(outboxItem(recorded, options));
        options.onRecorded?.(recorded.subject);
      } catch (error) {
        options.logger?.warn(
          { eventId: recorded.eventId, failure: (error as Error).name },
          'recording a staged event failed; the dispatcher will copy it from its item',
        );
      }
      return result;
    },
  };
}
