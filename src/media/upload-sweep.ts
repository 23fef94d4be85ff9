import { BLOB_PREFIX, type BlobStore } from '../adapters/blobs/blob-store.js';

/** `24h`, `90m`, `7d`, `3600s`: how old an abandoned upload must be before the sweep deletes it. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  return seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Deletes direct uploads (`uploads/...`) last written before `before`: uploads whose client never
 * called upload-complete (completion moves the image to `images/` and deletes the upload). An upload
 * can be completed as long as it exists, so `before` decides how long a client may wait to complete.
 */
export async function sweepAbandonedUploads(
  blobs: BlobStore,
  before: Date,
): Promise<{ deleted: number; bytes: number }> {
  const abandoned = await blobs.listOlderThan(BLOB_PREFIX.uploads, before);
  await blobs.delete(abandoned.map((blob) => blob.key));
  return { deleted: abandoned.length, bytes: abandoned.reduce((sum, blob) => sum + blob.size, 0) };
}
