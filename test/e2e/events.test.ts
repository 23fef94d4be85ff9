import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/events/signature.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import {
  E2E_PASSWORD,
  login,
  makeTempDir,
  registerAndReadCode,
  removeDir,
  request,
  type ServerProcess,
  startServer,
  uniqueAddress,
} from './server-process.js';

/*
 * Signed events from the started server (`node dist/node.mjs`, embedded engine in a data folder) to a
 * real HTTP receiver on loopback, across a crash: the server is killed with SIGKILL after the changes
 * were acknowledged and while the first delivery is still unanswered.
 */

const SECRET = 'e2e-webhook-secret-'.padEnd(48, 'e');
const dirs: string[] = [];
const servers: ServerProcess[] = [];
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await receiver?.close();
});
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

async function start(dataDir: string, url: string) {
  const server = await startServer({
    dataDir,
    env: {
      AMPLY_WEBHOOKS: JSON.stringify([{ url, secret: SECRET }]),
      // The killed server held the user's lease: 2 s timeouts make it lapse in 9 s (2 × 2 s + 5 s).
      AMPLY_WEBHOOK_TIMEOUT_SECONDS: '2',
      AMPLY_LOG_LEVEL: 'warn',
    },
  });
  servers.push(server);
  return server;
}

/** Reads `GET /dev/events` for a subject until every delivery is `delivered` (bounded). */
async function deliveredEvents(baseUrl: string, subject: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = await request(baseUrl, 'GET', `/dev/events?subject=${subject}`);
    const items = listed.json.data.items as { type: string; deliveries: { state: string }[] }[];
    if (items.every((item) => item.deliveries.every((delivery) => delivery.state === 'delivered'))) {
      return items;
    }
    if (Date.now() > deadline) throw new Error(`events not delivered: ${listed.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A server on a fresh data folder, a receiver that holds its first delivery unanswered, and a user who
 * signed up (confirmed: `user.created`) once that delivery is on its way.
 */
async function signedUpWhileDeliveryHangs(label: string) {
  const dataDir = await makeTempDir(label);
  dirs.push(dataDir);
  const hooks = await startWebhookReceiver();
  receiver = hooks;
  const url = `${hooks.baseUrl}/hooks/amply`;
  let holding = true;
  hooks.answerWith(() => (holding ? { status: 200, delayMs: 60_000 } : 200));
  const server = await start(dataDir, url);
  const email = uniqueAddress(label);
  const { code } = await registerAndReadCode(server.baseUrl, email);
  const confirmed = await request(server.baseUrl, 'POST', '/auth/confirm', { body: { email, code } });
  expect(confirmed.status).toBe(200);
  await hooks.waitForRequests(1);
  return {
    hooks,
    server,
    email,
    userId: confirmed.json.data.userId as string,
    /** Stops `server` (already signalled) and starts another on the data folder; the receiver answers now. */
    async restart() {
      const exit = await server.stop();
      servers.splice(servers.indexOf(server), 1);
      holding = false;
      return { exit, next: await start(dataDir, url) };
    },
  };
}

describe('signed events from the Node server', () => {
  it('delivers events acknowledged before a SIGKILL once the server is back, in order and with their ids', async () => {
    const { hooks, server, email, userId, restart } = await signedUpWhileDeliveryHangs('events');
    await login(server.baseUrl, email, E2E_PASSWORD);
    server.child.kill('SIGKILL');
    const { next } = await restart();
    await hooks.waitForRequests(3);
    const stored = await deliveredEvents(next.baseUrl, userId);

    const received = hooks.requests.map((request) => ({ ...request, event: JSON.parse(request.body) }));
    expect(received.map(({ event }) => event.type)).toEqual([
      'user.created',
      'user.created',
      'user.signed_in',
    ]);
    // At least once: the held delivery is sent again with the same id, for the receiver to deduplicate.
    expect(received[1]?.event.id).toBe(received[0]?.event.id);
    expect(received[2]?.event.id).not.toBe(received[0]?.event.id);
    for (const { headers, body } of received) {
      expect(
        verifySignature(SECRET, headers['amply-signature'] as string, body, Math.floor(Date.now() / 1000)),
      ).toBe(true);
    }
    expect(received[0]?.event.data).toEqual({ userId, email, provider: 'password' });
    expect(stored.map((item) => item.type)).toEqual(['user.signed_in', 'user.created']);
  });

  it('stops on SIGTERM without waiting for an unanswered delivery, which goes out again after the restart', async () => {
    const { hooks, userId, restart } = await signedUpWhileDeliveryHangs('events-stop');
    const { exit, next } = await restart();
    expect(exit).toEqual({ code: 0, signal: null });

    await hooks.waitForRequests(2);
    const [held, again] = hooks.requests;
    expect(again?.eventId).toBe(held?.eventId);
    // The interrupted attempt counted for nothing: the next one is the event's first recorded attempt.
    const [event] = await deliveredEvents(next.baseUrl, userId);
    expect(event).toMatchObject({ type: 'user.created', deliveries: [{ state: 'delivered', attempts: 1 }] });
  });
});
