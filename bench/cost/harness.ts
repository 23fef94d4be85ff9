import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { BlobStore } from '../../src/adapters/blobs/blob-store.js';
import type { MailMessage } from '../../src/adapters/mailer/mailer.js';
import { createAwsStackInspector } from '../../src/adapters/stack-inspector/aws-stack-inspector.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ensureTable } from '../../src/data/bootstrap.js';
import { createDatabase } from '../../src/data/database.js';
import { createDeps } from '../../src/deps.js';
import type { EventPublisher } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { AMPLY_ACCOUNT } from '../../src/modules/artists/test-artists.js';
import { newSecretVariables } from '../../src/security/new-secrets.js';
import {
  FAKE_AMPLY_CREDENTIALS,
  type FakeAwsQueryServer,
  startFakeAwsQueryServer,
} from '../../test/helpers/fake-aws-query-server.js';
import { type JsonResult, readJson } from '../../test/helpers/json-response.js';
import { type OAuth2Server, startOAuth2Server } from '../../test/helpers/oauth2-server.js';
import { PLATFORM_CLIENTS, platformEnv } from '../../test/helpers/platforms.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { startNode } from '../children.js';
import { type Consumed, createCapacityMeter } from './capacity-meter.js';

/** What the function did for one operation besides DynamoDB: storage calls, mail, log and response bytes. */
export interface SideEffects {
  s3Puts: number;
  /** The size of each object put, in order. */
  s3PutSizes: number[];
  s3Gets: number;
  s3Lists: number;
  s3Deletes: number;
  mails: number;
  logBytes: number;
  responseBytes: number;
  /** Events recorded with a write of their own (`publish`), and carried on the change's write (`publishWith`). */
  eventsPublished: number;
  eventsCarried: number;
}

/** One measured run of an operation. */
export interface Sample {
  consumed?: Consumed;
  wallMs: number;
  cpuMs: number;
  effects: SideEffects;
}

function emptyEffects(): SideEffects {
  return {
    s3Puts: 0,
    s3PutSizes: [],
    s3Gets: 0,
    s3Lists: 0,
    s3Deletes: 0,
    mails: 0,
    logBytes: 0,
    responseBytes: 0,
    eventsPublished: 0,
    eventsCarried: 0,
  };
}

/**
 * Amply in this process, as on Lambda (a real stage, not dev; the general per-IP limit off: the WAF does
 * it; the auth-sensitive counters on; one webhook endpoint, so events are carried and delivered as a
 * deployment with webhooks pays for them), against the embedded engine in a child process (so this
 * process's CPU is the function's), with a local OAuth 2.0 server playing the platforms, a loopback
 * receiver the webhook endpoint and a FAKE of STS and CloudFormation an artist's account. Every DynamoDB
 * call goes through the capacity meter.
 */
