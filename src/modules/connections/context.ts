import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { CursorCodec } from '../../data/cursor.js';
import type { EventPublisher } from '../../events/events.js';
import type { Logger } from '../../logger.js';
import type { OAuthClient } from '../../oauth/client.js';
import type { GrantRedemption } from '../../oauth/grant-redemption.js';
import type { RequestMeta, SecurityEventType } from '../identity/index.js';
import type { ConnectionStore } from './store.js';
import type { TokenVault } from './token-vault.js';

/** What the connections services are built from; assembled once in the module's factory. */
export interface ConnectionsContext {
  config: Pick<Config, 'frontendUrl' | 'oauth'>;
  clock: Clock;
  store: () => Promise<ConnectionStore>;
  vault: TokenVault;
  oauth: OAuthClient;
  /** Holds a finished connect until the user who started it redeems its one-time code. */
  grants: GrantRedemption;
  cursors: CursorCodec;
  logger: Logger;
  /** False once the account is deleted: a connect it started must not store tokens for nobody. */
  accountExists(userId: string): Promise<boolean>;
  /** What other systems are told (`connection.status_changed`). */
  eventOutbox: EventPublisher;
  /** The account's audit trail (identity's); `platform` goes in the event's `reason`. */
  events: {
    record(userId: string, type: SecurityEventType, platform: string, meta?: RequestMeta): Promise<void>;
  };
}
