import { describe, expect, it } from 'vitest';
import { startSecretsManagerFake } from '../test/helpers/secrets-manager-fake.js';
import { createSecretsManagerSource } from './adapters/secrets/secrets-manager-source.js';
import {
  ConfigError,
  loadConfig,
  loadConfigWithSecrets,
  loadDispatcherConfigWithSecrets,
  withListeningAddress,
} from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs the dev stage on embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      stage: 'dev',
      host: '127.0.0.1',
      port: 3000,
      dataDir: '.data',
      publicUrl: 'http://127.0.0.1:3000',
      corsOrigins: '*',
      modules: ['identity', 'connections', 'artists', 'casting', 'collection'],
      storage: { mode: 'embedded', tableName: 'amply-dev' },
      mail: { transport: 'outbox' },
      rateLimits: { login: { points: 10, seconds: 60 }, default: { points: 300, seconds: 300 } },
    });
  });

  it('sends mail links and sign-in redirects to the console this server serves on dev, and follows its real port', () => {
    const config = loadConfig({ PORT: '0' });
    expect(config.frontendUrl).toBe('http://127.0.0.1:0/console');
    const listening = withListeningAddress(config, 'http://127.0.0.1:41234');
    expect(listening.frontendUrl).toBe('http://127.0.0.1:41234/console');
    expect(listening.oauth.returnToAllowlist).toEqual(['http://127.0.0.1:41234/console']);

    // A named frontend stays, and so does a named allowlist.
    const named = loadConfig({ PORT: '0', FRONTEND_URL: 'http://localhost:5173' });
    expect(withListeningAddress(named, 'http://127.0.0.1:41234').frontendUrl).toBe('http://localhost:5173');
    const allowlisted = loadConfig({ PORT: '0', AMPLY_RETURN_TO_ALLOWLIST: 'http://app.example' });
    expect(withListeningAddress(allowlisted, 'http://127.0.0.1:41234').oauth.returnToAllowlist).toEqual([
      'http://app.example',
    ]);
  });

  it('names every missing secret outside dev', () => {
    const problems = problemsOf({ AMPLY_STAGE: 'prod' });
    for (const name of [
      'AMPLY_SIGNING_KEYS',
      'AMPLY_ENCRYPTION_KEYS',
      'AMPLY_HMAC_SECRET',
      'AMPLY_PUBLIC_URL',
    ]) {
      expect(problems.some((problem) => problem.startsWith(`${name} is required`))).toBe(true);
    }
  });

  it('refuses the dev-only outbox and embedded engine on real stages', () => {
    const problems = problemsOf({
      AMPLY_STAGE: 'staging',
      AMPLY_STORAGE: 'embedded',
      AMPLY_MAIL_TRANSPORT: 'outbox',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'AMPLY_STORAGE=embedded is for the dev stage only',
        'AMPLY_MAIL_TRANSPORT=outbox is for the dev stage only',
      ]),
    );
  });

  it('reports malformed values with the variable name', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      AMPLY_RATE_LIMIT_LOGIN: '10 per minute',
      AMPLY_MODULES: 'identity,billing',
    });
    expect(problems.some((problem) => problem.startsWith('PORT:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('AMPLY_RATE_LIMIT_LOGIN:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('AMPLY_MODULES.1:'))).toBe(true);
  });

  it('refuses an upload limit larger than upload-complete can hold in memory (100 MiB)', () => {
    expect(problemsOf({ AMPLY_UPLOAD_MAX_BYTES: String(100 * 1024 ** 2) })).toEqual([]);
    const problems = problemsOf({ AMPLY_UPLOAD_MAX_BYTES: String(100 * 1024 ** 2 + 1) });
    expect(problems.some((problem) => problem.startsWith('AMPLY_UPLOAD_MAX_BYTES:'))).toBe(true);
  });

  it('parses lists, switches and limits', () => {
    const config = loadConfig({
      AMPLY_MODULES: 'identity, collection',
      AMPLY_RATE_LIMIT_DEFAULT: 'off',
      AMPLY_STRICT_REVOCATION: 'on',
      AMPLY_ADMIN_EMAILS: 'Boss@Example.com',
      AMPLY_CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.modules).toEqual(['identity', 'collection']);
    expect(config.rateLimits.default).toBeNull();
    expect(config.tokens.strictRevocation).toBe(true);
    expect(config.accounts.adminEmails).toEqual(['boss@example.com']);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('binds passkeys to the frontend by default (the console, named localhost, in dev), or to the configured RP ID and origins', () => {
    expect(loadConfig({}).passkeys).toEqual({
      rpId: 'localhost',
      rpName: 'Amply',
      origins: ['http://localhost:3000'],
    });
    expect(
      withListeningAddress(loadConfig({ PORT: '0' }), 'http://127.0.0.1:41234').passkeys.origins,
    ).toEqual(['http://localhost:41234']);
    expect(loadConfig({ FRONTEND_URL: 'http://localhost:5173' }).passkeys.origins).toEqual([
      'http://localhost:5173',
    ]);
    expect(
      loadConfig({
        FRONTEND_URL: 'https://app.example.com/',
        AMPLY_PASSKEY_RP_ID: 'example.com',
        AMPLY_PASSKEY_ORIGINS: 'https://app.example.com, https://example.com/',
      }).passkeys,
    ).toMatchObject({ rpId: 'example.com', origins: ['https://app.example.com', 'https://example.com'] });
    expect(
      problemsOf({ AMPLY_PASSKEY_RP_ID: 'example.com', AMPLY_PASSKEY_ORIGINS: 'https://example.org' }),
    ).toEqual([
      'AMPLY_PASSKEY_ORIGINS: https://example.org is not on AMPLY_PASSKEY_RP_ID example.com or below it',
    ]);
    expect(problemsOf({ AMPLY_PASSKEY_RP_ID: 'https://example.com' })[0]).toMatch(/^AMPLY_PASSKEY_RP_ID/);
  });

  it('needs an SMTP URL for the SMTP transport', () => {
    expect(problemsOf({ AMPLY_MAIL_TRANSPORT: 'smtp' })).toEqual([
      'AMPLY_SMTP_URL is required when AMPLY_MAIL_TRANSPORT=smtp',
    ]);
  });

  it('keeps blobs in the data folder on dev, and needs a bucket for S3, the default elsewhere', () => {
    expect(loadConfig({ AMPLY_DATA_DIR: '/srv/amply' }).blobs).toMatchObject({
      adapter: 'local',
      localRoot: '/srv/amply/blobs',
      maxUploadBytes: 10 * 1024 * 1024,
    });
    expect(problemsOf({ AMPLY_STAGE: 'prod' })).toContain('AMPLY_S3_BUCKET is required when AMPLY_BLOBS=s3');
    expect(
      loadConfig({
        AMPLY_BLOBS: 's3',
        AMPLY_S3_BUCKET: 'amply-media',
        AMPLY_S3_ENDPOINT: 'http://127.0.0.1:4568/',
        AMPLY_S3_FORCE_PATH_STYLE: 'on',
        AMPLY_MEDIA_BASE_URL: 'https://media.example.com/',
      }).blobs,
    ).toMatchObject({
      adapter: 's3',
      s3: { bucket: 'amply-media', endpoint: 'http://127.0.0.1:4568', forcePathStyle: true },
      mediaBaseUrl: 'https://media.example.com',
    });
  });

  it('reads webhook endpoints with an id per URL, and names problems without echoing a secret', () => {
    const secret = 's3cr3t-'.padEnd(40, 'k');
    const [endpoint, other] = loadConfig({
      AMPLY_WEBHOOKS: JSON.stringify([
        { url: 'https://hooks.example.com/amply/', secret },
        { url: 'https://crm.example.com/in', secret },
      ]),
    }).webhooks;
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^whk_[0-9a-f]{16}$/),
      url: 'https://hooks.example.com/amply',
      secret,
    });
    expect(other?.id).not.toBe(endpoint?.id);
    expect(loadConfig({}).webhooks).toEqual([]);

    const problems = [
      ...problemsOf({ AMPLY_WEBHOOKS: `[{"url": "https://a.example.com", "secret": "${secret}"` }),
      ...problemsOf({ AMPLY_WEBHOOKS: JSON.stringify([{ url: 'https://a.example.com', secret: 'short' }]) }),
      ...problemsOf({
        AMPLY_WEBHOOKS: JSON.stringify([{ url: 'ftp://a.example.com', secret, extra: secret }]),
      }),
      ...problemsOf({
        AMPLY_STAGE: 'prod',
        AMPLY_WEBHOOKS: JSON.stringify([{ url: 'http://127.0.0.1:9000/hook', secret }]),
      }),
      ...problemsOf({ AMPLY_WEBHOOKS: JSON.stringify([{ url: 'http://hooks.example.com', secret }]) }),
    ];
    expect(problems).toEqual(
      expect.arrayContaining([
        'AMPLY_WEBHOOKS: expected a JSON array of {"url": "https://…", "secret": "…"}',
        expect.stringMatching(/^AMPLY_WEBHOOKS\[0\]\[secret\]: /),
        expect.stringMatching(/^AMPLY_WEBHOOKS\[0\]\[url\]: /),
        'AMPLY_WEBHOOKS[0][url]: plain http is allowed only for a loopback host outside prod',
      ]),
    );
    expect(problems.filter((problem) => problem.includes('plain http'))).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('s3cr3t');
    expect(problems.join('\n')).not.toContain('short');
  });
});

