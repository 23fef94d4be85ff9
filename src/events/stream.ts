import { TABLE } from '../data/table.js';
import type { DispatchInput } from './dispatcher.js';
import { PENDING_INDEX } from './staged-events.js';

/*
 * The table's DynamoDB stream as the dispatcher's trigger on AWS (docs/decisions/0038): a new outbox
 * event, or an item that newly carries a staged event, starts a pass for that subject or item. The
 * dispatcher's own writes (deliveries, leases, cleared items) are not new events and start nothing, so
 * a pass never triggers the next one. Retries come from a scheduled run (no records: a sweep).
 */

/** The part of a stream record (`NEW_AND_OLD_IMAGES`) the dispatcher reads. */
export interface TableStreamRecord {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: {
    Keys?: Record<string, { S?: string }>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
  };
}

/**
 * Lambda event-source filters, so the function is not invoked for every write to the table: new outbox
 * events, and items in the pending index (which lets through items carrying staged events, and also the
 * dispatcher's writes to events still pending, which `dispatchInputFromStream` then ignores).
 */
export const STREAM_FILTER_PATTERNS = [
  { eventName: ['INSERT'], dynamodb: { Keys: { [TABLE.sortKey]: { S: [{ prefix: 'EVENT#' }] } } } },
  { dynamodb: { NewImage: { [TABLE.indexes[PENDING_INDEX].partitionKey]: { S: [{ prefix: 'OUTBOX#' }] } } } },
] as const;

const stagedCount = (image: Record<string, unknown> | undefined) =>
  ((image?.stagedEvents as { L?: unknown[] } | undefined)?.L ?? []).length;

/** The subjects with a new event and the items that newly carry a staged event, in a batch of records. */
export function dispatchInputFromStream(records: TableStreamRecord[]): DispatchInput {
  const subjects = new Set<string>();
  const carriers = new Map<string, { pk: string; sk: string }>();
  for (const record of records) {
    const pk = record.dynamodb?.Keys?.[TABLE.partitionKey]?.S;
    const sk = record.dynamodb?.Keys?.[TABLE.sortKey]?.S;
    if (!pk || !sk) continue;
    if (record.eventName === 'INSERT' && pk.startsWith('EVENTS#') && sk.startsWith('EVENT#')) {
      subjects.add(pk.slice('EVENTS#'.length));
    } else if (stagedCount(record.dynamodb?.NewImage) > stagedCount(record.dynamodb?.OldImage)) {
      carriers.set(`${pk}\n${sk}`, { pk, sk });
    }
  }
  return { subjects: [...subjects], carriers: [...carriers.values()], sweep: false };
}
