import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestClock, createTestTable } from '../../test/helpers/test-app.js';
import { startWebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { loadDispatcherConfig } from '../config.js';
import { handler } from '../entry/events-lambda.js';
import { createEventPublisher } from './publisher.js';
import { dispatchInputFromStream, type TableStreamRecord } from './stream.js';

/*
 * A named stand-in for DynamoDB Streams, which neither local engine delivers to a function: records in
 * the shape AWS documents for a `NEW_AND_OLD_IMAGES` stream, attribute values in DynamoDB JSON.
 */
type Image = Record<string, unknown>;
const S = (value: string) => ({ S: value });
const keys = (pk: string, sk: string) => ({ pk: S(pk), sk: S(sk) });
const stagedList = { L: [{ M: { eventId: S('evt_1'), type: S('user.created'), subject: S('usr_1') } }] };

function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  key: { pk: { S: string }; sk: { S: string } },
  images: { newImage?: Image; oldImage?: Image } = {},
): TableStreamRecord & { eventSource: string; awsRegion: string } {
  return {
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventName,
    dynamodb: {
      Keys: key,
      ...(images.newImage ? { NewImage: { ...key, ...images.newImage } } : {}),
      ...(images.oldImage ? { OldImage: { ...key, ...images.oldImage } } : {}),
    },
  };
}

describe('event stream trigger', () => {
  it('starts a pass for new outbox events and newly staged events, never for the dispatcher’s own writes', () => {
    const event = keys('EVENTS#usr_a', 'EVENT#evt_1');
    const profile = keys('USER#usr_b', 'PROFILE');
    const input = dispatchInputFromStream([
      streamRecord('INSERT', event, { newImage: { subject: S('usr_a') } }),
      // The dispatcher recording a delivery, and taking a lease.
      streamRecord('MODIFY', event, { newImage: { deliveries: { M: {} } }, oldImage: {} }),
      streamRecord('MODIFY', keys('EVENTS#usr_a', 'DISPATCH'), { newImage: { leaseUntil: { N: '1' } } }),
      // A change that carries an event, on an existing item and on a new one.
      streamRecord('MODIFY', profile, { newImage: { stagedEvents: stagedList }, oldImage: {} }),
      streamRecord('INSERT', keys('USER#usr_c', 'SESSION#ses_1'), { newImage: { stagedEvents: stagedList } }),
      // The dispatcher clearing an item, and a change to an item that carried the same event already.
      streamRecord('MODIFY', profile, { newImage: {}, oldImage: { stagedEvents: stagedList } }),
      streamRecord('MODIFY', keys('USER#usr_d', 'PROFILE'), {
        newImage: { stagedEvents: stagedList },
        oldImage: { stagedEvents: stagedList },
      }),
      streamRecord('REMOVE', event, { oldImage: {} }),
    ]);

    expect(input).toEqual({
      subjects: ['usr_a'],
      carriers: [
        { pk: 'USER#usr_b', sk: 'PROFILE' },
        { pk: 'USER#usr_c', sk: 'SESSION#ses_1' },
      ],
      sweep: false,
    });
  });

  describe('the Lambda handler', () => {
    afterAll(() => {
      vi.unstubAllEnvs();
    });

    it('delivers the events a batch of records names, configured without any of the API’s secrets', async () => {
      const db = await createTestTable();
      const receiver = await startWebhookReceiver();
      try {
        // The handler reads its configuration from the environment, as on Lambda.
        const env = {
          AMPLY_STAGE: 'staging',
          AMPLY_TABLE_NAME: db.tableName,
          AMPLY_DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
          AMPLY_LOG_LEVEL: 'silent',
          AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hook`, secret: 'k'.repeat(40) }]),
        };
        for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
        const endpointIds = loadDispatcherConfig().webhooks.map((endpoint) => endpoint.id);
        const publisher = createEventPublisher(db, createTestClock(Date.now()), { endpointIds });
        const subject = `usr_${randomBytes(6).toString('hex')}`;
        await publisher.publish({ type: 'user.created', subject, data: { userId: subject } });

        const report = await handler({
          Records: [streamRecord('INSERT', keys(`EVENTS#${subject}`, 'EVENT#evt_x'), { newImage: {} })],
        });

        expect(report).toMatchObject({ delivered: 1 });
        expect(receiver.requests.map((request) => JSON.parse(request.body).data)).toEqual([
          { userId: subject },
        ]);
      } finally {
        await receiver.close();
      }
    });
  });
});
