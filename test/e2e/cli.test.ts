import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { createTableInput } from '../../src/data/table.js';
import { parseEncryptionKeys } from '../../src/security/secret-box.js';
import { loadSigningKeys } from '../../src/security/signing-keys.js';
import { freePort } from '../helpers/engines.js';
import {
  E2E_PASSWORD,
  jwtClaims,
  jwtHeader,
  login,
  registerAndReadCode,
  request,
  runCli,
  type ServerProcess,
  serverPool,
  uniqueAddress,
} from './server-process.js';

const pool = serverPool('cli');
const { freshDataDir, start } = pool;
const engines: EmbeddedEngine[] = [];

async function stop(server: ServerProcess) {
  expect(await pool.stop(server)).toEqual({ code: 0, signal: null });
}

const email = uniqueAddress;
const scopes = (accessToken: string) => String(jwtClaims(accessToken).scope ?? '').split(' ');

async function cli(dataDir: string, ...args: string[]) {
  const result = await runCli(args, { dataDir });
  expect(result.code, `amply ${args[0]} failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

interface SigningKeyFile {
  keys: Array<{ kid: string; kty: string; d?: string; [member: string]: unknown }>;
}

async function readSigningKeys(dataDir: string): Promise<SigningKeyFile> {
  return JSON.parse(await readFile(join(dataDir, 'keys', 'signing-keys.json'), 'utf8')) as SigningKeyFile;
}

afterEach(pool.stopAll);

afterAll(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  await pool.removeAll();
});

describe('amply usage', () => {
  it('prints its usage for --help, -h, help and <command> --help, exiting 0', async () => {
    const dataDir = await freshDataDir();
    for (const args of [['--help'], ['-h'], ['help'], ['export-user', '--help']]) {
      const result = await runCli(args, { dataDir });
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      expect(result.stdout).toContain('amply <command> [options]');
      expect(result.stdout).toContain('sweep-uploads');
      expect(result.stderr).toBe('');
    }
  });

  it('says "unknown command X" and exits 2 for a command it does not know, and for none', async () => {
    const dataDir = await freshDataDir();
    const unknown = await runCli(['frobnicate', '--email', 'a@b.c'], { dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^amply: unknown command frobnicate\n/);
    expect(unknown.stderr).toContain('Commands:');
    expect(unknown.stdout).toBe('');
    const none = await runCli([], { dataDir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('a command is required');
  });
});

describe('amply create-admin', () => {
  it('creates a confirmed administrator on a data folder no server has opened; its tokens carry the admin scope', async () => {
    const dataDir = await freshDataDir();
    const admin = email('admin');

    const created = await cli(
      dataDir,
      'create-admin',
      '--email',
      admin,
      '--password',
      E2E_PASSWORD,
      '--name',
      'Ada Admin',
    );
    expect(created.stdout).toMatch(/^Created administrator \S+ \(usr_[0-9a-z]+\)$/m);

    const server = await start(dataDir);
    const tokens = await login(server.baseUrl, admin);
    expect(scopes(tokens.accessToken)).toContain('admin');
    const profile = await request(server.baseUrl, 'GET', '/user/profile', { token: tokens.accessToken });
    expect(profile.json.data).toMatchObject({ email: admin, displayName: 'Ada Admin', emailVerified: true });
  });

  it('gives an existing account the admin role while the server is running', async () => {
    const dataDir = await freshDataDir();
    const server = await start(dataDir);
    const address = email('promoted');
    const { code } = await registerAndReadCode(server.baseUrl, address);
    expect(
      (await request(server.baseUrl, 'POST', '/auth/confirm', { body: { email: address, code } })).status,
    ).toBe(200);
    expect(scopes((await login(server.baseUrl, address)).accessToken)).not.toContain('admin');

    const promoted = await cli(dataDir, 'create-admin', '--email', address, '--password', E2E_PASSWORD);
    expect(promoted.stdout).toMatch(/^Gave the admin role to /m);

    expect(scopes((await login(server.baseUrl, address)).accessToken)).toContain('admin');
  });
});

describe('amply confirm-user', () => {
  it('confirms an account registered through the server, using the running server’s engine (engine.json)', async () => {
    const dataDir = await freshDataDir();
    const server = await start(dataDir);
    const engineFile = JSON.parse(await readFile(join(dataDir, 'engine.json'), 'utf8')) as {
      endpoint: string;
    };
    expect(engineFile.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const address = email('confirm-live');
    await registerAndReadCode(server.baseUrl, address);
    const unconfirmed = await request(server.baseUrl, 'POST', '/auth/login', {
      body: { email: address, password: E2E_PASSWORD },
    });
    expect(unconfirmed.status).toBe(403);
    expect(unconfirmed.json.error.code).toBe('AUTH_USER_NOT_CONFIRMED');

    // The server holds the LevelDB lock on <dataDir>/dynamodb, so this only works through its engine.
    const confirmed = await cli(dataDir, 'confirm-user', '--email', address);
    expect(confirmed.stdout).toMatch(
      new RegExp(`^Confirmed ${address.replace(/[.+]/g, '\\$&')} \\(usr_`, 'm'),
    );

    const tokens = await login(server.baseUrl, address);
    const profile = await request(server.baseUrl, 'GET', '/user/profile', { token: tokens.accessToken });
    expect(profile.json.data).toMatchObject({ email: address, emailVerified: true });
  });

  it('confirms an account on the data folder itself when no server is running', async () => {
    const dataDir = await freshDataDir();
    const port = await freePort();
    const first = await start(dataDir, port);
    const address = email('confirm-offline');
    await registerAndReadCode(first.baseUrl, address);
    await stop(first);

    await cli(dataDir, 'confirm-user', '--email', address);

    const second = await start(dataDir, port);
    const tokens = await login(second.baseUrl, address);
    expect(tokens.tokenType).toBe('Bearer');
  });

  it('fails with a message and exit code 1 for an unknown address', async () => {
    const dataDir = await freshDataDir();
    const result = await runCli(['confirm-user', '--email', 'nobody@example.com'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No account has the address nobody@example.com');
  });
});

describe('amply export-user', () => {
  it('prints everything held about the user as JSON, with the profile', async () => {
    const dataDir = await freshDataDir();
    const server = await start(dataDir);
    const address = email('export');
    const { code } = await registerAndReadCode(server.baseUrl, address, 'Export Tester');
    const confirmed = await request(server.baseUrl, 'POST', '/auth/confirm', {
      body: { email: address, code },
    });
    expect(confirmed.status).toBe(200);
    const tokens = await login(server.baseUrl, address);
    const profile = await request(server.baseUrl, 'GET', '/user/profile', { token: tokens.accessToken });
    await stop(server);

    const result = await cli(dataDir, 'export-user', '--email', address);
    const exported = JSON.parse(result.stdout) as {
      profile: Record<string, unknown>;
      sessions: unknown[];
    };
    expect(exported.profile).toMatchObject({
      userId: profile.json.data.userId,
      email: address,
      displayName: 'Export Tester',
      emailVerified: true,
    });
    expect(exported.sessions).toHaveLength(1);
    expect(result.stdout).not.toContain(E2E_PASSWORD);
    expect(result.stdout).not.toContain(tokens.refreshToken);
  });
});

describe('amply new-secrets', () => {
  it('prints the three secrets a real stage needs, as one JSON object that configures it', async () => {
    const dataDir = await freshDataDir();
    const result = await runCli(['new-secrets'], { dataDir, env: { AMPLY_STAGE: 'prod' } });
    expect(result.code, result.stderr).toBe(0);
    const secrets = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual([
      'AMPLY_ENCRYPTION_KEYS',
      'AMPLY_HMAC_SECRET',
      'AMPLY_SIGNING_KEYS',
    ]);
    const config = loadConfig({
      ...secrets,
      AMPLY_STAGE: 'prod',
      AMPLY_PUBLIC_URL: 'https://api.example.com',
      AMPLY_S3_BUCKET: 'amply-prod-media',
    });
    const keys = await loadSigningKeys(config.secrets.signingKeys as string);
    expect(keys.jwks.keys.map((key) => key.kid)).toEqual([keys.signer.kid]);
    expect(parseEncryptionKeys(config.secrets.encryptionKeys as string)).toHaveLength(1);
  });

  it('adds the origin secret CloudFront sends with --origin, fresh each time', async () => {
    const dataDir = await freshDataDir();
    const [first, second] = await Promise.all([
      runCli(['new-secrets', '--origin'], { dataDir, env: { AMPLY_STAGE: 'prod' } }),
      runCli(['new-secrets', '--origin'], { dataDir, env: { AMPLY_STAGE: 'prod' } }),
    ]);
    const origins = [first, second].map(
      (result) => (JSON.parse(result.stdout) as Record<string, string>).AMPLY_ORIGIN_SECRET,
    );
    for (const origin of origins) expect(origin).toMatch(/^[\w-]{48}$/);
    expect(origins[0]).not.toBe(origins[1]);
  });
});

describe('amply rotate-keys', () => {
  it('makes the first key set on a data folder that has none', async () => {
    const dataDir = await freshDataDir();
    const result = await cli(dataDir, 'rotate-keys');
    expect(result.stdout).toContain('signing-keys.json');
    expect((await readSigningKeys(dataDir)).keys).toHaveLength(1);
  });

  it('puts a new signing key in front, keeps up to three, and the old key still verifies after a restart', async () => {
    const dataDir = await freshDataDir();
    const port = await freePort();
    const first = await start(dataDir, port);
    const address = email('rotate');
    const { code } = await registerAndReadCode(first.baseUrl, address);
    expect(
      (await request(first.baseUrl, 'POST', '/auth/confirm', { body: { email: address, code } })).status,
    ).toBe(200);
    const before = await login(first.baseUrl, address);
    await stop(first);

    const original = await readSigningKeys(dataDir);
    expect(original.keys).toHaveLength(1);
    expect(jwtHeader(before.accessToken).kid).toBe(original.keys[0]?.kid);

    const rotated = await cli(dataDir, 'rotate-keys');
    expect(rotated.stdout).toContain('signing-keys.json');
    const once = await readSigningKeys(dataDir);
    expect(once.keys).toHaveLength(2);
    expect(once.keys[1]).toEqual(original.keys[0]);
    const newKid = once.keys[0]?.kid;
    expect(newKid).not.toBe(original.keys[0]?.kid);
    expect(once.keys[0]).toMatchObject({ kty: 'RSA', d: expect.any(String) });

    const second = await start(dataDir, port);
    const jwks = await request(second.baseUrl, 'GET', '/.well-known/jwks.json');
    expect(jwks.json.keys.map((key: { kid: string }) => key.kid)).toEqual([newKid, original.keys[0]?.kid]);
    for (const key of jwks.json.keys) expect(key).not.toHaveProperty('d');
    const withOldKey = await request(second.baseUrl, 'GET', '/user/profile', { token: before.accessToken });
    expect(withOldKey.status).toBe(200);
    const after = await login(second.baseUrl, address);
    expect(jwtHeader(after.accessToken).kid).toBe(newKid);
    await stop(second);

    await cli(dataDir, 'rotate-keys');
    const twice = await readSigningKeys(dataDir);
    expect(twice.keys).toHaveLength(3);
    expect(twice.keys.slice(1)).toEqual(once.keys);

    await cli(dataDir, 'rotate-keys');
    const thrice = await readSigningKeys(dataDir);
    expect(thrice.keys).toHaveLength(3);
    expect(thrice.keys.slice(1)).toEqual(twice.keys.slice(0, 2));
    expect(thrice.keys.map((key) => key.kid)).not.toContain(original.keys[0]?.kid);
  });
});

describe('amply create-table', () => {
  it('creates the table on any endpoint it is given, and reports it found the second time', async () => {
    const engine = await startEmbeddedEngine();
    engines.push(engine);
    const dataDir = await freshDataDir();
    const tableName = `e2e-cli-${randomBytes(4).toString('hex')}`;

    const created = await cli(dataDir, 'create-table', '--endpoint', engine.endpoint, '--table', tableName);
    expect(created.stdout).toContain(`Created table ${tableName} at ${engine.endpoint}`);

    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: engine.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const expected = createTableInput(tableName);
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual(expected.KeySchema);
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        expected.GlobalSecondaryIndexes.map((index) => index.IndexName).sort(),
      );
    } finally {
      client.destroy();
    }

    const again = await cli(dataDir, 'create-table', '--endpoint', engine.endpoint, '--table', tableName);
    expect(again.stdout).toContain(`Found table ${tableName} at ${engine.endpoint}`);
    // With an endpoint given, the CLI leaves the local data folder alone.
    await expect(access(join(dataDir, 'dynamodb'))).rejects.toThrow();
  });
});
