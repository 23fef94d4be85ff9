import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, GO, key } from '../data/entity-helpers.js';
import { TABLE } from '../data/table.js';
import { EVENT_TYPES, type RecordedEvent } from './events.js';
import { LOG_PARTITION, pendingAt, pendingShard } from './outbox-keys.js';
import { DeliveryStates, StagedEventRecord } from './schemas.js';
import { PENDING_INDEX } from './staged-events.js';

/*
 * The event outbox (docs/decisions/0037, 0038).
 *
 *   item                    pk                   sk                  gsi4 (pending index)                       gsi3 (dev log)
 *   event                   EVENTS#<subject>     EVENT#<eventId>     OUTBOX#<shard>  <due>#<eventId>            EVENTLOG  <eventId>
 *   dispatch state          EVENTS#<subject>     DISPATCH            -
 *   item carrying events    (another module's)                       OUTBOX#<shard>  <occurredAt>#<eventId>
 *
 * A subject's events read back in the order they were recorded. An event stays in the pending index
 * (sparse: the keys go once it is delivered or given up everywhere) with the time it is next due; the
 * dispatch state holds the lease one dispatcher takes on the subject and how far its events are done.
 * The dev log index is written on the dev stage only, for `GET /dev/events`.
 */

const SERVICE = 'amply';

const pending = TABLE.indexes[PENDING_INDEX];
const log = TABLE.indexes.gsi3;

