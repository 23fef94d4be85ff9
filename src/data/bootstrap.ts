import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE } from './table.js';

/**
 * Creates the table if it is missing and waits until it is usable. TTL is switched on where the engine
 * supports it (the embedded engine does not; readers treat expired items as absent anyway).
 * Returns true when the table was created by this call.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const sdk = await import('@aws-sdk/client-dynamodb');
  let created = false;
  try {
    const { Table } = await client.send(new sdk.DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = Object.keys(TABLE.indexes).filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new Error(
        `The table ${tableName} lacks the indexes ${missing.join(', ')}, which newer modules query. ` +
          'Recreate it (locally: remove the data folder) or add them, as the CDK app does.',
      );
    }
  } catch (error) {
    if (!(error instanceof sdk.ResourceNotFoundException)) throw error;
    try {
      await client.send(new sdk.CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (createError) {
      if (!(createError instanceof sdk.ResourceInUseException)) throw createError;
    }
  }
  await sdk.waitUntilTableExists(
    { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { TableName: tableName },
  );
  if (created) {
    try {
      await client.send(
        new sdk.UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        }),
      );
    } catch (error) {
      // dynalite has no UpdateTimeToLive; every reader already ignores expired items.
      if ((error as { name?: string }).name !== 'UnknownOperationException') throw error;
    }
  }
  return created;
}
