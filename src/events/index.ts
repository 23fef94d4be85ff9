import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../data/database.js';
import { lazy } from '../lazy.js';
import type { Logger } from '../logger.js';
import { createEventDispatcher, type DispatcherOptions, type EventDispatcher } from './dispatcher.js';
import type { EventPublisher } from './events.js';
import type { OutboxStore } from './outbox-store.js';
import { createEventPublisher } from './publisher.js';

export type { EventDispatcher } from './dispatcher.js';
export type { EventPublisher, NewEvent, StagedEvent } from './events.js';
export { stagedEventAttributes, stagedUpdate } from './staged-events.js';

/** The outbox store, loaded (with ElectroDB) on first use. */
export function lazyOutboxStore(db: Database): () => Promise<OutboxStore> {
  return lazy(async () => {
    const { createOutboxStore } = await import('./outbox-store.js');
    return createOutboxStore(await db.documentClient(), db.tableName);
  });
}

/**
 * The outbox's two halves over one table: the publisher modules record events through, and the
 * dispatcher that delivers them to `AMPLY_WEBHOOKS` (started by the Node server, run by the stream's
 * Lambda handler). Publishing wakes the dispatcher when it runs in the same process.
 */
export function createEvents(
  config: Pick<Config, 'stage' | 'webhooks' | 'webhookTimeoutSeconds'>,
  db: Database,
  clock: Clock,
  logger: Logger,
  tuning: Pick<DispatcherOptions, 'concurrency' | 'pollMs'> = {},
): { publisher: EventPublisher; dispatcher: EventDispatcher } {
  const store = lazyOutboxStore(db);
  const listed = config.stage === 'dev';
  const dispatcher = createEventDispatcher({
    ...tuning,
    timeoutMs: config.webhookTimeoutSeconds * 1000,
    endpoints: config.webhooks,
    store,
    clock,
    logger,
    listed,
  });
  const publisher = createEventPublisher(db, clock, {
    endpointIds: config.webhooks.map((endpoint) => endpoint.id),
    listed,
    logger,
    onRecorded: (subject) => dispatcher.wake(subject),
  });
  return { publisher, dispatcher };
}
