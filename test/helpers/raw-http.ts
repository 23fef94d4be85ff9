import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

/*
 * HTTP/1.1 spoken byte by byte, for what Node's fetch cannot send: a POST or DELETE with neither
 * Content-Length nor Transfer-Encoding (what browsers and curl send without a body), malformed chunked
 * bodies, unknown methods, oversized headers, a client that hangs up half-way.
 */

export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}

/** Decodes one HTTP/1.1 response (Content-Length, chunked, or read until the connection closed). */
export function parseResponse(raw: Buffer): RawResponse {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let bodyBytes = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    let rest = bodyBytes;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (!size) break;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    bodyBytes = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    bodyBytes = bodyBytes.subarray(0, Number(headers['content-length']));
  }
  const body = bodyBytes.toString('utf8');
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

/**
 * Sends `head` (request line and headers, `\r\n`-separated, without the blank line) and `body` as they
 * are, with `Connection: close`, and reads the response until the server closes the connection.
 */
export function rawRequest(
  port: number,
  head: string,
  body: string | Buffer = '',
  options: { host?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, options.host ?? '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no complete answer within ${options.timeoutMs ?? 10_000} ms to ${head.split('\r\n')[0]}`),
      );
    }, options.timeoutMs ?? 10_000);
    socket.on('connect', () => {
      socket.write(`${head}\r\nConnection: close\r\n\r\n`);
      if (body.length > 0) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server may answer and close before it has read all of the request (a body over its limit):
    // the answer it sent still counts, even though sending the rest failed.
    let failure: Error | undefined;
    socket.on('error', (error) => {
      failure = error;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(failure ?? error);
      }
    });
  });
}

/** Serves a Hono app through the same Node adapter as `npm start`, on a free loopback port. */
export async function serveOnNode(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  configure?: (server: Server) => void,
): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createAdaptorServer({ fetch }) as Server;
  configure?.(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
