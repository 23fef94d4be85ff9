import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { loadDispatcherConfig } from '../../src/config.js';
import { ensureTable } from '../../src/data/bootstrap.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { createEventPublisher } from '../../src/events/publisher.js';
import { startSecretsManagerFake } from '../helpers/secrets-manager-fake.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { invokeBundle, makeTempDir, removeDir } from './server-process.js';

/*
 * The event dispatcher's Lambda bundle (dist/lambda-events/index.mjs) in a plain `node` process, as the
 * table stream and a schedule invoke it on AWS, against a local engine and a loopback receiver.
 */

let engine: EmbeddedEngine;
let receiver: WebhookReceiver;
let db: Database;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('events-lambda');
  engine = await startEmbeddedEngine();
  receiver = await startWebhookReceiver();
  const tableName = 'amply-events-lambda-e2e';
  db = createDatabase({ tableName, region: 'us-east-1', endpoint: engine.endpoint });
  await ensureTable(await db.client(), tableName);
  // A staging function's environment: the table and the webhooks, none of the API's secrets.
  env = {
    AMPLY_STAGE: 'staging',
    AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hook`, secret: 'l'.repeat(40) }]),
    AWS_REGION: 'us-east-1',
  };
});

afterAll(async () => {
  await receiver?.close();
  await engine?.close();
  await removeDir(dir);
});

describe('the event dispatcher’s Lambda bundle', () => {
  it('delivers from a stream record at once, and from a scheduled sweep what the stream did not name', async () => {
    const endpointIds = loadDispatcherConfig(env).webhooks.map((endpoint) => endpoint.id);
    const publisher = createEventPublisher(db, systemClock, { endpointIds });
    const streamed = `usr_${randomBytes(6).toString('hex')}`;
    const swept = `usr_${randomBytes(6).toString('hex')}`;
    await publisher.publish({ type: 'user.created', subject: streamed, data: { via: 'stream' } });
    await publisher.publish({ type: 'user.created', subject: swept, data: { via: 'schedule' } });
    const record = {
      eventSource: 'aws:dynamodb',
      eventName: 'INSERT',
      dynamodb: { Keys: { pk: { S: `EVENTS#${streamed}` }, sk: { S: 'EVENT#evt_1' } } },
    };

    const [fromStream, fromSchedule] = await invokeBundle(
      'dist/lambda-events/index.mjs',
      [{ Records: [record] }, { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }],
      { dir, env },
    );

    expect(fromStream).toMatchObject({ delivered: 1 });
    expect(fromSchedule).toMatchObject({ delivered: 1 });
    expect(receiver.requests.map((request) => JSON.parse(request.body).data.via)).toEqual([
      'stream',
      'schedule',
    ]);
  });

  it('reads its webhook endpoints from the secret AMPLY_SECRET_ARNS names, and delivers with them', async () => {
    // Secrets Manager is played by a loopback FAKE speaking its wire protocol and checking SigV4 signatures.
    const { AMPLY_WEBHOOKS, ...withoutWebhooks } = env;
    const fake = await startSecretsManagerFake({
      'amply-staging/webhooks': {
        text: JSON.stringify({ AMPLY_WEBHOOKS: JSON.parse(AMPLY_WEBHOOKS as string) }),
      },
    });
    try {
      const endpointIds = loadDispatcherConfig(env).webhooks.map((endpoint) => endpoint.id);
      const subject = `usr_${randomBytes(6).toString('hex')}`;
      await createEventPublisher(db, systemClock, { endpointIds }).publish({
        type: 'user.deleted',
        subject,
        data: { via: 'secret' },
      });
      const before = receiver.requests.length;
      const [swept] = await invokeBundle('dist/lambda-events/index.mjs', [{ source: 'aws.events' }], {
        dir,
        env: {
          ...withoutWebhooks,
          AMPLY_SECRET_ARNS: 'amply-staging/webhooks',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SESSION_TOKEN: 'dispatcher-session-token',
        },
      });
      expect(swept).toMatchObject({ delivered: 1 });
      expect(receiver.requests.slice(before).map((request) => JSON.parse(request.body).subject)).toEqual([
        subject,
      ]);
      expect(fake.requests.map((request) => request.secretId)).toEqual(['amply-staging/webhooks']);
    } finally {
      await fake.close();
    }
  });
});
