import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type SecretDocument,
  type SecretLocation,
  SecretReadError,
  type SecretSource,
} from './adapters/secrets/secret-source.js';
import { OAUTH_PROVIDERS, type OAuthProviderName } from './oauth/providers.js';

/** Three stages: dev is the laptop (and a throwaway cloud stage), staging and prod are real. */
export const STAGES = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export const MODULE_NAMES = ['identity', 'connections', 'artists', 'casting', 'collection'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

/** A rate limit is `<points>/<seconds>` or `off`. */
export interface RateLimitSetting {
  points: number;
  seconds: number;
}

const rateLimit = z
  .string()
  .trim()
  .transform((value, ctx): RateLimitSetting | null => {
    if (value === 'off') return null;
    const match = /^(\d+)\/(\d+)$/.exec(value);
    const points = Number(match?.[1]);
    const seconds = Number(match?.[2]);
    if (!match || points < 1 || seconds < 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected "<points>/<seconds>" (for example "10/60") or "off"',
      });
      return z.NEVER;
    }
    return { points, seconds };
  });

const onOff = z.enum(['on', 'off']).transform((value) => value === 'on');
const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
/** Scopes separated by spaces (as OAuth writes them) or commas. */
const scopeList = z.string().transform((value) => value.split(/[\s,]+/).filter((scope) => scope.length > 0));
const seconds = z.coerce.number().int().positive();
const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

/** `AMPLY_OAUTH_<PROVIDER>_<SETTING>` for every provider of the registry (src/oauth/providers.ts). */
const OAUTH_SETTINGS = {
  CLIENT_ID: z.string().min(1).max(512),
  CLIENT_SECRET: z.string().min(1).max(2048),
  ISSUER: url,
  AUTHORIZATION_URL: url,
  TOKEN_URL: url,
  USERINFO_URL: url,
  REVOCATION_URL: url,
  SCOPES: scopeList,
  PLATFORM_SCOPES: scopeList,
};

function oauthProviderVariables() {
  const shape: Record<string, z.ZodOptional<(typeof OAUTH_SETTINGS)[keyof typeof OAUTH_SETTINGS]>> = {};
  for (const provider of OAUTH_PROVIDERS) {
    for (const [setting, type] of Object.entries(OAUTH_SETTINGS)) {
      shape[`AMPLY_OAUTH_${provider.toUpperCase()}_${setting}`] = type.optional();
    }
  }
  return shape;
}

/** Where the Node server serves the Amply console on the dev stage (the dev stage's default frontend). */
export const CONSOLE_PATH = '/console';
const DEFAULT_FRONTEND_URL = 'http://localhost:5173';

