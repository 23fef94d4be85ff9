import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../errors.js';
import type { AppEnv } from './context.js';
import { ErrorBody, type errorResponses } from './envelope.js';
import { requestHeader } from './headers.js';

/** The header the CDN adds on its way to the API (the CDK app configures CloudFront to send it). */
export const ORIGIN_VERIFY_HEADER = 'x-amply-origin-verify';

/**
 * Behind CloudFront: refuses every request that lacks the secret CloudFront adds, so nobody can call the
 * API Gateway address directly and skip the WAF in front (its rate rule is the general per-IP limit there).
 */
export function originVerify(secret: string): MiddlewareHandler<AppEnv> {
  const expected = Buffer.from(secret);
  return async (c, next) => {
    const offered = Buffer.from(requestHeader(c, ORIGIN_VERIFY_HEADER) ?? '');
    if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) {
      throw new ForbiddenError('Call the API through its public address');
    }
    await next();
  };
}

/**
 * The OpenAPI entry for that refusal, for routes with no other 4xx answer (probes, key discovery): every
 * route gives it where AMPLY_ORIGIN_SECRET is set and the request did not come through the CDN.
 */
export const originRefusedResponse: ReturnType<typeof errorResponses> = {
  403: {
    description: 'Refused: a deployment behind CloudFront answers only requests that came through it',
    content: { 'application/json': { schema: ErrorBody } },
  },
};
