import type { Mailer } from '../../adapters/mailer/mailer.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { CursorCodec } from '../../data/cursor.js';
import type { EventPublisher } from '../../events/events.js';
import type { IdGenerator } from '../../ids.js';
import type { Logger } from '../../logger.js';
import type { KeyedHasher } from '../../security/keyed-hash.js';
import type { PasswordHasher } from '../../security/password-hasher.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { TokenIssuer } from '../../security/tokens.js';
import type { PasswordPolicy } from './accounts/password-policy.js';
import type { IdentityStore } from './store.js';

/** What identity's services are built from; assembled once in the module's factory. */
export interface IdentityContext {
  config: Pick<Config, 'accounts' | 'tokens'>;
  clock: Clock;
  newId: IdGenerator;
  store: () => Promise<IdentityStore>;
  passwords: PasswordHasher;
  policy: PasswordPolicy;
  hasher: KeyedHasher;
  secretBox: SecretBox;
  tokens: TokenIssuer;
  mailer: Mailer;
  limits: NamedLimits;
  cursors: CursorCodec;
  logger: Logger;
  /** What other systems are told (`user.created`, `user.signed_in`, `user.deleted`). */
  eventOutbox: EventPublisher;
}

/**
 * The named limits the domain counts against (a sign-up per address, an email change, a mailed link);
 * declared here so the domain needs nothing from the HTTP layer, whose rate limiters satisfy it.
 */
export interface NamedLimits {
  /** Counts one use of `key` against the named limit; throws `RATE_LIMITED` when it is spent. */
  consume(name: string, key: string): Promise<unknown>;
}

/** Where a request came from, for security events and sessions. */
export interface RequestMeta {
  ip: string;
  userAgent?: string | undefined;
}

/** Addresses are compared case-insensitively: stored and keyed in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