const schema = z.object({
  AMPLY_STAGE: z.enum(STAGES).default('dev'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  AMPLY_DATA_DIR: z.string().min(1).default('.data'),
  AMPLY_MODULES: list.pipe(z.array(z.enum(MODULE_NAMES))).optional(),
  AMPLY_PUBLIC_URL: url.optional(),
  FRONTEND_URL: url.optional(),
  AMPLY_CORS_ORIGINS: list.optional(),
  AMPLY_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  AMPLY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  AMPLY_STORAGE: z.enum(['embedded', 'aws']).optional(),
  AMPLY_TABLE_NAME: z.string().min(3).max(255).optional(),
  AMPLY_DYNAMODB_ENDPOINT: url.optional(),
  AMPLY_EMBEDDED_DYNAMODB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  AWS_REGION: z.string().min(1).default('us-east-1'),

  AMPLY_SIGNING_KEYS: z.string().min(1).optional(),
  AMPLY_ENCRYPTION_KEYS: z.string().min(1).optional(),
  AMPLY_HMAC_SECRET: z.string().min(32).optional(),
  AMPLY_ORIGIN_SECRET: z.string().min(32).optional(),

  AMPLY_JWT_AUDIENCE: z.string().min(1).default('amply-api'),
  AMPLY_CLIENT_ID: z.string().min(1).default('amply-web'),
  AMPLY_ACCESS_TOKEN_TTL: seconds.default(3600),
  AMPLY_REFRESH_TOKEN_TTL: seconds.default(30 * 24 * 3600),
  AMPLY_SESSION_MAX_AGE: seconds.default(90 * 24 * 3600),
  AMPLY_REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(20),
  AMPLY_STRICT_REVOCATION: onOff.default(false),
  AMPLY_REVOCATION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  AMPLY_RECENT_AUTH_SECONDS: seconds.default(300),

  AMPLY_PASSKEY_RP_ID: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a host name such as example.com')
    .optional(),
  AMPLY_PASSKEY_RP_NAME: z.string().min(1).max(64).default('Amply'),
  AMPLY_PASSKEY_ORIGINS: list.pipe(z.array(url)).optional(),

  AMPLY_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(12),
  AMPLY_PASSWORD_COMPOSITION: onOff.default(true),
  AMPLY_ENUMERATION_PROTECTION: onOff.default(true),
  AMPLY_ADMIN_EMAILS: list.default([]),
  AMPLY_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  AMPLY_LOCKOUT_BASE_SECONDS: seconds.default(60),
  AMPLY_LOCKOUT_MAX_SECONDS: seconds.default(3600),

  AMPLY_RATE_LIMIT_LOGIN: rateLimit.prefault('10/60'),
  AMPLY_RATE_LIMIT_SSO_START: rateLimit.prefault('10/60'),
  AMPLY_RATE_LIMIT_PLATFORM_REFRESH: rateLimit.prefault('20/60'),
  AMPLY_RATE_LIMIT_SIGNUP_IP: rateLimit.prefault('5/60'),
  AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: rateLimit.prefault('5/3600'),
  AMPLY_RATE_LIMIT_DEFAULT: rateLimit.prefault('300/300'),
  AMPLY_RATE_LIMIT_UPLOADS: rateLimit.prefault('100/3600'),
  AMPLY_RATE_LIMIT_EMAIL_CHANGE: rateLimit.prefault('5/3600'),
  AMPLY_RATE_LIMIT_SIGN_IN_LINK: rateLimit.prefault('5/3600'),
  AMPLY_RATE_LIMIT_ARTIST_CALLBACK: rateLimit.prefault('30/60'),

  AMPLY_MAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'ses']).optional(),
  AMPLY_MAIL_FROM: z.string().min(3).default('Amply <no-reply@amply.local>'),
  AMPLY_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),

  AMPLY_BLOBS: z.enum(['local', 's3']).optional(),
  AMPLY_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    // upload-complete holds the upload in memory while the image pipeline reads it
    .max(100 * 1024 ** 2)
    .default(10 * 1024 * 1024),
  AMPLY_S3_BUCKET: z.string().min(3).max(63).optional(),
  AMPLY_S3_ENDPOINT: url.optional(),
  AMPLY_S3_FORCE_PATH_STYLE: onOff.default(false),
  AMPLY_MEDIA_BASE_URL: url.optional(),
  AMPLY_OAUTH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  AMPLY_SSO_TRUSTED_PROVIDERS: list.pipe(z.array(z.enum(OAUTH_PROVIDERS))).default(['google', 'microsoft']),
  AMPLY_RETURN_TO_ALLOWLIST: list.pipe(z.array(url)).optional(),
  AMPLY_CONNECT_REDEMPTION: onOff.default(true),
  AMPLY_DEV_OIDC: onOff.optional(),
  AMPLY_DEV_OIDC_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  AMPLY_AWS_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
    .optional(),
  AMPLY_ARTIST_CONSOLE_REGION: z
    .string()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, 'expected an AWS region such as eu-north-1')
    .optional(),
  AMPLY_STS_ENDPOINT: url.optional(),
  AMPLY_CLOUDFORMATION_ENDPOINT: url.optional(),
  AMPLY_WEBHOOKS: z.string().optional(),
  AMPLY_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
  ...oauthProviderVariables(),
});

/**
 * One webhook endpoint of `AMPLY_WEBHOOKS`. Its id is derived from the URL, so it stays the same across
 * restarts and secret rotations; a new URL is a new endpoint.
 */
const webhookEndpoint = z
  .strictObject({ url, secret: z.string().min(32).max(512) })
  .transform((endpoint) => ({
    id: `whk_${createHash('sha256').update(endpoint.url).digest('hex').slice(0, 16)}`,
    ...endpoint,
  }));
export type WebhookEndpoint = z.output<typeof webhookEndpoint>;
const webhookEndpoints = z
  .array(webhookEndpoint)
  .max(10)
  .refine(
    (endpoints) => new Set(endpoints.map((e) => e.id)).size === endpoints.length,
    'a URL is listed twice',
  );

