import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../bench/lambda.js';
import { ensureTable } from '../../src/data/bootstrap.js';
import { createDatabase } from '../../src/data/database.js';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { newSecretVariables } from '../../src/security/new-secrets.js';
import { startSecretsManagerFake } from '../helpers/secrets-manager-fake.js';
import { type SmtpCatcher, startSmtpCatcher } from '../helpers/smtp-catcher.js';
import { E2E_PASSWORD, invokeBundle, makeTempDir, removeDir } from './server-process.js';

/*
 * The minified, code-split Lambda bundle (dist/lambda/index.mjs) handling API Gateway HTTP API v2 events
 * in a plain `node` process, against a DynamoDB engine and an SMTP server on loopback: the same code
 * path as on AWS, storage and mail included.
 */

interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

let engine: EmbeddedEngine;
let smtp: SmtpCatcher;
let env: Record<string, string>;
let dir: string;

function event(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.example.com',
      'user-agent': 'amply-e2e',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'e2e',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'amply-e2e' },
      requestId: randomBytes(8).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

/** Runs the bundle in a fresh `node` process on a list of events; returns one result per event. */
async function invoke(events: unknown[], environment = env): Promise<LambdaResult[]> {
  return (await invokeBundle('dist/lambda/index.mjs', events, { dir, env: environment })) as LambdaResult[];
}

beforeAll(async () => {
  dir = await makeTempDir('lambda');
  engine = await startEmbeddedEngine();
  const tableName = 'amply-lambda-e2e';
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint: engine.endpoint });
  await ensureTable(await db.client(), tableName);
  smtp = await startSmtpCatcher();
  env = {
    AMPLY_STAGE: 'staging',
    AMPLY_PUBLIC_URL: 'https://api.example.com',
    ...(await newSecretVariables()),
    AMPLY_STORAGE: 'aws',
    AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_MAIL_TRANSPORT: 'smtp',
    AMPLY_S3_BUCKET: 'amply-staging-media',
    AMPLY_SMTP_URL: smtp.url,
    AWS_REGION: 'us-east-1',
  };
});

afterAll(async () => {
  await smtp?.close();
  await engine?.close();
  await removeDir(dir);
});

/** The bundle as `buildLambda` makes it, with what its cold start loads: built once for the tests that read it. */
let built: ReturnType<typeof buildBundle> | undefined;
const startupBundle = () => {
  built ??= buildBundle(join(dir, 'startup-bundle'), 'src/entry/lambda.ts');
  return built;
};

