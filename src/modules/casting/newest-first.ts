import { ValidationError } from '../../errors.js';
import type { PartitionPage } from './store.js';

/*
 * Newest-first lists over month partitions (decision 31). Writes go to the partition of their month, so
 * no single partition takes every write of the board's life; a page reads the cursor's month and, when
 * that month runs out, goes on into older months until the page is full or the oldest month that can
 * hold anything is passed. A month with at least a page of items answers in one Query.
 */

/** `2026-11` for any ISO time in November 2026. */
export const monthOf = (isoTime: string) => isoTime.slice(0, 7);

/** The month before `bucket` (`2026-01` → `2025-12`). */
export function previousMonth(bucket: string): string {
  const year = Number(bucket.slice(0, 4));
  const month = Number(bucket.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

interface Position {
  /** The month being read. */
  b: string;
  /** ElectroDB's cursor within it, or null for its start. */
  c: string | null;
}

export function parsePosition(raw: string | null): Position | null {
  if (raw === null) return null;
  try {
    const position = JSON.parse(raw) as Position;
    if (/^\d{4}-\d{2}$/.test(position.b) && (position.c === null || typeof position.c === 'string')) {
      return position;
    }
  } catch {
    // a sealed cursor we made always parses; fall through
  }
  throw new ValidationError('The cursor is not valid for this list', [
    { field: 'cursor', message: 'Unknown' },
  ]);
}

/**
 * One page, newest first, from `newest` back to `oldest` (months, inclusive). `raw` is the opened
 * cursor; the returned `next` is the cursor to seal (null at the end).
 */
export async function newestFirstPage<T>(options: {
  newest: string;
  oldest: string;
  limit: number;
  raw: string | null;
  read: (bucket: string, limit: number, cursor: string | null) => Promise<PartitionPage<T>>;
}): Promise<{ items: T[]; next: string | null }> {
  const start = parsePosition(options.raw);
  let bucket = start?.b ?? options.newest;
  let cursor = start?.c ?? null;
  const items: T[] = [];
  while (bucket >= options.oldest) {
    const page = await options.read(bucket, options.limit - items.length, cursor);
    items.push(...page.items);
    if (page.cursor !== null) {
      if (items.length >= options.limit)
        return { items, next: JSON.stringify({ b: bucket, c: page.cursor }) };
      cursor = page.cursor;
      continue;
    }
    bucket = previousMonth(bucket);
    cursor = null;
    if (items.length >= options.limit) {
      return { items, next: bucket >= options.oldest ? JSON.stringify({ b: bucket, c: null }) : null };
    }
  }
  return { items, next: null };
}