export function createOutboxEntities(client: DynamoDBDocumentClient, table: string) {
  const outboxEvent = new Entity(
    {
      model: { entity: 'outboxEvent', version: '1', service: SERVICE },
      attributes: {
        subject: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        type: { type: EVENT_TYPES, required: true, readOnly: true },
        data: { type: 'any', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        /** The endpoints configured when the event entered the outbox: the ones it is for. */
        endpoints: { type: 'list', items: { type: 'string' }, readOnly: true },
        /** Endpoint id → `DeliveryState`; written only by the holder of the subject's lease. */
        deliveries: { type: 'any' },
        pendingShard: { type: 'string', field: pending.partitionKey },
        pendingAt: { type: 'string', field: pending.sortKey },
        logPartition: { type: 'string', field: log.partitionKey, readOnly: true },
        logKey: { type: 'string', field: log.sortKey, readOnly: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        bySubject: {
          pk: { field: TABLE.partitionKey, ...key('EVENTS#${subject}', ['subject']) },
          sk: { field: TABLE.sortKey, ...key('EVENT#${eventId}', ['eventId']) },
        },
      },
    },
    { client, table },
  );

  const dispatchState = new Entity(
    {
      model: { entity: 'eventDispatchState', version: '1', service: SERVICE },
      attributes: {
        subject: { type: 'string', required: true, readOnly: true },
        /** Every event up to this id is delivered or given up for all its endpoints. */
        position: { type: 'string' },
        leaseHolder: { type: 'string' },
        /** Epoch milliseconds. */
        leaseUntil: { type: 'number' },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        bySubject: {
          pk: { field: TABLE.partitionKey, ...key('EVENTS#${subject}', ['subject']) },
          sk: { field: TABLE.sortKey, ...key('DISPATCH', []) },
        },
      },
    },
    { client, table },
  );
  return { outboxEvent, dispatchState };
}

export type OutboxEventItem = EntityItem<ReturnType<typeof createOutboxEntities>['outboxEvent']>;

/** An outbox event as the dispatcher and `GET /dev/events` use it. */
export interface OutboxEvent extends RecordedEvent {
  endpoints: string[];
  deliveries: DeliveryStates;
  /** When it is next due (epoch milliseconds); null once it left the pending index. */
  dueAt: number | null;
}

/** The key of another module's item that carries staged events, and the events as last read. */
export interface Carrier {
  key: { [TABLE.partitionKey]: string; [TABLE.sortKey]: string };
  events: RecordedEvent[];
}

/** What is due in one pending-index partition: subjects with events to deliver, and items with staged events. */
export interface DueEntries {
  subjects: string[];
  carriers: Carrier[];
  /** More entries than the page held are due. */
  more: boolean;
}

function toEvent(item: OutboxEventItem): OutboxEvent {
  return {
    eventId: item.eventId,
    type: item.type,
    subject: item.subject,
    data: item.data as Record<string, unknown>,
    occurredAt: item.occurredAt,
    endpoints: item.endpoints ?? [],
    deliveries: DeliveryStates.parse(item.deliveries ?? {}),
    dueAt:
      item.pendingAt === undefined ? null : Date.parse(item.pendingAt.slice(0, item.pendingAt.indexOf('#'))),
  };
}

function stagedEventsOf(item: Record<string, unknown>): RecordedEvent[] | null {
  const parsed = StagedEventRecord.array().safeParse(item.stagedEvents);
  return parsed.success ? parsed.data : null;
}

/** The outbox's data access: conditional writes answer `false` when their condition failed. */
export function createOutboxStore(client: DynamoDBDocumentClient, table: string) {
  const { outboxEvent, dispatchState } = createOutboxEntities(client, table);
  const sdk = import('@aws-sdk/lib-dynamodb');

  return {
    async put(item: OutboxEventItem): Promise<void> {
      await outboxEvent.create(item).go(GO);
    },

    /** Records the event unless an event with its id is there already (a staged event copied twice). */
    createOnce(item: OutboxEventItem): Promise<boolean> {
      return conditional(() => outboxEvent.create(item).go(GO));
    },

    async listBySubject(subject: string): Promise<OutboxEventItem[]> {
      return (await outboxEvent.query.bySubject({ subject }).go({ ...GO, pages: 'all' })).data;
    },

    /** A subject's events after `position` (all of them without one), oldest first, read consistently. */
    async eventsAfter(subject: string, position: string | undefined, limit: number): Promise<OutboxEvent[]> {
      const query = outboxEvent.query.bySubject({ subject });
      const page = await (position === undefined ? query : query.gt({ eventId: position })).go({
        ...GO,
        consistent: true,
        limit,
        count: limit,
      });
      return page.data.map(toEvent);
    },

    /** One page of a subject's events, newest first. */
    async pageBySubject(subject: string, limit: number, cursor: string | null) {
      const page = await outboxEvent.query
        .bySubject({ subject })
        .go({ ...GO, order: 'desc', limit, count: limit, cursor });
      return { items: page.data.map(toEvent), cursor: page.cursor };
    },

    /** One page of the dev log (every event recorded on the dev stage), newest first. */
    async pageRecent(limit: number, cursor: string | null) {
      const { QueryCommand } = await sdk;
      const result = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi3',
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': log.partitionKey },
          ExpressionAttributeValues: { ':pk': LOG_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, string> } : {}),
        }),
      );
      const items = outboxEvent.parse({ Items: result.Items ?? [] }).data.map(toEvent);
      return { items, cursor: result.LastEvaluatedKey ? JSON.stringify(result.LastEvaluatedKey) : null };
    },

    /**
     * What is due by `now` in one pending-index partition, oldest first. The index is read eventually
     * consistently: an entry may be a moment stale, which the lease and the consistent reads after it absorb.
     */
    async due(shard: string, now: number, limit: number): Promise<DueEntries> {
      const { QueryCommand } = await sdk;
      const result = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: PENDING_INDEX,
          KeyConditionExpression: '#pk = :pk AND #sk <= :due',
          // Only what the dispatcher reads: carriers are other modules' items (docs/decisions/0041).
          ProjectionExpression: '#tpk, #tsk, #subject, #staged',
          ExpressionAttributeNames: {
            '#pk': pending.partitionKey,
            '#sk': pending.sortKey,
            '#tpk': TABLE.partitionKey,
            '#tsk': TABLE.sortKey,
            '#subject': 'subject',
            '#staged': 'stagedEvents',
          },
          ExpressionAttributeValues: { ':pk': shard, ':due': `${new Date(now).toISOString()}#~` },
          Limit: limit,
        }),
      );
      const subjects = new Set<string>();
      const carriers: Carrier[] = [];
      for (const item of result.Items ?? []) {
        const staged = stagedEventsOf(item);
        if (staged) {
          carriers.push({
            key: { pk: item[TABLE.partitionKey] as string, sk: item[TABLE.sortKey] as string },
            events: staged,
          });
        } else if (typeof item.subject === 'string') {
          subjects.add(item.subject);
        }
      }
      return { subjects: [...subjects], carriers, more: result.LastEvaluatedKey !== undefined };
    },

    /** An item carrying staged events, read consistently; null when it carries none (any more). */
    async carrier(key: Carrier['key']): Promise<Carrier | null> {
      const { GetCommand } = await sdk;
      const result = await client.send(
        new GetCommand({
          TableName: table,
          Key: key,
          ConsistentRead: true,
          ProjectionExpression: '#staged',
          ExpressionAttributeNames: { '#staged': 'stagedEvents' },
        }),
      );
      const events = result.Item ? stagedEventsOf(result.Item) : null;
      return events ? { key, events } : null;
    },

    /**
     * Takes the staged events off their item and out of the pending index once they are in the outbox;
     * false when the item carries other events than those read (one was staged meanwhile: read it again).
     */
    clearStaged(carrier: Carrier): Promise<boolean> {
      const last = carrier.events.length - 1;
      return conditional(async () => {
        const { UpdateCommand } = await sdk;
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: carrier.key,
            UpdateExpression: 'REMOVE #staged, #shard, #at',
            ConditionExpression: `size(#staged) = :count AND #staged[${last}].#id = :last`,
            ExpressionAttributeNames: {
              '#staged': 'stagedEvents',
              '#shard': pending.partitionKey,
              '#at': pending.sortKey,
              '#id': 'eventId',
            },
            ExpressionAttributeValues: {
              ':count': carrier.events.length,
              ':last': carrier.events[last]?.eventId,
            },
          }),
        );
      });
    },

    /**
     * Takes the subject's dispatch lease if nobody holds a live one; answers how far its events are done,
     * or null when another dispatcher holds the lease.
     */
    async takeLease(
      subject: string,
      holder: string,
      now: number,
      until: number,
      ttl: number,
    ): Promise<{ position: string | undefined } | null> {
      let position: string | undefined;
      const taken = await conditional(async () => {
        const result = await dispatchState
          .update({ subject })
          .set({ leaseHolder: holder, leaseUntil: until, ttl })
          .where(
            ({ leaseUntil }, { notExists, lte }) => `${notExists(leaseUntil)} OR ${lte(leaseUntil, now)}`,
          )
          .go({ ...GO, response: 'all_new' });
        position = result.data.position;
      });
      return taken ? { position } : null;
    },

    /** Extends the lease while its holder still has it; false when another dispatcher took it over. */
    renewLease(subject: string, holder: string, until: number): Promise<boolean> {
      return conditional(() =>
        dispatchState
          .patch({ subject })
          .set({ leaseUntil: until })
          .where(({ leaseHolder }, { eq }) => eq(leaseHolder, holder))
          .go(GO),
      );
    },

    /** Ends the lease, recording how far the subject's events are done; false when the lease was lost. */
    releaseLease(subject: string, holder: string, position: string | undefined): Promise<boolean> {
      return conditional(() =>
        dispatchState
          .patch({ subject })
          .set(position === undefined ? {} : { position })
          .remove(['leaseHolder', 'leaseUntil'])
          .where(({ leaseHolder }, { eq }) => eq(leaseHolder, holder))
          .go(GO),
      );
    },

    /**
     * Stores where an event stands with its endpoints, and when it is next due (null: done everywhere,
     * out of the pending index).
     */
    async recordDeliveries(event: OutboxEvent, nextDue: number | null): Promise<void> {
      const update = outboxEvent
        .patch({ subject: event.subject, eventId: event.eventId })
        .set({ deliveries: event.deliveries });
      await (nextDue === null
        ? update.remove(['pendingShard', 'pendingAt'])
        : update.set({
            pendingShard: pendingShard(event.subject),
            pendingAt: pendingAt(nextDue, event.eventId),
          })
      ).go(GO);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
