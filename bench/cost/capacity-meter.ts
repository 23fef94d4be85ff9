import { createRequire } from 'node:module';
import { type AttributeValue, DynamoDBClient, GetItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE } from '../../src/data/table.js';

type Item = Record<string, AttributeValue>;

// dynalite's own item-size function: the DynamoDB sizing rules the engine bills reads and writes by.
const { itemSize } = createRequire(import.meta.url)('dynalite/db/index.js') as {
  itemSize(item: Item): number;
};

/** Capacity one stretch of work consumed, as DynamoDB on-demand bills it. */
export interface Consumed {
  readUnits: number;
  /** Write units on the table itself. */
  writeUnits: number;
  /** Write units on the global secondary indexes (the embedded engine does not report them; see below). */
  indexWriteUnits: number;
  /** Calls by command name, e.g. `{ PutItemCommand: 2, QueryCommand: 1 }`. */
  calls: Record<string, number>;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
const KB = 1024;

function emptyConsumed(): Consumed {
  return { readUnits: 0, writeUnits: 0, indexWriteUnits: 0, calls: {} };
}

/** A global secondary index as `CreateTable` describes it. */
export interface IndexDefinition {
  KeySchema: readonly { AttributeName: string }[];
  Projection: { ProjectionType: string; NonKeyAttributes?: readonly string[] };
}

/** The index entry of `item` in one GSI: both keys present (indexes are sparse), projected as the table defines. */
function indexEntry(item: Item | undefined, index: IndexDefinition): Item | undefined {
  if (!item) return undefined;
  const keys = index.KeySchema.map((key) => key.AttributeName);
  if (keys.some((name) => item[name] === undefined)) return undefined;
  const projection = index.Projection;
  if (projection.ProjectionType === 'ALL') return item;
  const names = new Set([TABLE.partitionKey, TABLE.sortKey, ...keys, ...(projection.NonKeyAttributes ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

const units = (item: Item) => Math.ceil(itemSize(item) / KB);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Index write units of one table write, by DynamoDB's rules: an entry appearing or disappearing costs
 * one write of its size; a changed index key costs a delete and a put; a changed projected attribute
 * costs one write of the larger size; an entry nothing projected changed in costs nothing.
 */
export function indexWriteUnits(
  before: Item | undefined,
  after: Item | undefined,
  indexes: readonly IndexDefinition[] = createTableInput('any').GlobalSecondaryIndexes,
): number {
  let total = 0;
  for (const index of indexes) {
    const old = indexEntry(before, index);
    const next = indexEntry(after, index);
    if (!old && !next) continue;
    if (!old || !next) {
      total += units((old ?? next) as Item);
      continue;
    }
    const keysMoved = index.KeySchema.some((key) => !same(old[key.AttributeName], next[key.AttributeName]));
    if (keysMoved) total += units(old) + units(next);
    else if (!same(old, next)) total += Math.max(units(old), units(next));
  }
  return total;
}

/**
 * An AWS SDK middleware for the DynamoDB client that asks for `ReturnConsumedCapacity` on every call and
 * adds it up while `recording`. dynalite reports table capacity but not index writes, so around each
 * write the meter reads the item before and after (with a client of its own, not counted) and applies
 * DynamoDB's index rules. A write refused by its condition still costs the units of the item it checked.
 */
export function createCapacityMeter(endpoint: string) {
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let consumed = emptyConsumed();
  let recording = false;

  /** The written item as the engine holds it. The input is the document client's (plain values) or the base client's. */
  async function readItem(input: {
    TableName?: string;
    Key?: Record<string, unknown>;
    Item?: Record<string, unknown>;
  }) {
    const source = input.Key ?? input.Item;
    if (!source || !input.TableName) return undefined;
    const key: Item = {};
    for (const name of [TABLE.partitionKey, TABLE.sortKey]) {
      const value = source[name];
      key[name] = typeof value === 'string' ? { S: value } : (value as AttributeValue);
    }
    const { Item } = await raw.send(
      new GetItemCommand({ TableName: input.TableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  /** Attach to a client (the document client shares its middleware). */
  function attach(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!recording) return next(args);
        const name = context.commandName ?? 'unknown';
        const input = args.input as Record<string, any>;
        input.ReturnConsumedCapacity = 'INDEXES';
        consumed.calls[name] = (consumed.calls[name] ?? 0) + 1;
        const isWrite = WRITES.has(name);
        const before = isWrite ? await readItem(input) : undefined;
        try {
          const result = await next(args);
          // The total: a query of an index reports its units under the index, not the table.
          const tableUnits =
            (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity
              ?.CapacityUnits ?? 0;
          if (isWrite) {
            consumed.writeUnits += tableUnits;
            consumed.indexWriteUnits += indexWriteUnits(before, await readItem(input));
          } else {
            consumed.readUnits += tableUnits;
          }
          return result;
        } catch (error) {
          if (isWrite && (error as { name?: string }).name === 'ConditionalCheckFailedException') {
            consumed.writeUnits += before ? units(before) : 1;
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'amplyCapacityMeter' },
    );
  }

  return {
    attach,
    /** Runs `work` with the meter on; answers what it consumed. */
    async measure<T>(work: () => Promise<T>): Promise<{ result: T; consumed: Consumed }> {
      consumed = emptyConsumed();
      recording = true;
      try {
        const result = await work();
        return { result, consumed };
      } finally {
        recording = false;
      }
    },
    /** Every item of the table, unmetered (the harness's own bookkeeping, never the app's). */
    async *scan(tableName: string): AsyncGenerator<Item> {
      for await (const page of paginateScan({ client: raw }, { TableName: tableName }))
        yield* page.Items ?? [];
    },
    /** An item's size as DynamoDB counts it. */
    size: (item: Item) => itemSize(item),
    close: () => raw.destroy(),
  };
}