describe('loadConfigWithSecrets', () => {
  // Secrets Manager is played by a loopback FAKE speaking its wire protocol; the SDK client is real.
  const prodEnv = {
    AMPLY_STAGE: 'prod',
    AMPLY_PUBLIC_URL: 'https://api.example.com',
    AMPLY_S3_BUCKET: 'amply-prod-media',
    AMPLY_SECRET_ARNS: 'amply-prod/app, amply-prod/origin',
  };
  const keys = {
    AMPLY_SIGNING_KEYS: '{"keys":[]}',
    AMPLY_ENCRYPTION_KEYS: `k1:${'A'.repeat(43)}=`,
    AMPLY_HMAC_SECRET: 'h'.repeat(40),
    AMPLY_OAUTH_GOOGLE_CLIENT_ID: 'google-client',
    AMPLY_OAUTH_GOOGLE_CLIENT_SECRET: 'google-secret',
  };
  const origin = { AMPLY_ORIGIN_SECRET: 'o'.repeat(40) };

  async function withSecrets<T>(
    secrets: Record<string, unknown>,
    run: (source: ReturnType<typeof createSecretsManagerSource>) => Promise<T>,
  ): Promise<T> {
    const fake = await startSecretsManagerFake(
      Object.fromEntries(Object.entries(secrets).map(([id, value]) => [id, { text: JSON.stringify(value) }])),
    );
    try {
      return await run(createSecretsManagerSource({ client: fake.client() }));
    } finally {
      await fake.close();
    }
  }

  async function problemsWith(secrets: Record<string, unknown>, env: Record<string, string> = prodEnv) {
    return withSecrets(secrets, (source) =>
      loadConfigWithSecrets(source, env).then(
        () => [] as string[],
        (error: unknown) => {
          if (error instanceof ConfigError) return error.problems;
          throw error;
        },
      ),
    );
  }

  it('starts a real stage on the keys, OAuth credentials and origin secret read from the named secrets', async () => {
    const config = await withSecrets({ 'amply-prod/app': keys, 'amply-prod/origin': origin }, (source) =>
      loadConfigWithSecrets(source, prodEnv),
    );
    expect(config.secrets).toEqual({
      signingKeys: keys.AMPLY_SIGNING_KEYS,
      encryptionKeys: keys.AMPLY_ENCRYPTION_KEYS,
      hmacSecret: keys.AMPLY_HMAC_SECRET,
      originSecret: origin.AMPLY_ORIGIN_SECRET,
    });
    expect(config.oauth.providers.google).toMatchObject({
      clientId: 'google-client',
      clientSecret: 'google-secret',
    });
  });

  it('lets a variable set in the environment win over the same one in a secret', async () => {
    const config = await withSecrets({ 'amply-prod/app': keys, 'amply-prod/origin': origin }, (source) =>
      loadConfigWithSecrets(source, { ...prodEnv, AMPLY_HMAC_SECRET: 'e'.repeat(40) }),
    );
    expect(config.secrets.hmacSecret).toBe('e'.repeat(40));
    expect(config.secrets.signingKeys).toBe(keys.AMPLY_SIGNING_KEYS);
  });

  it('reads nothing and behaves as loadConfig without AMPLY_SECRET_ARNS', async () => {
    const source = { read: () => Promise.reject(new Error('must not be asked')) };
    expect((await loadConfigWithSecrets(source, {})).stage).toBe('dev');
  });

  it('still names a required secret that neither the environment nor the secrets set', async () => {
    const { AMPLY_SIGNING_KEYS: _left, ...rest } = keys;
    const problems = await problemsWith({ 'amply-prod/app': rest, 'amply-prod/origin': origin });
    expect(problems.some((problem) => problem.startsWith('AMPLY_SIGNING_KEYS is required'))).toBe(true);
  });

  it('refuses a secret holding a setting that is not secret, a non-string value, or a variable twice', async () => {
    const problems = await problemsWith({
      'amply-prod/app': { ...keys, AMPLY_STAGE: 'dev', AMPLY_HMAC_SECRET: 42 },
      'amply-prod/origin': { ...origin, AMPLY_SIGNING_KEYS: '{"keys":[]}' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'AMPLY_SECRET_ARNS: the secret amply-prod/app holds AMPLY_STAGE, which is not a secret setting',
        'AMPLY_SECRET_ARNS: AMPLY_HMAC_SECRET in the secret amply-prod/app is not a string',
        'AMPLY_SECRET_ARNS: AMPLY_SIGNING_KEYS is in two secrets (amply-prod/app, amply-prod/origin)',
      ]),
    );
  });

  it('reads webhook endpoints from a secret, as a JSON array or as a string of one', async () => {
    const endpoints = [{ url: 'https://hooks.example.com/amply', secret: 's'.repeat(40) }];
    for (const AMPLY_WEBHOOKS of [endpoints, JSON.stringify(endpoints)]) {
      const config = await withSecrets(
        { 'amply-prod/app': { ...keys, ...origin }, 'amply-prod/webhooks': { AMPLY_WEBHOOKS } },
        (source) =>
          loadConfigWithSecrets(source, {
            ...prodEnv,
            AMPLY_SECRET_ARNS: 'amply-prod/app,amply-prod/webhooks',
          }),
      );
      expect(config.webhooks).toEqual([expect.objectContaining(endpoints[0])]);
    }
  });

  it('turns an unreadable secret into a configuration problem that names it', async () => {
    const problems = await problemsWith({ 'amply-prod/app': keys });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^AMPLY_SECRET_ARNS: cannot use the secret amply-prod\/origin: ResourceNotFound/,
    );
  });
});