describe('the Lambda bundle', () => {
  it('loads no storage, OAuth or image library before its first event: routes load them when needed', async () => {
    const { info } = await startupBundle();
    const heavy =
      /node_modules\/(electrodb|@aws-sdk|@smithy|openid-client|oauth4webapi|oidc-provider|sharp)\//;
    expect(info.startupInputs.some((input) => input.startsWith('src/entry/lambda.ts'))).toBe(true);
    expect(info.startupInputs.filter((input) => heavy.test(input))).toEqual([]);
  });

  it('carries zod’s English messages and none of its other translations', async () => {
    const { info } = await startupBundle();
    const locales = info.startupInputs.filter((input) => input.includes('zod/v4/locales/'));
    expect(locales.filter((input) => input.endsWith('.js') && !input.endsWith('/index.js'))).toEqual([
      'node_modules/zod/v4/locales/en.js',
    ]);
  });

  it('answers health and discovery without touching storage, with the security headers', async () => {
    const [health, discovery] = await invoke([
      event('GET', '/health'),
      event('GET', '/.well-known/openid-configuration'),
    ]);
    expect(health?.statusCode).toBe(200);
    expect(JSON.parse(health?.body ?? '')).toEqual({ success: true, data: { status: 'ok' } });
    expect(health?.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(health?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(discovery?.body ?? '').issuer).toBe('https://api.example.com');
  });

  it('registers, confirms, signs in and reads the profile through storage, mail and the rate limiter', async () => {
    const email = `lambda-${randomBytes(4).toString('hex')}@example.com`;
    const [registered] = await invoke([
      event('POST', '/auth/register', { email, password: E2E_PASSWORD, name: 'Lambda' }),
    ]);
    expect(registered?.statusCode).toBe(202);
    expect(registered?.headers['ratelimit-limit']).toBe('5');
    const mail = smtp.messages.find((message) => message.includes(`To: ${email}`));
    const code = /code: (\d{6})/.exec(mail ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const [confirmed, login] = await invoke([
      event('POST', '/auth/confirm', { email, code }),
      event('POST', '/auth/login', { email, password: E2E_PASSWORD }),
    ]);
    expect(confirmed?.statusCode).toBe(200);
    expect(login?.statusCode).toBe(200);
    const { accessToken } = JSON.parse(login?.body ?? '').data;
    const [profile, wrongMethod] = await invoke([
      event('GET', '/user/profile', undefined, { authorization: `Bearer ${accessToken}` }),
      event('DELETE', '/health'),
    ]);
    expect(profile?.statusCode).toBe(200);
    expect(JSON.parse(profile?.body ?? '').data.email).toBe(email);
    expect(wrongMethod?.statusCode).toBe(405);
  });

  it('reads its keys, the origin secret and the webhooks from Secrets Manager once per cold start with signed requests, and refuses calls that skip the CDN', async () => {
    // Secrets Manager is played by a loopback FAKE speaking its wire protocol and checking SigV4 signatures.
    const originSecret = randomBytes(24).toString('hex');
    const { AMPLY_SIGNING_KEYS, AMPLY_ENCRYPTION_KEYS, AMPLY_HMAC_SECRET, ...withoutSecrets } = env;
    const fake = await startSecretsManagerFake({
      'amply-staging/app': {
        text: JSON.stringify({
          AMPLY_SIGNING_KEYS,
          AMPLY_ENCRYPTION_KEYS,
          AMPLY_HMAC_SECRET,
          AMPLY_ORIGIN_SECRET: originSecret,
        }),
      },
      'amply-staging/webhooks': {
        text: JSON.stringify({
          AMPLY_WEBHOOKS: [{ url: 'https://hooks.example.com/amply', secret: 'w'.repeat(40) }],
        }),
      },
    });
    try {
      const [jwks, direct] = await invoke(
        [
          event('GET', '/.well-known/jwks.json', undefined, { 'x-amply-origin-verify': originSecret }),
          event('GET', '/health'),
        ],
        {
          ...withoutSecrets,
          AMPLY_SECRET_ARNS: 'amply-staging/app,amply-staging/webhooks',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
          // As Lambda gives them: the role's temporary credentials.
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SESSION_TOKEN: 'role-session-token',
        },
      );
      expect(jwks?.statusCode).toBe(200);
      const kid = (JSON.parse(AMPLY_SIGNING_KEYS as string) as { keys: { kid: string }[] }).keys[0]?.kid;
      expect(JSON.parse(jwks?.body ?? '').keys.map((key: { kid: string }) => key.kid)).toContain(kid);
      expect(direct?.statusCode).toBe(403);
      expect(fake.requests.map((request) => request.secretId).sort()).toEqual([
        'amply-staging/app',
        'amply-staging/webhooks',
      ]);
      for (const request of fake.requests) expect(request.sessionToken).toBe('role-session-token');
    } finally {
      await fake.close();
    }
  });

  it('answers an artist’s setup events once with a retry hint, since a Lambda response cannot stream', async () => {
    const email = `lambda-artist-${randomBytes(4).toString('hex')}@example.com`;
    await invoke([event('POST', '/auth/register', { email, password: E2E_PASSWORD, name: 'Artist' })]);
    const code = /code: (\d{6})/.exec(
      smtp.messages.find((message) => message.includes(`To: ${email}`)) ?? '',
    )?.[1];
    const [, login] = await invoke([
      event('POST', '/auth/confirm', { email, code }),
      event('POST', '/auth/login', { email, password: E2E_PASSWORD }),
    ]);
    const auth = { authorization: `Bearer ${JSON.parse(login?.body ?? '').data.accessToken}` };
    const artistId = `lambda-${randomBytes(3).toString('hex')}`;
    const [created, events] = await invoke([
      event('POST', '/artists', { artistId, displayName: 'On Lambda', provider: 'aws' }, auth),
      event('GET', `/artists/${artistId}/setup-events`, undefined, auth),
    ]);
    expect(created?.statusCode).toBe(201);
    expect(events?.statusCode).toBe(200);
    expect(events?.headers['content-type']).toContain('text/event-stream');
    // Hono's adapter hands a stream's bytes over base64-encoded; API Gateway decodes them for the client.
    const body = Buffer.from(events?.body ?? '', events?.isBase64Encoded ? 'base64' : 'utf8').toString(
      'utf8',
    );
    expect(body).toMatch(/^retry: 10000\n\n/);
    const frames = body.split('\n\n').filter((frame) => frame.startsWith('event: status'));
    expect(frames).toHaveLength(1);
    expect(JSON.parse(/data: (.*)/.exec(frames[0] ?? '')?.[1] ?? '{}')).toMatchObject({ status: 'pending' });
  });
});
