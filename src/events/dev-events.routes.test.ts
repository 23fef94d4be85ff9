import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';

let receiver: WebhookReceiver;
let t: TestApp;
const SECRET = 'dev-events-secret-'.padEnd(48, 's');

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  t = await createTestApp({
    env: {
      AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/private/path?token=abc`, secret: SECRET }]),
    },
  });
});
afterAll(() => receiver.close());

const fromThisMachine = async (path: string, headers: Record<string, string> = {}) => {
  t.setIp('127.0.0.1');
  try {
    return await t.call('GET', path, { headers });
  } finally {
    t.setIp('198.51.100.7');
  }
};

describe('GET /dev/events', () => {
  it('lists a subject’s events newest first with each endpoint’s delivery state, without secret or path', async () => {
    const user = await signedInUser(t);
    receiver.answerWith(() => 500);

    const before = await fromThisMachine(`/dev/events?subject=${user.userId}`);
    expect(before.status).toBe(200);
    expect(before.json.data.items.map((event: { type: string }) => event.type)).toEqual([
      'user.signed_in',
      'user.created',
    ]);
    const [delivery] = before.json.data.items[0].deliveries;
    expect(delivery).toEqual({
      endpoint: expect.stringMatching(/^whk_/),
      origin: receiver.baseUrl,
      state: 'pending',
      attempts: 0,
    });

    await t.deps.eventDispatcher.dispatch();
    const after = await fromThisMachine(`/dev/events?subject=${user.userId}&limit=1`);
    expect(after.json.data.items[0].deliveries[0]).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
    const created = await fromThisMachine(
      `/dev/events?subject=${user.userId}&cursor=${after.json.data.nextCursor}`,
    );
    // The first event failed and waits for its retry; the later one waits behind it, never attempted.
    expect(created.json.data.items[0]).toMatchObject({ type: 'user.created' });
    expect(created.json.data.items[0].deliveries[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'HTTP 500',
      nextAttemptAt: expect.any(String),
    });
    expect(after.text).not.toContain(SECRET);
    expect(after.text).not.toContain('private/path');
    expect(created.json.data.nextCursor).toBeNull();
  });

  it('lists the newest events of every subject, and pages with a cursor of its own list only', async () => {
    await signedInUser(t);
    const first = await fromThisMachine('/dev/events?limit=2');
    expect(first.json.data.items).toHaveLength(2);
    expect(first.json.data.items[0].occurredAt >= first.json.data.items[1].occurredAt).toBe(true);
    const next = await fromThisMachine(`/dev/events?limit=2&cursor=${first.json.data.nextCursor}`);
    expect(next.status).toBe(200);

    const foreign = await fromThisMachine(`/dev/events?subject=usr_x&cursor=${first.json.data.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.code).toBe('VALIDATION_ERROR');
    expect((await fromThisMachine('/dev/events?limit=101')).status).toBe(400);
    expect((await fromThisMachine('/dev/events?subject=usr%0Ax')).json.error.code).toBe('VALIDATION_ERROR');
  });

  it('answers 403 to another host and to a page of another origin', async () => {
    const remote = await t.call('GET', '/dev/events');
    expect(remote.status).toBe(403);
    expect(remote.json.error.code).toBe('FORBIDDEN');
    const page = await fromThisMachine('/dev/events', { origin: 'https://evil.example' });
    expect(page.status).toBe(403);
  });

  it('is not there outside the dev stage', async () => {
    const staging = await createTestApp({
      env: {
        AMPLY_STAGE: 'staging',
        AMPLY_MAIL_TRANSPORT: 'smtp',
        AMPLY_SMTP_URL: 'smtp://127.0.0.1:1',
        AMPLY_BLOBS: 'local',
      },
    });
    staging.setIp('127.0.0.1');
    expect((await staging.call('GET', '/dev/events')).status).toBe(404);
  });
});
