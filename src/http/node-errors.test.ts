import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawResponse, rawRequest, serveOnNode } from '../../test/helpers/raw-http.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { answerNodeErrors } from './node-errors.js';

/*
 * What Node's HTTP server answers before (or while) the app handles a request, through the same Node
 * adapter and handlers as `npm start`: the error envelope with a request id, logged as the client's
 * error, never as a 500.
 */

let t: TestApp;
let served: Awaited<ReturnType<typeof serveOnNode>>;

beforeAll(async () => {
  t = await createTestApp();
  served = await serveOnNode(t.app.fetch, (server) => answerNodeErrors(server, t.deps.logger));
});

afterAll(() => served?.close());

function expectEnvelope(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.json).toEqual({
    success: false,
    error: {
      code,
      message: expect.any(String),
      statusCode: status,
      requestId: response.headers['x-request-id'],
    },
  });
}

const logged = () => t.logLines.map((line) => JSON.parse(line) as { level: string; [key: string]: unknown });

/** Waits (up to 5 s) until a log line matches: the server may log after the client saw its answer. */
async function loggedLine(match: (line: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = logged().find(match);
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no such log line in ${t.logLines.slice(-4).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('answers Node gives by itself', () => {
  it('a method Node does not know is 405 in the envelope, with Allow', async () => {
    const response = await rawRequest(served.port, 'FOO /guitars HTTP/1.1\r\nHost: amply.test');
    expectEnvelope(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    const line = await loggedLine((entry) => entry.requestId === response.headers['x-request-id']);
    expect(line).toMatchObject({ level: 'info', parserError: 'HPE_INVALID_METHOD', status: 405 });
  });

  it('headers over Node’s limit are 431 in the envelope', async () => {
    const response = await rawRequest(
      served.port,
      `GET /health HTTP/1.1\r\nHost: amply.test\r\nX-Padding: ${'a'.repeat(20_000)}`,
    );
    expectEnvelope(response, 431, 'REQUEST_HEADERS_TOO_LARGE');
  });

  it('an Expect header other than 100-continue is 417 in the envelope', async () => {
    const response = await rawRequest(
      served.port,
      'GET /health HTTP/1.1\r\nHost: amply.test\r\nExpect: nonsense',
    );
    expectEnvelope(response, 417, 'EXPECTATION_FAILED');
  });

  it('a request that is not HTTP at all is 400 in the envelope', async () => {
    const response = await rawRequest(served.port, 'GET /health HTTP/1.1\r\nHost amply.test');
    expectEnvelope(response, 400, 'BAD_REQUEST');
  });
});

describe('a request body that breaks off', () => {
  it('a malformed chunked body is the client’s 400, not a logged 500', async () => {
    const response = await rawRequest(
      served.port,
      'POST /auth/login HTTP/1.1\r\nHost: amply.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nX-Request-Id: bad-chunks',
      'zz\r\n{"email"\r\n0\r\n\r\n',
    );
    expectEnvelope(response, 400, 'BAD_REQUEST');
    const access = await loggedLine((entry) => entry.requestId === 'bad-chunks' && 'status' in entry);
    expect(access).toMatchObject({ level: 'info', status: 400 });
    expect(logged().filter((entry) => entry.requestId === 'bad-chunks' && entry.level === 'error')).toEqual(
      [],
    );
  });

  it('a client that hangs up half-way through its body is logged as an abort, not a server error', async () => {
    const socket = connect(served.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Hang up once the app is handling the request.
    const handling = new Promise((resolve) => served.server.once('request', resolve));
    socket.write(
      'POST /auth/login HTTP/1.1\r\nHost: amply.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: hung-up\r\n\r\n{"email":',
    );
    await handling;
    socket.destroy();
    expect(await loggedLine((entry) => entry.requestId === 'hung-up' && 'status' in entry)).toMatchObject({
      level: 'info',
      status: 400,
    });
    expect(
      await loggedLine(
        (entry) => entry.requestId === 'hung-up' && entry.msg === 'client aborted the request',
      ),
    ).toMatchObject({
      level: 'info',
    });
    expect(logged().filter((entry) => entry.requestId === 'hung-up' && entry.level === 'error')).toEqual([]);
  });
});
