import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { StackInspector } from '../../adapters/stack-inspector/stack-inspector.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { CursorCodec } from '../../data/cursor.js';
import type { EventPublisher } from '../../events/events.js';
import type { Logger } from '../../logger.js';
import type { KeyedHasher } from '../../security/keyed-hash.js';
import type { SetupNotifier } from './setup-notifier.js';
import type { ArtistStore } from './store.js';

/** What the artists service is built from; assembled once in the module's factory. */
export interface ArtistsContext {
  /** `publicUrl` names the callback URL the template carries. */
  config: Pick<Config, 'publicUrl' | 'artists'>;
  clock: Clock;
  store: () => Promise<ArtistStore>;
  hasher: KeyedHasher;
  cursors: CursorCodec;
  blobs: BlobStore;
  events: EventPublisher;
  inspector: StackInspector;
  notifier: SetupNotifier;
  logger: Logger;
}

/** Where a request came from, for the artist's audit trail. */
export interface RequestMeta {
  ip: string;
  userAgent?: string | undefined;
}