describe('loadDispatcherConfigWithSecrets', () => {
  const env = {
    AMPLY_STAGE: 'prod',
    AMPLY_TABLE_NAME: 'amply-prod',
    AMPLY_SECRET_ARNS: 'amply-prod/webhooks',
  };
  const endpoints = [{ url: 'https://hooks.example.com/amply', secret: 'w'.repeat(40) }];

  async function load(secret: Record<string, unknown>) {
    const fake = await startSecretsManagerFake({ 'amply-prod/webhooks': { text: JSON.stringify(secret) } });
    try {
      return await loadDispatcherConfigWithSecrets(
        createSecretsManagerSource({ client: fake.client() }),
        env,
      );
    } finally {
      await fake.close();
    }
  }

  it('reads the webhook endpoints from the named secret', async () => {
    const config = await load({ AMPLY_WEBHOOKS: endpoints });
    expect(config.webhooks.map(({ url, secret }) => ({ url, secret }))).toEqual(endpoints);
    expect(config.storage.tableName).toBe('amply-prod');
  });

  it('starts with no endpoint from an empty secret (events are then only recorded)', async () => {
    expect((await load({})).webhooks).toEqual([]);
  });

  it('refuses a secret that also holds the API’s keys, naming the variable and never its value', async () => {
    const error = await load({ AMPLY_WEBHOOKS: endpoints, AMPLY_HMAC_SECRET: 'h'.repeat(40) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'AMPLY_SECRET_ARNS: the secret amply-prod/webhooks holds AMPLY_HMAC_SECRET; the event dispatcher reads only AMPLY_WEBHOOKS',
    ]);
    expect((error as Error).message).not.toContain('hhhh');
  });
});