/** One provider's configuration; anything left out keeps the registry's default. No client id: not configured. */
export interface OAuthProviderSettings {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  issuer?: string | undefined;
  authorizationUrl?: string | undefined;
  tokenUrl?: string | undefined;
  userInfoUrl?: string | undefined;
  revocationUrl?: string | undefined;
  scopes?: string[] | undefined;
  platformScopes?: string[] | undefined;
}

export type RawConfig = z.infer<typeof schema>;

/** Everything Amply reads from its environment, parsed and checked once. */
export interface Config {
  stage: Stage;
  host: string;
  port: number;
  dataDir: string;
  modules: ModuleName[];
  /** The public base URL and token issuer; derived from HOST and PORT unless AMPLY_PUBLIC_URL is set. */
  publicUrl: string;
  publicUrlConfigured: boolean;
  /** The web app (mail links, SSO and connect redirects): on dev, the console this server serves, unless FRONTEND_URL names another. */
  frontendUrl: string;
  frontendUrlConfigured: boolean;
  /** `'*'` in dev unless configured; otherwise the exact origins allowed to call the API from a browser. */
  corsOrigins: string[] | '*';
  trustProxyHops: number;
  logLevel: RawConfig['AMPLY_LOG_LEVEL'];
  storage: {
    mode: 'embedded' | 'aws';
    tableName: string;
    endpoint: string | undefined;
    embeddedPort: number;
    region: string;
  };
  secrets: {
    signingKeys: string | undefined;
    encryptionKeys: string | undefined;
    hmacSecret: string | undefined;
    /** What the CDN in front (CloudFront) sends in `X-Amply-Origin-Verify`; requests without it are refused. */
    originSecret: string | undefined;
  };
  tokens: {
    issuer: string;
    audience: string;
    clientId: string;
    accessTtl: number;
    refreshTtl: number;
    sessionMaxAge: number;
    refreshGrace: number;
    strictRevocation: boolean;
    revocationCacheSeconds: number;
    recentAuthSeconds: number;
  };
  /** WebAuthn: the relying party passkeys are bound to, and the web origins allowed to use them. */
  passkeys: {
    rpId: string;
    rpName: string;
    origins: string[];
  };
  accounts: {
    passwordMinLength: number;
    passwordComposition: boolean;
    enumerationProtection: boolean;
    adminEmails: string[];
    lockoutThreshold: number;
    lockoutBaseSeconds: number;
    lockoutMaxSeconds: number;
  };
  rateLimits: {
    login: RateLimitSetting | null;
    ssoStart: RateLimitSetting | null;
    /** Per user: `POST /platforms/{platform}/refresh`. */
    platformRefresh: RateLimitSetting | null;
    signupPerIp: RateLimitSetting | null;
    signupPerAddress: RateLimitSetting | null;
    default: RateLimitSetting | null;
    /** Per user: upload URLs (each may bring up to `AMPLY_UPLOAD_MAX_BYTES` into storage). */
    uploads: RateLimitSetting | null;
    /** Per user: email-change requests (each mails a code to the new address and a notice to the current one). */
    emailChange: RateLimitSetting | null;
    /** Per address: sign-in links mailed (a link lives an hour, so keep the window at most that long). */
    signInLink: RateLimitSetting | null;
    /** Per IP: `POST /complete-artist-setup` (a machine calls it) and `POST /verify-stack`. */
    artistCallback: RateLimitSetting | null;
  };
  mail: {
    transport: 'outbox' | 'smtp' | 'ses';
    from: string;
    smtpUrl: string | undefined;
  };
  blobs: {
    adapter: 'local' | 's3';
    /** The largest direct upload a URL is signed for (bytes). */
    maxUploadBytes: number;
    /** Where the local adapter keeps objects. */
    localRoot: string;
    s3: {
      bucket: string | undefined;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      region: string;
    };
    /** The CDN (CloudFront) in front of the bucket's `images/`; without it, the bucket's own URL. */
    mediaBaseUrl: string | undefined;
  };
  oauth: {
    providers: Record<OAuthProviderName, OAuthProviderSettings>;
    /** Providers whose verified email may link a sign-in to an existing account with that address. */
    trustedProviders: OAuthProviderName[];
    /** Where a sign-in may send the browser afterwards (`returnTo`): these URLs and anything below them. */
    returnToAllowlist: string[];
    /**
     * A platform connect is activated only when the user who started it redeems the callback's one-time
     * code; off: the callback activates it at once (the older one-step contract, weaker: decision 39).
     */
    connectRedemption: boolean;
    /** Seconds an upstream OAuth call may take. */
    timeoutSeconds: number;
    /** Plain-http provider URLs are allowed (loopback only, never in prod). */
    allowInsecureLoopback: boolean;
    /** The development OpenID provider started by `npm start` for every unconfigured provider (dev only). */
    devProvider: { enabled: boolean; port: number };
  };
  artists: {
    /** Amply's AWS account, trusted by each artist's role; unset: the account of Amply's own credentials. */
    trustedAccountId: string | undefined;
    /** The region the "launch stack" console link opens. */
    consoleRegion: string;
    /** Other STS and CloudFormation endpoints (a local stand-in); unset: AWS's own. */
    stsEndpoint: string | undefined;
    cloudFormationEndpoint: string | undefined;
  };
  /** Where signed events are delivered (`AMPLY_WEBHOOKS`); empty: events are only recorded. */
  webhooks: WebhookEndpoint[];
  /** How long an endpoint may take to answer a delivery. */
  webhookTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Amply cannot start; fix its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a `Config`, reporting every problem at once.
 * Outside `dev` the secrets must be configured: nothing is generated on a real stage.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = parseVariables(schema, env);
  const stage = raw.AMPLY_STAGE;
  const problems: string[] = [];
  const storageMode = raw.AMPLY_STORAGE ?? (stage === 'dev' ? 'embedded' : 'aws');
  const mailTransport = raw.AMPLY_MAIL_TRANSPORT ?? (stage === 'dev' ? 'outbox' : 'ses');
  const blobAdapter = raw.AMPLY_BLOBS ?? (stage === 'dev' ? 'local' : 's3');

