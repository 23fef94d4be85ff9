import { randomBytes } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable } from './bootstrap.js';
import { createDatabase } from './database.js';
import { TABLE } from './table.js';

describe('ensureTable', () => {
  it('creates the table with the shared key schema once, and finds it afterwards', async () => {
    const tableName = `amply-bootstrap-${randomBytes(4).toString('hex')}`;
    const db = createDatabase({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
    const client = await db.client();
    expect(await ensureTable(client, tableName)).toBe(true);
    expect(await ensureTable(client, tableName)).toBe(false);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      Object.keys(TABLE.indexes).sort(),
    );
  });
});
