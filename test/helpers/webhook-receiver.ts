import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it: the raw body is what a signature is checked against. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's event id (`id`), for quick assertions. */
  eventId: string;
  receivedAt: number;
}

/** How the receiver answers a request: a status, optionally after a delay (a receiver slower than the timeout). */
export type ReceiverAnswer = number | { status: number; delayMs: number };

/**
 * A real HTTP server on loopback that plays webhook receivers: it records every request and answers
 * what `answer` says (200 by default). One server can be several endpoints, one per path.
 */
export async function startWebhookReceiver() {
  const requests: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => ReceiverAnswer = () => 200;
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let eventId = '';
      try {
        eventId = String((JSON.parse(body) as { id?: unknown }).id ?? '');
      } catch {
        // not JSON: recorded as it came
      }
      const request: ReceivedRequest = {
        path: req.url ?? '/',
        headers: req.headers,
        body,
        eventId,
        receivedAt: Date.now(),
      };
      requests.push(request);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const decided = answer(request);
      const { status, delayMs } = typeof decided === 'number' ? { status: decided, delayMs: 0 } : decided;
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      };
      if (delayMs > 0) setTimeout(reply, delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    requests,
    /** Requests to one path (one endpoint). */
    to: (path: string) => requests.filter((request) => request.path === path),
    answerWith(next: (request: ReceivedRequest) => ReceiverAnswer) {
      answer = next;
    },
    /** Resolves once `count` requests in all have arrived. */
    waitForRequests(count: number): Promise<void> {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
