import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazy } from '../lazy.js';

export interface DatabaseOptions {
  tableName: string;
  region: string;
  /** An endpoint other than AWS's (the embedded engine, DynamoDB Local); dummy credentials are used for it. */
  endpoint?: string | undefined;
}

/** The table name and the SDK clients, built once; the SDK itself is imported on first use. */
export interface Database {
  readonly tableName: string;
  client(): Promise<DynamoDBClient>;
  documentClient(): Promise<DynamoDBDocumentClient>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const client = lazy(async () => {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    return new DynamoDBClient({
      region: options.region,
      ...(options.endpoint
        ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
      maxAttempts: 3,
    });
  });
  const documentClient = lazy(async () => {
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    return DynamoDBDocumentClient.from(await client(), {
      marshallOptions: { removeUndefinedValues: true },
    });
  });
  return { tableName: options.tableName, client, documentClient };
}

/** True for the SDK's failed-condition error, whichever layer (SDK or ElectroDB) wrapped it. */
export function isConditionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const name = (current as { name?: string }).name;
    if (name === 'ConditionalCheckFailedException') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a conditional write; a failed condition becomes `false` instead of an error. */
export async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
