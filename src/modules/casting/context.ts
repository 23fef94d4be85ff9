import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { Mailer } from '../../adapters/mailer/mailer.js';
import type { Clock } from '../../clock.js';
import type { CursorCodec } from '../../data/cursor.js';
import type { EventPublisher } from '../../events/events.js';
import type { IdGenerator } from '../../ids.js';
import type { Logger } from '../../logger.js';
import type { DirectUploads } from '../../media/direct-uploads.js';
import type { CastingStore } from './store.js';

/** What the casting board needs of identity, reached through identity's service (never its store). */
export interface Accounts {
  exists(userId: string): Promise<boolean>;
  contact(userId: string): Promise<{ email: string; displayName: string } | null>;
}

/** What the casting board's services are built from; assembled once in the module's factory. */
export interface CastingContext {
  clock: Clock;
  newId: IdGenerator;
  store: () => Promise<CastingStore>;
  blobs: BlobStore;
  uploads: DirectUploads;
  cursors: CursorCodec;
  mailer: Mailer;
  events: EventPublisher;
  logger: Logger;
  accounts: Accounts;
}
