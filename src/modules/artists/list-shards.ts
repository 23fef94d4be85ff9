import { createHash } from 'node:crypto';

/** How many gsi1 partitions the public artist list is spread over; a page reads each once (decision 25). */
export const LIST_SHARDS = 4;

/** Which list partition an artist is in: stable, spread evenly by a hash of its id. */
export function listShard(artistId: string): string {
  return String((createHash('sha256').update(artistId).digest()[0] as number) % LIST_SHARDS);
}