  if (stage !== 'dev') {
    for (const name of [
      'AMPLY_SIGNING_KEYS',
      'AMPLY_ENCRYPTION_KEYS',
      'AMPLY_HMAC_SECRET',
      'AMPLY_PUBLIC_URL',
    ] as const) {
      if (!raw[name]) problems.push(`${name} is required when AMPLY_STAGE=${stage}`);
    }
    if (storageMode === 'embedded') problems.push(`AMPLY_STORAGE=embedded is for the dev stage only`);
    if (mailTransport === 'outbox') problems.push(`AMPLY_MAIL_TRANSPORT=outbox is for the dev stage only`);
  }
  if (mailTransport === 'smtp' && !raw.AMPLY_SMTP_URL) {
    problems.push('AMPLY_SMTP_URL is required when AMPLY_MAIL_TRANSPORT=smtp');
  }
  if (blobAdapter === 's3' && !raw.AMPLY_S3_BUCKET) {
    problems.push('AMPLY_S3_BUCKET is required when AMPLY_BLOBS=s3');
  }
  const oauthProviders = readOAuthProviders(raw, stage, problems);
  const webhooks = readWebhooks(raw.AMPLY_WEBHOOKS, stage, problems);
  const publicUrl =
    raw.AMPLY_PUBLIC_URL ?? `http://${raw.HOST.includes(':') ? `[${raw.HOST}]` : raw.HOST}:${raw.PORT}`;
  const frontendUrl =
    raw.FRONTEND_URL ?? (stage === 'dev' ? `${publicUrl}${CONSOLE_PATH}` : DEFAULT_FRONTEND_URL);
  const passkeys = readPasskeys(raw, frontendUrl, problems);
  const devProvider = raw.AMPLY_DEV_OIDC ?? stage === 'dev';
  if (devProvider && stage !== 'dev') problems.push(`AMPLY_DEV_OIDC=on is for the dev stage only`);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    stage,
    host: raw.HOST,
    port: raw.PORT,
    dataDir: raw.AMPLY_DATA_DIR,
    modules: raw.AMPLY_MODULES ? [...new Set(raw.AMPLY_MODULES)] : [...MODULE_NAMES],
    publicUrl,
    publicUrlConfigured: raw.AMPLY_PUBLIC_URL !== undefined,
    frontendUrl,
    frontendUrlConfigured: raw.FRONTEND_URL !== undefined,
    corsOrigins: raw.AMPLY_CORS_ORIGINS ?? (stage === 'dev' ? '*' : [frontendUrl]),
    trustProxyHops: raw.AMPLY_TRUST_PROXY_HOPS,
    logLevel: raw.AMPLY_LOG_LEVEL,
    storage: {
      mode: storageMode,
      tableName: raw.AMPLY_TABLE_NAME ?? `amply-${stage}`,
      endpoint: raw.AMPLY_DYNAMODB_ENDPOINT,
      embeddedPort: raw.AMPLY_EMBEDDED_DYNAMODB_PORT,
      region: raw.AWS_REGION,
    },
    secrets: {
      signingKeys: raw.AMPLY_SIGNING_KEYS,
      encryptionKeys: raw.AMPLY_ENCRYPTION_KEYS,
      hmacSecret: raw.AMPLY_HMAC_SECRET,
      originSecret: raw.AMPLY_ORIGIN_SECRET,
    },
    tokens: {
      issuer: publicUrl,
      audience: raw.AMPLY_JWT_AUDIENCE,
      clientId: raw.AMPLY_CLIENT_ID,
      accessTtl: raw.AMPLY_ACCESS_TOKEN_TTL,
      refreshTtl: raw.AMPLY_REFRESH_TOKEN_TTL,
      sessionMaxAge: raw.AMPLY_SESSION_MAX_AGE,
      refreshGrace: raw.AMPLY_REFRESH_GRACE_SECONDS,
      strictRevocation: raw.AMPLY_STRICT_REVOCATION,
      revocationCacheSeconds: raw.AMPLY_REVOCATION_CACHE_SECONDS,
      recentAuthSeconds: raw.AMPLY_RECENT_AUTH_SECONDS,
    },
    passkeys,
    accounts: {
      passwordMinLength: raw.AMPLY_PASSWORD_MIN_LENGTH,
      passwordComposition: raw.AMPLY_PASSWORD_COMPOSITION,
      enumerationProtection: raw.AMPLY_ENUMERATION_PROTECTION,
      adminEmails: raw.AMPLY_ADMIN_EMAILS.map((email) => email.toLowerCase()),
      lockoutThreshold: raw.AMPLY_LOCKOUT_THRESHOLD,
      lockoutBaseSeconds: raw.AMPLY_LOCKOUT_BASE_SECONDS,
      lockoutMaxSeconds: raw.AMPLY_LOCKOUT_MAX_SECONDS,
    },
    rateLimits: {
      login: raw.AMPLY_RATE_LIMIT_LOGIN,
      ssoStart: raw.AMPLY_RATE_LIMIT_SSO_START,
      platformRefresh: raw.AMPLY_RATE_LIMIT_PLATFORM_REFRESH,
      signupPerIp: raw.AMPLY_RATE_LIMIT_SIGNUP_IP,
      signupPerAddress: raw.AMPLY_RATE_LIMIT_SIGNUP_ADDRESS,
      default: raw.AMPLY_RATE_LIMIT_DEFAULT,
      uploads: raw.AMPLY_RATE_LIMIT_UPLOADS,
      emailChange: raw.AMPLY_RATE_LIMIT_EMAIL_CHANGE,
      signInLink: raw.AMPLY_RATE_LIMIT_SIGN_IN_LINK,
      artistCallback: raw.AMPLY_RATE_LIMIT_ARTIST_CALLBACK,
    },
    mail: {
      transport: mailTransport,
      from: raw.AMPLY_MAIL_FROM,
      smtpUrl: raw.AMPLY_SMTP_URL,
    },
    blobs: {
      adapter: blobAdapter,
      maxUploadBytes: raw.AMPLY_UPLOAD_MAX_BYTES,
      localRoot: join(raw.AMPLY_DATA_DIR, 'blobs'),
      s3: {
        bucket: raw.AMPLY_S3_BUCKET,
        endpoint: raw.AMPLY_S3_ENDPOINT,
        forcePathStyle: raw.AMPLY_S3_FORCE_PATH_STYLE,
        region: raw.AWS_REGION,
      },
      mediaBaseUrl: raw.AMPLY_MEDIA_BASE_URL,
    },
    oauth: {
      providers: oauthProviders,
      trustedProviders: raw.AMPLY_SSO_TRUSTED_PROVIDERS,
      returnToAllowlist: raw.AMPLY_RETURN_TO_ALLOWLIST ?? [frontendUrl],
      connectRedemption: raw.AMPLY_CONNECT_REDEMPTION,
      timeoutSeconds: raw.AMPLY_OAUTH_TIMEOUT_SECONDS,
      allowInsecureLoopback: stage !== 'prod',
      devProvider: { enabled: devProvider, port: raw.AMPLY_DEV_OIDC_PORT },
    },
    artists: {
      trustedAccountId: raw.AMPLY_AWS_ACCOUNT_ID,
      consoleRegion: raw.AMPLY_ARTIST_CONSOLE_REGION ?? raw.AWS_REGION,
      stsEndpoint: raw.AMPLY_STS_ENDPOINT,
      cloudFormationEndpoint: raw.AMPLY_CLOUDFORMATION_ENDPOINT,
    },
    webhooks,
    webhookTimeoutSeconds: raw.AMPLY_WEBHOOK_TIMEOUT_SECONDS,
  };
}

