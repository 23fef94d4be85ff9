import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { GO, key } from '../data/entity-helpers.js';
import { TABLE } from '../data/table.js';

/*
 * The event outbox: one item per event in the partition of its subject, `EVENTS#<subject>` /
 * `<eventId>`, so a subject's events read back in the order they were recorded.
 */

export function createOutboxEntities(client: DynamoDBDocumentClient, table: string) {
  const outboxEvent = new Entity(
    {
      model: { entity: 'outboxEvent', version: '1', service: 'amply' },
      attributes: {
        subject: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true, readOnly: true },
        data: { type: 'any', required: true, readOnly: true },
        occurredAt: { type: 'string', required: true, readOnly: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        bySubject: {
          pk: { field: TABLE.partitionKey, ...key('EVENTS#${subject}', ['subject']) },
          sk: { field: TABLE.sortKey, ...key('${eventId}', ['eventId']) },
        },
      },
    },
    { client, table },
  );
  return { outboxEvent };
}

export type OutboxEventItem = EntityItem<ReturnType<typeof createOutboxEntities>['outboxEvent']>;

export function createOutboxStore(client: DynamoDBDocumentClient, table: string) {
  const { outboxEvent } = createOutboxEntities(client, table);
  return {
    async put(item: OutboxEventItem): Promise<void> {
      await outboxEvent.create(item).go(GO);
    },

    async listBySubject(subject: string): Promise<OutboxEventItem[]> {
      return (await outboxEvent.query.bySubject({ subject }).go({ ...GO, pages: 'all' })).data;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
