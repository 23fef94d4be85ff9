import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestClock, createTestTable, type TestClock } from '../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { loadConfig } from '../config.js';
import { createDatabase, type Database } from '../data/database.js';
import { createLogger } from '../logger.js';
import { createEvents } from './index.js';
import { createOutboxStore } from './outbox-store.js';
import { verifySignature } from './signature.js';
import { RETRY_WINDOW_MS, retryDelayMs } from './webhook-delivery.js';

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const secretFor = (path: string) => `secret-of-${path}-${'x'.repeat(32)}`;

/** The configuration `AMPLY_WEBHOOKS` makes: one endpoint per path on the receiver. */
function configFor(receiver: WebhookReceiver, paths: string[], timeoutSeconds = 10) {
  return loadConfig({
    AMPLY_WEBHOOKS: JSON.stringify(
      paths.map((path) => ({ url: `${receiver.baseUrl}${path}`, secret: secretFor(path) })),
    ),
    AMPLY_WEBHOOK_TIMEOUT_SECONDS: String(timeoutSeconds),
  });
}

async function setup(paths = ['/hook'], options: { timeoutSeconds?: number } = {}) {
  const db = await createTestTable();
  const clock = createTestClock();
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const config = configFor(receiver, paths, options.timeoutSeconds);
  const process = (database: Database = db) =>
    createEvents(config, database, clock, createLogger({ level: 'silent' }));
  const { publisher, dispatcher } = process();
  const store = createOutboxStore(await db.documentClient(), db.tableName);
  return { db, clock, receiver, publisher, dispatcher, store, process, endpoints: config.webhooks };
}

const subjectId = () => `usr_${randomBytes(8).toString('hex')}`;

/** Moves the clock past the longest wait after the `failures`-th failed attempt (10% jitter included). */
function afterRetryDelay(clock: TestClock, failures: number) {
  clock.advance(retryDelayMs(failures, 1) + 1);
}

