#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSecretsManagerSource } from '../adapters/secrets/secrets-manager-source.js';
import { type Config, ConfigError, loadConfigWithSecrets } from '../config.js';
import { ensureTable } from '../data/bootstrap.js';
import { createDatabase } from '../data/database.js';
import { type EmbeddedEngine, startEmbeddedEngine } from '../data/embedded-engine.js';
import { createDeps } from '../deps.js';
import { DomainError } from '../errors.js';
import { createLogger } from '../logger.js';
import { parseAge, sweepAbandonedUploads } from '../media/upload-sweep.js';
import { DEFAULT_REFRESH_WITHIN } from '../modules/connections/proactive-refresh.js';
import { createModules } from '../modules/index.js';
import { devKeyDirectory } from '../security/dev-secrets.js';
import { newSecretVariables } from '../security/new-secrets.js';
import { rotateSigningKeys } from '../security/signing-keys.js';
import { runningEngine } from './engine-file.js';
import { seedSampleData } from './sample-data.js';

const USAGE = `amply <command> [options]   (amply --help: this text)

Commands:
  create-table   [--endpoint URL] [--table NAME]   create the table if it is missing (any DynamoDB endpoint)
  create-admin   --email E --password P [--name N]  make an administrator, or promote an existing account
  confirm-user   --email E                         confirm an account without its code
  export-user    --email E                         print everything Amply holds about a user, as JSON
  index-users                                       put accounts made before the admin search index existed
                                                   into it (a Scan; run once after upgrading)
  new-secrets    [--origin]                         print a fresh AMPLY_SIGNING_KEYS, AMPLY_ENCRYPTION_KEYS and
                                                   AMPLY_HMAC_SECRET as one JSON object (a deployment's secret);
                                                   --origin adds AMPLY_ORIGIN_SECRET (behind CloudFront)
  rotate-keys                                       new signing key in front; old keys keep verifying
                                                   (dev: rewrites .data/keys/signing-keys.json;
                                                    other stages: prints the new AMPLY_SIGNING_KEYS)
  sweep-uploads  [--older-than 24h]                 delete direct uploads never completed (uploads/ older
                                                   than the age: s, m, h or d) from the blob store
  issue-callback-token --artist ID                 a new callback token for an artist's stack (revokes the
                                                   one before; shown once, valid 24 hours)
  refresh-connections [--within 24h]               refresh the platform connections whose access token
                                                   expires within the window (s, m, h or d), so idle ones
                                                   stay alive; exits 1 when a platform failed (run daily)
  seed           [--endpoint URL] [--table NAME]    load sample data: users with profiles, castings,
                 [--users 12] [--castings 20]       applications, guitars with images (accounts at
                 [--guitars 6]                      example.com; no mail is sent)

Configuration comes from the same environment variables as the server (see .env.example).
`;

/** The engine of a local server running on the data folder; otherwise one started here on that folder. */
async function localEngine(config: Config): Promise<{ endpoint: string; engine?: EmbeddedEngine }> {
  const dataDir = resolve(config.dataDir);
  const running = await runningEngine(dataDir);
  if (running) return { endpoint: running.endpoint };
  const engine = await startEmbeddedEngine({ path: join(dataDir, 'dynamodb') });
  return { endpoint: engine.endpoint, engine };
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

/** A positive whole number from an option, or its default. */
function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 100_000)
    throw new Error(`--${name} takes a whole number`);
  return parsed;
}

