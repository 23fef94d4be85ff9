import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Clock } from '../../clock.js';
import type { CursorCodec } from '../../data/cursor.js';
import type { IdGenerator } from '../../ids.js';
import type { Logger } from '../../logger.js';
import type { CollectionStore } from './store.js';

/** What the collection's services are built from; assembled once in the module's factory. */
export interface CollectionContext {
  clock: Clock;
  newId: IdGenerator;
  store: () => Promise<CollectionStore>;
  blobs: BlobStore;
  cursors: CursorCodec;
  logger: Logger;
  /** The largest upload a URL is signed for (bytes). */
  maxUploadBytes: number;
}