describe('event dispatcher', () => {
  it('signs each delivery so the receiver can verify it, to every endpoint, with the event id and type', async () => {
    const t = await setup(['/a', '/b']);
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.created', subject, data: { userId: subject } });

    const report = await t.dispatcher.dispatch();

    expect(report.delivered).toBe(2);
    for (const path of ['/a', '/b']) {
      const [request] = t.receiver.to(path);
      if (!request) throw new Error(`nothing arrived at ${path}`);
      const nowSeconds = Math.floor(t.clock.now() / 1000);
      const header = request.headers['amply-signature'] as string;
      const verifies = (secret: string, body: string, at: number) =>
        verifySignature(secret, header, body, at);
      expect(verifies(secretFor(path), request.body, nowSeconds)).toBe(true);
      // Another endpoint's secret, a changed body or a stale timestamp do not verify.
      expect(verifies(secretFor('/other'), request.body, nowSeconds)).toBe(false);
      expect(verifies(secretFor(path), `${request.body} `, nowSeconds)).toBe(false);
      expect(verifies(secretFor(path), request.body, nowSeconds + 301)).toBe(false);
      const body = JSON.parse(request.body);
      expect(body).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: 'user.created',
        subject,
        occurredAt: new Date(t.clock.now()).toISOString(),
        data: { userId: subject },
      });
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'amply-event-id': body.id,
        'amply-event-type': 'user.created',
        'amply-delivery-attempt': '1',
      });
    }
    // Delivered everywhere: the next pass finds nothing to do.
    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 0, retrying: 0 });
    expect(t.receiver.requests).toHaveLength(2);
  });

  it('retries after the receiver fails, only once the backoff has passed, with the same event id and body', async () => {
    const t = await setup();
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.signed_in', subject, data: { userId: subject } });
    let failures = 2;
    t.receiver.answerWith(() => (failures-- > 0 ? 503 : 204));

    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 0, retrying: 1 });
    // Not due yet: nothing is sent however often the dispatcher runs.
    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 0, retrying: 0 });
    expect(t.receiver.requests).toHaveLength(1);

    afterRetryDelay(t.clock, 1);
    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 0, retrying: 1 });
    t.clock.advance(retryDelayMs(1, 0)); // shorter than the second wait (at least 20 s)
    expect(await t.dispatcher.dispatch()).toMatchObject({ retrying: 0, delivered: 0 });
    afterRetryDelay(t.clock, 2);
    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 1 });

    const [first, second, third] = t.receiver.requests;
    expect(t.receiver.requests).toHaveLength(3);
    expect(new Set([first?.eventId, second?.eventId, third?.eventId]).size).toBe(1);
    expect(third?.body).toBe(first?.body);
    expect(third?.headers['amply-delivery-attempt']).toBe('3');
    const [event] = await t.store.eventsAfter(subject, undefined, 10);
    const state = event?.deliveries[t.endpoints[0]?.id as string];
    expect(state).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(state).not.toHaveProperty('lastError');
    expect(event?.dueAt).toBeNull();
  });

  it('gives up after a day of failures, marks the event failed, and then delivers the subject’s next event', async () => {
    const t = await setup();
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.created', subject, data: { step: 1 } });
    await t.publisher.publish({ type: 'user.deleted', subject, data: { step: 2 } });
    t.receiver.answerWith((request) => (JSON.parse(request.body).data.step === 1 ? 500 : 200));

    const start = t.clock.now();
    let failures = 0;
    while (t.clock.now() - start < RETRY_WINDOW_MS) {
      const report = await t.dispatcher.dispatch();
      failures += report.retrying;
      afterRetryDelay(t.clock, Math.max(1, failures));
    }
    const report = await t.dispatcher.dispatch();

    expect(report).toMatchObject({ failed: 1, delivered: 1 });
    const steps = t.receiver.requests.map((request) => JSON.parse(request.body).data.step);
    // Every attempt at the first event came before the one at the second.
    expect(steps.indexOf(2)).toBe(steps.length - 1);
    expect(steps.filter((step) => step === 1).length).toBeGreaterThan(10);
    const [first, second] = await t.store.eventsAfter(subject, undefined, 10);
    const endpoint = t.endpoints[0]?.id as string;
    expect(first?.deliveries[endpoint]).toMatchObject({ state: 'failed', lastError: 'HTTP 500' });
    expect(second?.deliveries[endpoint]).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('keeps a subject’s later events waiting while an earlier one is undelivered, and other subjects flowing', async () => {
    const t = await setup();
    const blocked = subjectId();
    const other = subjectId();
    for (const step of [1, 2, 3]) {
      await t.publisher.publish({ type: 'connection.status_changed', subject: blocked, data: { step } });
      t.clock.advance(1);
    }
    await t.publisher.publish({ type: 'user.created', subject: other, data: { step: 0 } });
    let down = true;
    t.receiver.answerWith(() => (down ? 502 : 200));

    await t.dispatcher.dispatch();
    const subjects = () => t.receiver.requests.map((request) => JSON.parse(request.body).subject);
    expect(subjects().filter((s) => s === blocked)).toHaveLength(1);

    down = false;
    await t.dispatcher.dispatch(); // the failed head is not due yet: still nothing more for `blocked`
    expect(subjects().filter((s) => s === blocked)).toHaveLength(1);
    afterRetryDelay(t.clock, 1);
    await t.dispatcher.dispatch();

    const steps = t.receiver.requests
      .filter((request) => JSON.parse(request.body).subject === blocked)
      .map((request) => JSON.parse(request.body).data.step);
    expect(steps).toEqual([1, 1, 2, 3]);
    // `other` went out at the first pass, while `blocked` was failing (or at the second, if it failed too).
    expect(
      t.receiver.requests.filter((request) => JSON.parse(request.body).subject === other).length,
    ).toBeGreaterThan(0);
  });

  it('holds a subject back only for the endpoint that fails; the other endpoint gets everything', async () => {
    const t = await setup(['/up', '/down']);
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.created', subject, data: { step: 1 } });
    t.clock.advance(1);
    await t.publisher.publish({ type: 'user.signed_in', subject, data: { step: 2 } });
    t.receiver.answerWith((request) => (request.path === '/down' ? 500 : 200));

    await t.dispatcher.dispatch();

    expect(t.receiver.to('/up').map((request) => JSON.parse(request.body).data.step)).toEqual([1, 2]);
    expect(t.receiver.to('/down').map((request) => JSON.parse(request.body).data.step)).toEqual([1]);
  });

  it('delivers each event once when two dispatchers in two processes run at the same time', async () => {
    const t = await setup();
    const second = t.process(
      createDatabase({ tableName: t.db.tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') }),
    );
    const subjects = Array.from({ length: 8 }, subjectId);
    for (let step = 0; step < 4; step += 1) {
      for (const subject of subjects) {
        await t.publisher.publish({ type: 'user.signed_in', subject, data: { step } });
      }
      t.clock.advance(1);
    }

    const reports = await Promise.all([t.dispatcher.dispatch(), second.dispatcher.dispatch()]);
    // A subject skipped for a lease held by the other dispatcher may still be due: run once more.
    await Promise.all([t.dispatcher.dispatch(), second.dispatcher.dispatch()]);

    const ids = t.receiver.requests.map((request) => request.eventId);
    expect(ids).toHaveLength(32);
    expect(new Set(ids).size).toBe(32);
    expect(reports.reduce((sum, report) => sum + report.delivered, 0)).toBeGreaterThan(0);
    for (const subject of subjects) {
      const steps = t.receiver.requests
        .filter((request) => JSON.parse(request.body).subject === subject)
        .map((request) => JSON.parse(request.body).data.step);
      expect(steps).toEqual([0, 1, 2, 3]);
    }
  });

  it('takes over the subjects of a dispatcher that died holding their lease once the lease lapses', async () => {
    const t = await setup(['/hook'], { timeoutSeconds: 2 });
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.created', subject, data: {} });
    // A dispatcher took the subject and died before delivering anything.
    await t.store.takeLease(subject, 'dead', t.clock.now(), t.clock.now() + 9000, 0);

    expect(await t.dispatcher.dispatch()).toMatchObject({ leased: 1, delivered: 0 });
    t.clock.advance(9000); // twice the 2 s timeout, and 5 s
    expect(await t.dispatcher.dispatch()).toMatchObject({ leased: 0, delivered: 1 });
    expect(t.receiver.requests).toHaveLength(1);
  });

  it('sends the event again with the same id when the receiver answered too late to count', async () => {
    const t = await setup(['/slow'], { timeoutSeconds: 1 });
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.deleted', subject, data: { userId: subject } });
    let slow = true;
    t.receiver.answerWith(() => (slow ? { status: 200, delayMs: 3000 } : 200));

    expect(await t.dispatcher.dispatch()).toMatchObject({ retrying: 1 });
    slow = false;
    afterRetryDelay(t.clock, 1);
    expect(await t.dispatcher.dispatch()).toMatchObject({ delivered: 1 });

    const [first, second] = t.receiver.requests;
    expect(t.receiver.requests).toHaveLength(2);
    expect(second?.eventId).toBe(first?.eventId);
    const [event] = await t.store.eventsAfter(subject, undefined, 10);
    expect(event?.deliveries[t.endpoints[0]?.id as string]).toMatchObject({
      state: 'delivered',
      attempts: 2,
    });
  });

  it('once started, delivers each published event without waiting for the timer, and stops cleanly', async () => {
    const t = await setup();
    const { publisher, dispatcher } = createEvents(
      configFor(t.receiver, ['/hook']),
      t.db,
      t.clock,
      createLogger({ level: 'silent' }),
      { pollMs: 3600_000 },
    );
    await dispatcher.start();
    try {
      // The start-up sweep is over and the timer is an hour away: only the publish's own wake sends it.
      await publisher.publish({ type: 'user.created', subject: subjectId(), data: { woken: true } });
      await t.receiver.waitForRequests(1);
      expect(JSON.parse(t.receiver.requests[0]?.body ?? '{}').data).toEqual({ woken: true });
    } finally {
      await dispatcher.stop();
    }
  });

  it('records events without delivering them when no endpoint is configured', async () => {
    const db = await createTestTable();
    const { publisher, dispatcher } = createEvents(
      { stage: 'dev', webhooks: [], webhookTimeoutSeconds: 10 },
      db,
      createTestClock(),
      createLogger({ level: 'silent' }),
    );
    const subject = subjectId();
    await publisher.publish({ type: 'user.created', subject, data: {} });

    expect(await dispatcher.dispatch()).toMatchObject({ delivered: 0 });
    const [event] = await createOutboxStore(await db.documentClient(), db.tableName).eventsAfter(
      subject,
      undefined,
      10,
    );
    expect(event).toMatchObject({ type: 'user.created', endpoints: [], dueAt: null });
  });
});
