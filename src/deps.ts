import { join } from 'node:path';
import type { BlobStore } from './adapters/blobs/blob-store.js';
import { createLocalBlobStore, type LocalBlobStore } from './adapters/blobs/local-blob-store.js';
import { createS3BlobStore } from './adapters/blobs/s3-blob-store.js';
import type { Mailer } from './adapters/mailer/mailer.js';
import { createOutboxMailer, type OutboxMailer } from './adapters/mailer/outbox-mailer.js';
import { createSesMailer } from './adapters/mailer/ses-mailer.js';
import { createSmtpMailer } from './adapters/mailer/smtp-mailer.js';
import { createAwsStackInspector } from './adapters/stack-inspector/aws-stack-inspector.js';
import type { StackInspector } from './adapters/stack-inspector/stack-inspector.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type CursorCodec, createCursorCodec } from './data/cursor.js';
import { createDatabase, type Database } from './data/database.js';
import { createEvents, type EventDispatcher, type EventPublisher } from './events/index.js';
import { createRateLimiters, type RateLimiters } from './http/rate-limit.js';
import { type IdGenerator, newId } from './ids.js';
import { lazy } from './lazy.js';
import { createLogger, type Logger } from './logger.js';
import { createOAuthClient, type OAuthClient } from './oauth/client.js';
import { loadOrCreateDevSecrets, type Secrets } from './security/dev-secrets.js';
import { createKeyedHasher, type KeyedHasher } from './security/keyed-hash.js';
import { createPasswordHasher, type PasswordHasher } from './security/password-hasher.js';
import { createSecretBox, parseEncryptionKeys, type SecretBox } from './security/secret-box.js';
import { loadSigningKeys, type SigningKeySet } from './security/signing-keys.js';
import {
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  createTokenIssuer,
  type TokenIssuer,
} from './security/tokens.js';

/** Everything the app is built from. Made once per process by `createDeps`; tests may replace parts. */
export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  newId: IdGenerator;
  db: Database;
  keys: SigningKeySet;
  secretBox: SecretBox;
  hasher: KeyedHasher;
  passwords: PasswordHasher;
  mailer: Mailer;
  /** The dev outbox, when mail goes there (it backs `GET /dev/outbox`). */
  outbox: OutboxMailer | undefined;
  blobs: BlobStore;
  /** The local blob store, when blobs live on this machine (it backs the `/media` routes). */
  media: LocalBlobStore | undefined;
  limits: RateLimiters;
  cursors: CursorCodec;
  tokenIssuer: TokenIssuer;
  tokenVerifier: AccessTokenVerifier;
  /** Every OAuth provider of the registry (SSO and platforms), configured from `config.oauth`. */
  oauth: OAuthClient;
  /** Where modules record what happened for other systems (the event outbox). */
  events: EventPublisher;
  /** Delivers the outbox to `AMPLY_WEBHOOKS`; the Node server starts it, tests run its passes. */
  eventDispatcher: EventDispatcher;
  /** Reads artists' own cloud stacks through the role each stack makes for Amply (STS + CloudFormation). */
  stackInspector: StackInspector;
}

/** The configured secrets, or — on the dev stage only — the generated ones under `<dataDir>/keys/`. */
export async function resolveSecrets(config: Config): Promise<Secrets> {
  const { signingKeys, encryptionKeys, hmacSecret } = config.secrets;
  if (signingKeys && encryptionKeys && hmacSecret) return { signingKeys, encryptionKeys, hmacSecret };
  const generated = await loadOrCreateDevSecrets(config.dataDir);
  return {
    signingKeys: signingKeys ?? generated.signingKeys,
    encryptionKeys: encryptionKeys ?? generated.encryptionKeys,
    hmacSecret: hmacSecret ?? generated.hmacSecret,
  };
}

