import { isConditionFailure } from './database.js';

/*
 * What every module's ElectroDB store needs alike: key templates, the call options and the two write
 * patterns of decision 2 (conditional writes as results, batch deletes that finish).
 */

/** An ElectroDB key from a template such as `USER#${userId}`, kept in the case it was given. */
export function key<const Composite extends readonly string[]>(template: string, composite: Composite) {
  return { composite, template, casing: 'none' as const };
}

/**
 * Every call passes the SDK's own errors through (failed conditions are recognised by name). Without
 * this, ElectroDB builds an Error with a stack trace on every call, in case one is needed.
 */
export const GO = { originalErr: true } as const;

/** Runs a conditional write; a failed condition becomes `false` instead of an error. */
export async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Runs a conditional delete (ElectroDB's `remove`) that answers the old item; a failed condition (nothing
 * there) is null. The condition is the claim: of concurrent takes of one item exactly one gets it.
 */
export async function takeItem<T>(remove: () => Promise<{ data: unknown }>): Promise<T | null> {
  try {
    return ((await remove()).data as T | null) ?? null;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * Runs a batch write (puts or deletes), sending again whatever DynamoDB left unprocessed (it may, under
 * load) until nothing is left; gives up with an error rather than report a partial write as done.
 */
export async function writeAll<K>(
  items: K[],
  write: (items: K[]) => Promise<{ unprocessed: unknown[] }>,
): Promise<void> {
  let pending = items;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round === 8) throw new Error(`${pending.length} items were left unwritten after ${round} rounds`);
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
    pending = (await write(pending)).unprocessed as K[];
  }
}

/** Batch-deletes keys until none is left unprocessed (`writeAll` for deletions). */
export const deleteAll = writeAll;