/** A progress bar on a terminal (redrawn in place); one line per tenth elsewhere (logs, CI). */
function progressBar(stream: NodeJS.WriteStream) {
  let lastTenth = -1;
  return (done: number, total: number, label: string) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((width * done) / total);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
    if (stream.isTTY) {
      stream.write(`\r${line.padEnd(70)}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((10 * done) / total);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${line}\n`);
    }
  };
}
/** The commands, as the usage lists them (two spaces, the name): one list to keep. */
const COMMANDS = new Set([...USAGE.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((match) => match[1]));
const HELP = ['help', '--help', '-h'];

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Usage questions need no configuration: answered before it is read.
  if (HELP.includes(command ?? '') || rest.some((arg) => HELP.includes(arg))) {
    process.stdout.write(USAGE);
    return;
  }
  if (command === undefined || !COMMANDS.has(command)) {
    process.stderr.write(
      `${command === undefined ? 'amply: a command is required' : `amply: unknown command ${command}`}\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      endpoint: { type: 'string' },
      table: { type: 'string' },
      'older-than': { type: 'string' },
      artist: { type: 'string' },
      users: { type: 'string' },
      castings: { type: 'string' },
      guitars: { type: 'string' },
      origin: { type: 'boolean' },
      within: { type: 'string' },
    },
  });
  if (command === 'new-secrets') {
    // Before reading the configuration: a stage without its secrets yet is exactly where this is run.
    const secrets = {
      ...(await newSecretVariables()),
      // The header CloudFront adds and the API checks (the CDK app reads it from the same secret).
      ...(values.origin ? { AMPLY_ORIGIN_SECRET: randomBytes(36).toString('base64url') } : {}),
    };
    process.stdout.write(`${JSON.stringify(secrets)}\n`);
    return;
  }
  let config = await loadConfigWithSecrets(createSecretsManagerSource());

  if (command === 'rotate-keys') {
    if (config.stage === 'dev' && !config.secrets.signingKeys) {
      const dir = devKeyDirectory(resolve(config.dataDir));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, 'signing-keys.json');
      const current = await readFile(file, 'utf8').catch(() => undefined);
      await writeFile(file, await rotateSigningKeys(current), { mode: 0o600 });
      process.stdout.write(`Rotated ${file}; restart the server to sign with the new key.\n`);
    } else {
      process.stdout.write(await rotateSigningKeys(config.secrets.signingKeys));
      process.stderr.write('Store this as AMPLY_SIGNING_KEYS (a secret) and redeploy.\n');
    }
    return;
  }

  if (command === 'create-table') {
    const endpoint = values.endpoint ?? config.storage.endpoint;
    const tableName = values.table ?? config.storage.tableName;
    let engine: EmbeddedEngine | undefined;
    let target = endpoint;
    if (!target && config.storage.mode === 'embedded')
      ({ endpoint: target, engine } = await localEngine(config));
    const db = createDatabase({ tableName, region: config.storage.region, endpoint: target });
    const created = await ensureTable(await db.client(), tableName);
    process.stdout.write(
      `${created ? 'Created' : 'Found'} table ${tableName}${target ? ` at ${target}` : ''}\n`,
    );
    await engine?.close();
    return;
  }

  if (command === 'sweep-uploads') {
    const age = parseAge(values['older-than'] ?? '24h');
    if (age === undefined) throw new Error('--older-than takes an age such as 90m, 24h or 7d');
    const deps = await createDeps(config, { logger: createLogger({ level: 'warn' }) });
    const before = new Date(deps.clock.now() - age);
    const { deleted, bytes } = await sweepAbandonedUploads(deps.blobs, before);
    process.stdout.write(
      `Deleted ${deleted} abandoned upload(s), ${bytes} bytes, last written before ${before.toISOString()}\n`,
    );
    return;
  }

  if (command === 'seed') {
    const counts = {
      users: count(values.users, 12, 'users'),
      castings: count(values.castings, 20, 'castings'),
      guitars: count(values.guitars, 6, 'guitars'),
    };
    let engine: EmbeddedEngine | undefined;
    let endpoint = values.endpoint ?? config.storage.endpoint;
    if (!endpoint && config.storage.mode === 'embedded') ({ endpoint, engine } = await localEngine(config));
    const tableName = values.table ?? config.storage.tableName;
    config = { ...config, storage: { ...config.storage, endpoint, tableName } };
    try {
      // Sample accounts have example.com addresses: their confirmation mail goes nowhere.
      const deps = await createDeps(config, {
        logger: createLogger({ level: 'warn' }),
        mailer: { send: async () => {} },
      });
      if (endpoint) await ensureTable(await deps.db.client(), tableName);
      const result = await seedSampleData(deps, createModules(deps), counts, progressBar(process.stderr));
      const { users, castings, applications, guitars } = result.counts;
      process.stdout.write(
        `Loaded ${users} users, ${castings} castings, ${applications} applications and ${guitars} guitars into ${tableName}${endpoint ? ` at ${endpoint}` : ''}.\n` +
          `Sign in as ${result.artist ?? '-'} (artist) or ${result.recruiter ?? '-'} (recruiter) with the password ${result.password}\n`,
      );
    } finally {
      await engine?.close();
    }
    return;
  }

  if (command === 'refresh-connections') {
    const within = parseAge(values.within ?? DEFAULT_REFRESH_WITHIN);
    if (within === undefined) throw new Error('--within takes an age such as 90m, 24h or 2d');
    const local = config.storage.mode === 'embedded' ? await localEngine(config) : undefined;
    if (local) config = { ...config, storage: { ...config.storage, endpoint: local.endpoint } };
    try {
      const deps = await createDeps(config, { logger: createLogger({ level: 'warn' }) });
      const report = await createModules(deps).connections.refreshExpiring({ withinMs: within });
      process.stdout.write(
        `Refreshed ${report.refreshed} platform connection(s) expiring by ${report.until}: ` +
          `${report.fresh} already fresh, ${report.needsReauth} need a reconnect, ` +
          `${report.failed} failed, ${report.skipped} skipped\n`,
      );
      if (report.failed > 0) process.exitCode = 1;
    } finally {
      await local?.engine?.close();
    }
    return;
  }

  let engine: EmbeddedEngine | undefined;
  if (config.storage.mode === 'embedded') {
    const local = await localEngine(config);
    engine = local.engine;
    config = { ...config, storage: { ...config.storage, endpoint: local.endpoint } };
  }
  try {
    const deps = await createDeps(config, { logger: createLogger({ level: 'warn' }) });
    if (config.storage.endpoint) await ensureTable(await deps.db.client(), config.storage.tableName);
    const { identity, artists } = createModules(deps);
    if (command === 'issue-callback-token') {
      const artistId = required(values, 'artist');
      const { token, expiresAt } = await artists.issueCallbackToken(undefined, artistId, { ip: 'cli' });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`Paste it into the stack's AmplyApiKey parameter; it expires at ${expiresAt}.\n`);
      return;
    }
    if (command === 'index-users') {
      const indexed = await identity.indexUsersForSearch();
      process.stdout.write(`Indexed ${indexed} account(s) for the admin search\n`);
      return;
    }
    const email = required(values, 'email').trim().toLowerCase();
    if (command === 'create-admin') {
      const result = await identity.provisionAdmin({
        email,
        password: required(values, 'password'),
        name: values.name ?? 'Administrator',
      });
      process.stdout.write(
        `${result.created ? 'Created administrator' : 'Gave the admin role to'} ${email} (${result.userId})\n`,
      );
      return;
    }
    const profile = await identity.findByEmail(email);
    if (!profile) throw new Error(`No account has the address ${email}`);
    if (command === 'confirm-user') {
      await identity.adminConfirm(profile.userId, { ip: 'cli' });
      process.stdout.write(`Confirmed ${email} (${profile.userId})\n`);
    } else {
      process.stdout.write(`${JSON.stringify(await identity.exportData(profile.userId), null, 2)}\n`);
    }
  } finally {
    await engine?.close();
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError || error instanceof DomainError || error instanceof Error) {
    const details =
      error instanceof DomainError && error.details
        ? error.details.map((d) => `\n  - ${d.field}: ${d.message}`).join('')
        : '';
    process.stderr.write(`amply: ${error.message}${details}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