function createMailer(config: Config, clock: Clock): { mailer: Mailer; outbox: OutboxMailer | undefined } {
  switch (config.mail.transport) {
    case 'outbox': {
      const outbox = createOutboxMailer(join(config.dataDir, 'outbox'), clock);
      return { mailer: outbox, outbox };
    }
    case 'smtp':
      return { mailer: createSmtpMailer(config.mail.smtpUrl as string, config.mail.from), outbox: undefined };
    case 'ses':
      return {
        mailer: createSesMailer({ region: config.storage.region, from: config.mail.from }),
        outbox: undefined,
      };
  }
}

function createBlobStore(
  config: Config,
  hasher: KeyedHasher,
  clock: Clock,
): { blobs: BlobStore; media: LocalBlobStore | undefined } {
  const { blobs } = config;
  if (blobs.adapter === 'local') {
    const media = createLocalBlobStore({
      root: blobs.localRoot,
      baseUrl: config.publicUrl,
      hasher,
      clock,
      maxUploadBytes: blobs.maxUploadBytes,
    });
    return { blobs: media, media };
  }
  return {
    blobs: createS3BlobStore({
      bucket: blobs.s3.bucket as string,
      region: blobs.s3.region,
      endpoint: blobs.s3.endpoint,
      forcePathStyle: blobs.s3.forcePathStyle,
      mediaBaseUrl: blobs.mediaBaseUrl,
      clock,
      maxUploadBytes: blobs.maxUploadBytes,
    }),
    media: undefined,
  };
}

export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const secrets = await resolveSecrets(config);
  const keys = overrides.keys ?? (await loadSigningKeys(secrets.signingKeys));
  const hasher = overrides.hasher ?? createKeyedHasher(secrets.hmacSecret);
  const db =
    overrides.db ??
    createDatabase({
      tableName: config.storage.tableName,
      region: config.storage.region,
      endpoint: config.storage.endpoint,
    });
  const { mailer, outbox } = overrides.mailer
    ? { mailer: overrides.mailer, outbox: overrides.outbox }
    : createMailer(config, clock);
  const { blobs, media } = overrides.blobs
    ? { blobs: overrides.blobs, media: overrides.media }
    : createBlobStore(config, hasher, clock);
  const { publisher, dispatcher } = createEvents(config, db, clock, logger);
  const tokenSettings = {
    issuer: config.tokens.issuer,
    audience: config.tokens.audience,
    clientId: config.tokens.clientId,
    accessTtl: config.tokens.accessTtl,
  };
  return {
    config,
    logger,
    clock,
    newId: overrides.newId ?? newId,
    db,
    keys,
    secretBox: overrides.secretBox ?? createSecretBox(parseEncryptionKeys(secrets.encryptionKeys)),
    hasher,
    passwords: overrides.passwords ?? createPasswordHasher(),
    mailer,
    outbox,
    blobs,
    media,
    limits: overrides.limits ?? createRateLimiters({ ...config.rateLimits }, db, clock),
    cursors: overrides.cursors ?? createCursorCodec(hasher),
    tokenIssuer: overrides.tokenIssuer ?? createTokenIssuer(keys, tokenSettings, clock),
    tokenVerifier: overrides.tokenVerifier ?? createAccessTokenVerifier(keys, tokenSettings, clock),
    oauth:
      overrides.oauth ??
      createOAuthClient({
        config,
        clock,
        pending: lazy(async () => {
          const { createPendingAuthorizations } = await import('./oauth/pending-authorizations.js');
          return createPendingAuthorizations(await db.documentClient(), db.tableName);
        }),
      }),
    events: overrides.events ?? publisher,
    eventDispatcher: overrides.eventDispatcher ?? dispatcher,
    stackInspector:
      overrides.stackInspector ??
      createAwsStackInspector({
        region: config.storage.region,
        stsEndpoint: config.artists.stsEndpoint,
        cloudFormationEndpoint: config.artists.cloudFormationEndpoint,
      }),
  };
}
