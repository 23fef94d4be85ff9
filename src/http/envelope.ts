import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** `{"success": true, "data": …}` — every successful JSON response. */
export function ok<T, S extends ContentfulStatusCode = 200>(c: Context, data: T, status?: S) {
  return c.json({ success: true as const, data }, status ?? (200 as S));
}

/** The OpenAPI shape of a success envelope around `data`. */
export function successBody<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

export const ErrorBody = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_ERROR' }),
      message: z.string(),
      statusCode: z.number().int(),
      requestId: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/** OpenAPI response entries for the given error statuses, all in the error envelope. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code)',
    401: 'Missing, invalid or expired credentials',
    403: 'Authenticated but not allowed',
    404: 'Not found',
    409: 'Conflict with the current state',
    413: 'Body larger than 1 MiB',
    415: 'Body is not JSON',
    429: 'Rate limited; see `Retry-After`',
    502: 'An upstream provider failed',
    503: 'Unavailable; see `Retry-After`',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Error',
        content: { 'application/json': { schema: ErrorBody } },
      },
    ]),
  );
}

/**
 * The JSON body of a route, required, so a missing or non-JSON body is never silently skipped. The example
 * (typed by the schema; the OpenAPI lint checks it against the schema too) shows readers and generated
 * clients a request that works.
 */
export function jsonBody<T extends z.ZodType>(schema: T, example?: z.input<T>) {
  return {
    required: true,
    content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
  };
}

/** An optional JSON body: a bodyless POST or DELETE (a browser's, curl's) reads as `{}` (decision 20). */
export function optionalJsonBody<T extends z.ZodType>(schema: T, example: z.input<T>) {
  return { ...jsonBody(schema, example), required: false };
}

/** A 200 (or other) JSON response in the success envelope. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema: successBody(schema) } } };
}
