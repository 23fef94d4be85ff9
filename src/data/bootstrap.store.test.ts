import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable } from './bootstrap.js';
import { createDatabase } from './database.js';
import { createTableInput, TABLE } from './table.js';

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

  it('refuses a table made before an index was added, naming what is missing', async () => {
    const tableName = `amply-bootstrap-${randomBytes(4).toString('hex')}`;
    const db = createDatabase({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
    const client = await db.client();
    const input = createTableInput(tableName);
    const older = input.GlobalSecondaryIndexes.filter((index) => ['gsi1', 'gsi2'].includes(index.IndexName));
    const attributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
    await client.send(
      new CreateTableCommand({
        ...input,
        GlobalSecondaryIndexes: older,
        AttributeDefinitions: input.AttributeDefinitions.filter((a) => attributes.includes(a.AttributeName)),
      }),
    );
    await expect(ensureTable(client, tableName)).rejects.toThrow(/lacks the indexes gsi3, gsi4/);
  });
});