export async function startHarness() {
  const engineChild = startNode(['--import', 'tsx', 'bench/engine.ts']);
  const [, endpoint] = await engineChild.waitFor(/^engine (http:\/\/\S+)/m);
  const tableName = 'amply-cost';
  const dataDir = await mkdtemp(join(tmpdir(), 'amply-cost-'));
  const platforms: OAuth2Server = await startOAuth2Server(PLATFORM_CLIENTS);
  const receiver: WebhookReceiver = await startWebhookReceiver();
  const artistAccount: FakeAwsQueryServer = await startFakeAwsQueryServer(AMPLY_ACCOUNT);
  const meter = createCapacityMeter(endpoint as string);
  const config = loadConfig({
    // A real stage: nothing of dev's (its event log index, the dev routes) is measured.
    AMPLY_STAGE: 'staging',
    AMPLY_BLOBS: 'local',
    AMPLY_MAIL_TRANSPORT: 'ses',
    AMPLY_WEBHOOKS: JSON.stringify([
      { url: `${receiver.baseUrl}/amply`, secret: randomBytes(24).toString('hex') },
    ]),
    AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT,
    AMPLY_STORAGE: 'aws',
    AMPLY_DYNAMODB_ENDPOINT: endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_DATA_DIR: dataDir,
    AMPLY_PUBLIC_URL: 'http://amply.cost',
    ...(await newSecretVariables()),
    AMPLY_DEV_OIDC: 'off',
    AMPLY_LOG_LEVEL: 'info',
    // As the CDK app configures the function: the WAF is the general per-IP limit.
    AMPLY_RATE_LIMIT_DEFAULT: 'off',
    // Per-user limits stay on (each counts with a write) but let one user make every sample.
    AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60',
    AMPLY_RATE_LIMIT_UPLOADS: '1000/3600',
    ...platformEnv(platforms),
  });
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint });
  await ensureTable(await db.client(), tableName);
  meter.attach(await db.client());

  let effects = emptyEffects();
  const mails: MailMessage[] = [];
  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      effects.logBytes += chunk.length;
      done();
    },
  });
  const deps = await createDeps(config, {
    db,
    stackInspector: createAwsStackInspector({
      region: 'eu-north-1',
      stsEndpoint: artistAccount.url,
      cloudFormationEndpoint: artistAccount.url,
      credentials: FAKE_AMPLY_CREDENTIALS,
      assumeRetryMs: 1,
    }),
    mailer: {
      async send(message) {
        effects.mails += 1;
        mails.push(message);
      },
    },
    logger: createLogger({ level: 'info', destination: logSink }),
  });
  deps.blobs = countingBlobs(deps.blobs, () => effects);
  deps.events = countingEvents(deps.events, () => effects);
  let ipCounter = 0;
  // A new address per request: the per-IP auth limits count (one write each) without refusing the run.
  const { app, modules } = createApp(deps, { remoteAddress: () => `198.51.100.${(ipCounter++ % 250) + 1}` });

  async function call(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<JsonResult> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await app.request(path, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const result = await readJson(response);
    let headerBytes = 0;
    response.headers.forEach((value, name) => {
      headerBytes += name.length + value.length + 4;
    });
    effects.responseBytes += Buffer.byteLength(result.text) + headerBytes;
    return result;
  }

  /** Runs `work` once, measured: CPU and wall time of this process, side effects, and (when `meterOn`) capacity. */
  async function sample(work: () => Promise<unknown>, meterOn: boolean): Promise<Sample> {
    const measured = emptyEffects();
    effects = measured;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let consumed: Consumed | undefined;
    if (meterOn) consumed = (await meter.measure(work)).consumed;
    else await work();
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    // Work between samples (the next operation's preparation: its sign-in, mails, events) counts nowhere.
    effects = emptyEffects();
    return {
      ...(consumed ? { consumed } : {}),
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      effects: measured,
    };
  }

  return {
    app,
    deps,
    modules,
    call,
    sample,
    platforms,
    receiver,
    artistAccount,
    /** The last six-digit code mailed to `address`. */
    lastCode(address: string): string {
      const message = mails.filter((mail) => mail.to === address.toLowerCase()).at(-1);
      const code = /code: (\d{6})/.exec(message?.text ?? '')?.[1];
      if (!code) throw new Error(`no code was mailed to ${address}`);
      return code;
    },
    /** Bytes of every item in the table except the short-lived rate counters, and how many accounts there are. */
    async tableContents() {
      let bytes = 0;
      let accounts = 0;
      for await (const item of meter.scan(tableName)) {
        if (item.sk?.S === 'RL') continue;
        bytes += meter.size(item);
        if (item.sk?.S === 'PROFILE') accounts += 1;
      }
      return { bytes, accounts };
    },
    async close() {
      meter.close();
      await platforms.close();
      await receiver.close();
      await artistAccount.close();
      await engineChild.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The blob store, counting what S3 would bill: requests by class and the bytes put. */
function countingBlobs(inner: BlobStore, effects: () => SideEffects): BlobStore {
  return {
    ...inner,
    createUploadUrl: (request) => inner.createUploadUrl(request),
    async head(key) {
      effects().s3Gets += 1;
      return inner.head(key);
    },
    async read(key, maxBytes) {
      effects().s3Gets += 1;
      return inner.read(key, maxBytes);
    },
    async put(key, body, options) {
      effects().s3Puts += 1;
      effects().s3PutSizes.push(body.length);
      return inner.put(key, body, options);
    },
    async delete(keys) {
      // DeleteObjects is one request per thousand keys; deletes themselves are free.
      if (keys.length > 0) effects().s3Deletes += Math.ceil(keys.length / 1000);
      return inner.delete(keys);
    },
    async listOlderThan(prefix, before) {
      effects().s3Lists += 1;
      return inner.listOlderThan(prefix, before);
    },
    publicUrl: (key) => inner.publicUrl(key),
    signedReadUrl: (key, seconds) => inner.signedReadUrl(key, seconds),
  };
}

/** The event publisher, counting the events each request records, and how. */
function countingEvents(inner: EventPublisher, effects: () => SideEffects): EventPublisher {
  return {
    async publish(event) {
      await inner.publish(event);
      effects().eventsPublished += 1;
    },
    async publishWith(event, write) {
      const result = await inner.publishWith(event, write);
      if (result !== false) effects().eventsCarried += 1;
      return result;
    },
  };
}
