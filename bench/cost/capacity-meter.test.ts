import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../src/data/bootstrap.js';
import { createDatabase } from '../../src/data/database.js';
import { createCapacityMeter, type IndexDefinition, indexWriteUnits } from './capacity-meter.js';

const s = (value: string) => ({ S: value });
const ALL: IndexDefinition = {
  KeySchema: [{ AttributeName: 'gsi1pk' }, { AttributeName: 'gsi1sk' }],
  Projection: { ProjectionType: 'ALL' },
};
const KEYS_ONLY: IndexDefinition = { ...ALL, Projection: { ProjectionType: 'KEYS_ONLY' } };
const item = (extra: Record<string, { S: string }>) => ({ pk: s('USER#1'), sk: s('GTR#1'), ...extra });
const indexed = { gsi1pk: s('GTRY#1'), gsi1sk: s('1965#1') };
const big = s('x'.repeat(1500));

describe('index write units (DynamoDB’s rules, which the embedded engine does not report)', () => {
  it('charges an entry appearing or disappearing once, by its projected size', () => {
    expect(indexWriteUnits(undefined, item({ ...indexed, notes: big }), [ALL])).toBe(2);
    expect(indexWriteUnits(item({ ...indexed, notes: big }), undefined, [ALL])).toBe(2);
    expect(indexWriteUnits(undefined, item({ ...indexed, notes: big }), [KEYS_ONLY])).toBe(1);
  });

  it('charges nothing for an item outside the index (sparse) or a change nothing projects', () => {
    expect(indexWriteUnits(item({ notes: s('a') }), item({ notes: s('b') }), [ALL])).toBe(0);
    expect(
      indexWriteUnits(item({ ...indexed, notes: s('a') }), item({ ...indexed, notes: s('b') }), [KEYS_ONLY]),
    ).toBe(0);
  });

  it('charges a projected change once and a moved key twice (delete and put)', () => {
    expect(
      indexWriteUnits(item({ ...indexed, notes: s('a') }), item({ ...indexed, notes: big }), [ALL]),
    ).toBe(2);
    const moved = { ...indexed, gsi1sk: s('1966#1') };
    expect(indexWriteUnits(item(indexed), item(moved), [KEYS_ONLY])).toBe(2);
  });
});

describe('the capacity meter', () => {
  it('asks the engine for consumed capacity on every call while recording, and adds index writes', async () => {
    const endpoint = inject('dynamoEndpoint');
    const tableName = `amply-meter-${randomBytes(4).toString('hex')}`;
    const db = createDatabase({ tableName, region: 'us-east-1', endpoint });
    await ensureTable(await db.client(), tableName);
    const meter = createCapacityMeter(endpoint);
    meter.attach(await db.client());
    const documents = await db.documentClient();
    try {
      const { consumed } = await meter.measure(async () => {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: 'USER#1', sk: 'GTR#1', gsi1pk: 'GTRY#1', gsi1sk: '1965#1', notes: 'x'.repeat(1500) },
          }),
        );
        await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': 'GTRY#1' },
          }),
        );
      });
      expect(consumed.calls).toEqual({ PutItemCommand: 1, QueryCommand: 1 });
      expect(consumed.writeUnits).toBe(2);
      expect(consumed.indexWriteUnits).toBe(2);
      expect(consumed.readUnits).toBe(0.5);
      // Outside `measure` nothing is counted.
      const again = await meter.measure(async () => undefined);
      expect(again.consumed).toEqual({ readUnits: 0, writeUnits: 0, indexWriteUnits: 0, calls: {} });
    } finally {
      meter.close();
    }
  });
});