/**
 * The passkey relying party: by default the frontend's host name and origin (`localhost` in dev), since
 * the browser creates and uses passkeys on the frontend's pages. Every origin must be the RP ID's host or
 * below it, or no browser would ever accept the pair.
 */
function readPasskeys(raw: RawConfig, frontendUrl: string, problems: string[]): Config['passkeys'] {
  const frontend = passkeyFrontend(frontendUrl);
  const rpId = raw.AMPLY_PASSKEY_RP_ID ?? frontend.hostname;
  const origins = (raw.AMPLY_PASSKEY_ORIGINS ?? [frontend.origin]).map((origin) => new URL(origin).origin);
  for (const origin of origins) {
    const host = new URL(origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      problems.push(`AMPLY_PASSKEY_ORIGINS: ${origin} is not on AMPLY_PASSKEY_RP_ID ${rpId} or below it`);
    }
  }
  return { rpId, rpName: raw.AMPLY_PASSKEY_RP_NAME, origins };
}

/** Browsers refuse an IP address as a relying party: a frontend on a loopback address is named `localhost`. */
function passkeyFrontend(frontendUrl: string): URL {
  const url = new URL(frontendUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === '[::1]') url.hostname = 'localhost';
  return url;
}

/** Parses the variables a schema names (unset and empty ones are absent), reporting every problem at once. */
function parseVariables<S extends z.ZodType>(
  variables: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  // Parsed once per process: zod's compiled fast path for objects would cost more to build than it saves.
  const parsed = variables.safeParse(cleaned, { jitless: true });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** What the event dispatcher needs when it runs as a function of its own (the table stream's Lambda handler). */
export type DispatcherConfig = Pick<
  Config,
  'stage' | 'logLevel' | 'storage' | 'webhooks' | 'webhookTimeoutSeconds'
>;

/**
 * The dispatcher's configuration: the table and `AMPLY_WEBHOOKS`, none of the API's signing or encryption
 * secrets (a function that delivers events has no use for them).
 */
export function loadDispatcherConfig(
  env: Record<string, string | undefined> = process.env,
): DispatcherConfig {
  const raw = parseVariables(
    schema.pick({
      AMPLY_STAGE: true,
      AMPLY_LOG_LEVEL: true,
      AMPLY_TABLE_NAME: true,
      AMPLY_DYNAMODB_ENDPOINT: true,
      AWS_REGION: true,
      AMPLY_WEBHOOKS: true,
      AMPLY_WEBHOOK_TIMEOUT_SECONDS: true,
    }),
    env,
  );
  const problems: string[] = [];
  const webhooks = readWebhooks(raw.AMPLY_WEBHOOKS, raw.AMPLY_STAGE, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    stage: raw.AMPLY_STAGE,
    logLevel: raw.AMPLY_LOG_LEVEL,
    storage: {
      mode: 'aws',
      tableName: raw.AMPLY_TABLE_NAME ?? `amply-${raw.AMPLY_STAGE}`,
      endpoint: raw.AMPLY_DYNAMODB_ENDPOINT,
      embeddedPort: 0,
      region: raw.AWS_REGION,
    },
    webhooks,
    webhookTimeoutSeconds: raw.AMPLY_WEBHOOK_TIMEOUT_SECONDS,
  };
}

/**
 * The variables a secret of `AMPLY_SECRET_ARNS` may set: keys, secrets, the OAuth clients' credentials,
 * and the webhook endpoints (their signing secrets are in there).
 */
const SECRET_VARIABLES = new Set([
  'AMPLY_SIGNING_KEYS',
  'AMPLY_ENCRYPTION_KEYS',
  'AMPLY_HMAC_SECRET',
  'AMPLY_ORIGIN_SECRET',
  'AMPLY_SMTP_URL',
  'AMPLY_WEBHOOKS',
  ...OAUTH_PROVIDERS.flatMap((provider) => [
    `AMPLY_OAUTH_${provider.toUpperCase()}_CLIENT_ID`,
    `AMPLY_OAUTH_${provider.toUpperCase()}_CLIENT_SECRET`,
  ]),
]);

/** The only secret variable the event dispatcher reads: it has no use for the API's keys. */
const DISPATCHER_SECRET_VARIABLES = new Set(['AMPLY_WEBHOOKS']);

/** Variables whose value is JSON: a secret may hold it as JSON itself rather than as a string of JSON. */
const JSON_VARIABLES = new Set(['AMPLY_WEBHOOKS']);

/** Where the runtime reads its secrets: its region, its own credentials if the environment holds them, an endpoint. */
function secretLocation(env: Record<string, string | undefined>): SecretLocation {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL;
  return {
    region: env.AWS_REGION || 'us-east-1',
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined } }
      : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

/**
 * The environment with the variables of the secrets named by `AMPLY_SECRET_ARNS` (ARNs or names,
 * comma-separated) added: each secret is a JSON object of variable names, read once, and may hold only
 * `allowed` names. A variable set in the environment wins over a secret, so local runs keep working with
 * environment variables alone. Problems name the secret and the variable, never a value.
 */
async function withSecretVariables(
  source: SecretSource,
  env: Record<string, string | undefined>,
  allowed: Set<string>,
  refusal: (secretId: string, name: string) => string,
): Promise<Record<string, string | undefined>> {
  const secretIds = list.parse(env.AMPLY_SECRET_ARNS ?? '');
  if (secretIds.length === 0) return env;
  let documents: SecretDocument[];
  try {
    documents = await source.read(secretIds, secretLocation(env));
  } catch (error) {
    if (error instanceof SecretReadError) throw new ConfigError([`AMPLY_SECRET_ARNS: ${error.message}`]);
    throw error;
  }
  const problems: string[] = [];
  const fromSecrets: Record<string, string> = {};
  const foundIn = new Map<string, string>();
  for (const { secretId, values } of documents) {
    for (const [name, value] of Object.entries(values)) {
      const text = JSON_VARIABLES.has(name) && typeof value === 'object' ? JSON.stringify(value) : value;
      if (!allowed.has(name)) {
        problems.push(refusal(secretId, name));
      } else if (typeof text !== 'string') {
        problems.push(`AMPLY_SECRET_ARNS: ${name} in the secret ${secretId} is not a string`);
      } else if (foundIn.has(name)) {
        problems.push(`AMPLY_SECRET_ARNS: ${name} is in two secrets (${foundIn.get(name)}, ${secretId})`);
      } else {
        fromSecrets[name] = text;
        foundIn.set(name, secretId);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const fromEnvironment = Object.fromEntries(Object.entries(env).filter(([, value]) => value));
  return { ...fromSecrets, ...fromEnvironment };
}

/**
 * `loadConfig` after reading the secrets named by `AMPLY_SECRET_ARNS` (ARNs or names, comma-separated):
 * each is a JSON object of secret variables, read once, at start-up. A variable set in the environment
 * wins over a secret, so local runs keep working with environment variables alone.
 */
export async function loadConfigWithSecrets(
  source: SecretSource,
  env: Record<string, string | undefined> = process.env,
): Promise<Config> {
  return loadConfig(
    await withSecretVariables(
      source,
      env,
      SECRET_VARIABLES,
      (secretId, name) =>
        `AMPLY_SECRET_ARNS: the secret ${secretId} holds ${name}, which is not a secret setting`,
    ),
  );
}

/**
 * `loadDispatcherConfig` after reading `AMPLY_WEBHOOKS` from the secrets named by `AMPLY_SECRET_ARNS`.
 * Those secrets may hold nothing else: a dispatcher handed the API's keys is refused, not started.
 */
export async function loadDispatcherConfigWithSecrets(
  source: SecretSource,
  env: Record<string, string | undefined> = process.env,
): Promise<DispatcherConfig> {
  return loadDispatcherConfig(
    await withSecretVariables(
      source,
      env,
      DISPATCHER_SECRET_VARIABLES,
      (secretId, name) =>
        `AMPLY_SECRET_ARNS: the secret ${secretId} holds ${name}; the event dispatcher reads only AMPLY_WEBHOOKS`,
    ),
  );
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http is for a loopback host outside prod only (a local provider or receiver in dev and tests). */
function insecureUrlAllowed(value: string, stage: Stage): boolean {
  return stage !== 'prod' && LOOPBACK.has(new URL(value).hostname);
}

/**
 * Reads `AMPLY_WEBHOOKS`: a JSON array of `{"url", "secret"}`. Problems name the entry and the field,
 * never a value (the secrets are in there).
 */
function readWebhooks(value: string | undefined, stage: Stage, problems: string[]): WebhookEndpoint[] {
  if (value === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    problems.push('AMPLY_WEBHOOKS: expected a JSON array of {"url": "https://…", "secret": "…"}');
    return [];
  }
  const parsed = webhookEndpoints.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(
        `AMPLY_WEBHOOKS${issue.path.map((part) => `[${String(part)}]`).join('')}: ${issue.message}`,
      );
    }
    return [];
  }
  for (const [index, endpoint] of parsed.data.entries()) {
    if (endpoint.url.startsWith('http:') && !insecureUrlAllowed(endpoint.url, stage)) {
      problems.push(
        `AMPLY_WEBHOOKS[${index}][url]: plain http is allowed only for a loopback host outside prod`,
      );
    }
  }
  return parsed.data;
}

/**
 * Reads `AMPLY_OAUTH_<PROVIDER>_*`. Provider URLs must be https; plain http is accepted only for a
 * loopback host outside prod (a local OpenID provider in dev and tests).
 */
function readOAuthProviders(
  raw: RawConfig,
  stage: Stage,
  problems: string[],
): Record<OAuthProviderName, OAuthProviderSettings> {
  const values = raw as unknown as Record<string, string | string[] | undefined>;
  const read = (provider: OAuthProviderName, setting: keyof typeof OAUTH_SETTINGS) => {
    const name = `AMPLY_OAUTH_${provider.toUpperCase()}_${setting}`;
    const value = values[name];
    const isUrl = setting === 'ISSUER' || setting.endsWith('_URL');
    if (
      isUrl &&
      typeof value === 'string' &&
      value.startsWith('http:') &&
      !insecureUrlAllowed(value, stage)
    ) {
      problems.push(`${name}: plain http is allowed only for a loopback host outside prod`);
    }
    return value;
  };
  const result = {} as Record<OAuthProviderName, OAuthProviderSettings>;
  for (const provider of OAUTH_PROVIDERS) {
    result[provider] = {
      clientId: read(provider, 'CLIENT_ID') as string | undefined,
      clientSecret: read(provider, 'CLIENT_SECRET') as string | undefined,
      issuer: read(provider, 'ISSUER') as string | undefined,
      authorizationUrl: read(provider, 'AUTHORIZATION_URL') as string | undefined,
      tokenUrl: read(provider, 'TOKEN_URL') as string | undefined,
      userInfoUrl: read(provider, 'USERINFO_URL') as string | undefined,
      revocationUrl: read(provider, 'REVOCATION_URL') as string | undefined,
      scopes: read(provider, 'SCOPES') as string[] | undefined,
      platformScopes: read(provider, 'PLATFORM_SCOPES') as string[] | undefined,
    };
  }
  return result;
}

/**
 * Once the server listens, the address it really has (PORT=0 picks one) becomes the public URL and the
 * token issuer, unless AMPLY_PUBLIC_URL names them; on dev the console's address (the default frontend)
 * follows it, and so do the passkey relying party and origin when they follow the frontend.
 */
export function withListeningAddress(config: Config, baseUrl: string): Config {
  if (config.publicUrlConfigured) return config;
  const moved = { ...config, publicUrl: baseUrl, tokens: { ...config.tokens, issuer: baseUrl } };
  if (config.frontendUrlConfigured || config.stage !== 'dev') return moved;
  const frontendUrl = `${baseUrl}${CONSOLE_PATH}`;
  const allowlist = config.oauth.returnToAllowlist;
  const followsFrontend = allowlist.length === 1 && allowlist[0] === config.frontendUrl;
  const { passkeys } = config;
  const before = passkeyFrontend(config.frontendUrl);
  const passkeysFollow =
    passkeys.origins.length === 1 &&
    passkeys.origins[0] === before.origin &&
    passkeys.rpId === before.hostname;
  const frontend = passkeyFrontend(frontendUrl);
  return {
    ...moved,
    frontendUrl,
    oauth: { ...config.oauth, returnToAllowlist: followsFrontend ? [frontendUrl] : allowlist },
    passkeys: passkeysFollow
      ? { ...passkeys, rpId: frontend.hostname, origins: [frontend.origin] }
      : passkeys,
  };
}
