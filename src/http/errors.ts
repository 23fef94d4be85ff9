import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { DomainError, type FieldProblem, RateLimitedError, ValidationError } from '../errors.js';
import type { AppEnv } from './context.js';
import { nodeRequest } from './headers.js';

/** The error envelope's body: `{"success": false, "error": {code, message, statusCode, requestId, details?}}`. */
export function errorBody(error: DomainError, requestId: string) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      statusCode: error.status,
      requestId,
      ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
    },
  };
}

function envelope(c: Context<AppEnv>, error: DomainError): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  if (error instanceof RateLimitedError && error.limit !== undefined) {
    c.header('RateLimit-Limit', String(error.limit));
    c.header('RateLimit-Remaining', '0');
    c.header('RateLimit-Reset', String(error.retryAfter));
  }
  return c.json(errorBody(error, c.get('requestId')), error.status as ContentfulStatusCode);
}

/**
 * Whether `error` is the request itself going away: the client hung up, or sent a body Node could not
 * parse (a malformed chunk), while the app was reading it. Not a server error: Node has answered (or
 * nobody is listening) and the line is logged below error level.
 */
function isClientAbort(c: Context<AppEnv>, error: Error): boolean {
  const readingFailed =
    error instanceof HTTPException || (error as NodeJS.ErrnoException).code === 'ECONNRESET';
  // `readableAborted`: the body stream ended before all of it arrived.
  return readingFailed && nodeRequest(c)?.readableAborted === true;
}

/** Maps anything a handler or middleware throws to the error envelope; the one place this happens. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof DomainError) return envelope(c, error);
  // Before the body's own errors: a body that broke off reads as "not valid JSON" to the validator.
  if (isClientAbort(c, error)) {
    c.get('logger').info(
      { requestId: c.get('requestId'), reason: error.message },
      'client aborted the request',
    );
    return envelope(c, new DomainError('BAD_REQUEST', 400, 'The request ended before its body was complete'));
  }
  if (error instanceof HTTPException) {
    if (error.status === 400) return envelope(c, new ValidationError('The request body is not valid JSON'));
    if (error.status === 413)
      return envelope(c, new DomainError('PAYLOAD_TOO_LARGE', 413, 'The request body is larger than 1 MiB'));
    if (error.status === 415)
      return envelope(
        c,
        new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as application/json'),
      );
    if (error.status < 500)
      return envelope(c, new DomainError('BAD_REQUEST', error.status, 'The request was not understood'));
  }
  if (isClientAbort(c, error)) {
    c.get('logger').info(
      { requestId: c.get('requestId'), reason: error.message },
      'client aborted the request',
    );
    return envelope(c, new DomainError('BAD_REQUEST', 400, 'The request ended before its body was complete'));
  }
  c.get('logger').error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
  return envelope(c, new DomainError('INTERNAL_ERROR', 500, 'Something went wrong on our side'));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  envelope(c, new DomainError('NOT_FOUND', 404, `No route for ${c.req.method} ${c.req.path}`));

export function onMethodNotAllowed(c: Context<AppEnv>, allowed: string[]): Response {
  c.header('Allow', allowed.join(', '));
  return envelope(
    c,
    new DomainError(
      'METHOD_NOT_ALLOWED',
      405,
      `${c.req.method} is not allowed here; use ${allowed.join(', ')}`,
    ),
  );
}

/** Turns zod's issues into `details`, one entry per field (unknown keys each get their own). */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}
