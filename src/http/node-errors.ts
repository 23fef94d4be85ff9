import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { errorBody } from './errors.js';

/*
 * What Node's HTTP server answers by itself, before the app sees a request: bytes it cannot parse
 * (an unknown method such as FOO, a malformed chunked body), headers over its limit, a request that
 * took too long, an `Expect` it does not know. By default Node writes a bare status line with no body
 * and no request id. These handlers write the same status in the error envelope with an
 * `X-Request-Id`, and log it as a client's error (info), not the server's.
 */

/** Node's parser codes (llhttp `HPE_*`, Node `ERR_*`) and what the client is told. */
const ANSWERS: Record<string, DomainError> = {
  HPE_HEADER_OVERFLOW: new DomainError(
    'REQUEST_HEADERS_TOO_LARGE',
    431,
    'The request headers are too large; send fewer or shorter headers',
  ),
  // 405 like a method the app knows but the route does not take (a 501 would count as the server's fault).
  HPE_INVALID_METHOD: new DomainError(
    'METHOD_NOT_ALLOWED',
    405,
    'This method is not allowed; use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS',
  ),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: new DomainError(
    'PAYLOAD_TOO_LARGE',
    413,
    'The chunk extensions are too large',
  ),
  ERR_HTTP_REQUEST_TIMEOUT: new DomainError('REQUEST_TIMEOUT', 408, 'The request took too long to arrive'),
};
const NOT_UNDERSTOOD = new DomainError('BAD_REQUEST', 400, 'The request is not valid HTTP/1.1');
const EXPECTATION = new DomainError(
  'EXPECTATION_FAILED',
  417,
  'Only "Expect: 100-continue" is understood; send the request without this Expect header',
);

/** A whole HTTP/1.1 response in the envelope, to write straight to a socket, closing the connection. */
function rawAnswer(error: DomainError, requestId: string): string {
  const body = JSON.stringify(errorBody(error, requestId));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    `X-Request-Id: ${requestId}`,
    ...(error.status === 405 ? ['Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'] : []),
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Makes Node's own answers (see above) envelopes with a request id, logged as the client's errors. */
export function answerNodeErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const requestId = randomUUID();
    const answer = ANSWERS[error.code ?? ''] ?? NOT_UNDERSTOOD;
    // As Node's own handler does: answer only on a socket nothing was written to yet, then close it at once
    // (the app may be reading this request's body; it sees the request end).
    const canAnswer = error.code !== 'ECONNRESET' && socket.writable && (socket as Socket).bytesWritten === 0;
    logger.info(
      { requestId, parserError: error.code, status: canAnswer ? answer.status : undefined },
      'client error below the app',
    );
    if (canAnswer) socket.write(rawAnswer(answer, requestId));
    socket.destroy();
  });

  server.on('checkExpectation', (request, response) => {
    const requestId = randomUUID();
    logger.info({ requestId, method: request.method, status: 417 }, 'unknown Expect header');
    const body = JSON.stringify(errorBody(EXPECTATION, requestId));
    response.writeHead(417, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Request-Id': requestId,
      Connection: 'close',
    });
    response.end(body);
  });
}
