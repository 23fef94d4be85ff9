import { createRoute } from '@hono/zod-openapi';
import { type Authenticator, bearerSecurity, requireAuth } from '../../http/auth.js';
import { requestMeta } from '../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { type RateLimiters, rateLimit } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import {
  ArtistIndexSchema,
  CallbackBody,
  CallbackHeaders,
  CallbackResultBody,
  VerifyStackBody,
  VerifyStackResultSchema,
} from './schemas.js';
import type { ArtistsService } from './service.js';

export interface SetupRouteDeps {
  service: ArtistsService;
  authenticator: Authenticator;
  limits: RateLimiters;
}

const tags = ['Artist setup'];

/** The stack's callback, the owner's polling fallback, and the central index of ready artists. */
export function setupRoutes({ service, authenticator, limits }: SetupRouteDeps) {
  // Per IP, counted in the table: a machine calls these, and each call may reach AWS.
  const callbackLimit = rateLimit(limits, 'artistCallback');

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/complete-artist-setup',
        operationId: 'completeArtistSetup',
        tags,
        summary: "The artist's stack reports its outputs (called by the stack, not a user)",
        description:
          "The original Amply callback body, snake_case. Accepts only the artist's live, unused callback " +
          'token (401 `CALLBACK_TOKEN_INVALID` / `CALLBACK_TOKEN_EXPIRED`; a token already used is 409 ' +
          '`CALLBACK_ALREADY_RECEIVED`); checks `X-Amply-Signature` when present (401 ' +
          '`CALLBACK_SIGNATURE_INVALID`); validates the outputs (400 with `details`). Stores the config, ' +
          'spends the token, records an audit entry, publishes `artist.setup_completed` and rebuilds ' +
          '`/amply-index.json`. `request_type: Delete` (the stack was deleted) removes the config again ' +
          'with the token it was stored with. The answer carries `artistId`, `provider` and `message` both ' +
          'in `data` and beside it, where existing clients of the original endpoint read them.',
        security: [],
        middleware: [callbackLimit],
        request: {
          headers: CallbackHeaders,
          body: jsonBody(CallbackBody, {
            artistId: 'skywave',
            provider: 'aws',
            stack_id:
              'arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-skywave/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
            outputs: {
              BucketName: 'amply-skywave-111122223333',
              CloudFrontDomain: 'd1234567abcdef.cloudfront.net',
              RoleArn: 'arn:aws:iam::111122223333:role/AmplyAccessRole-skywave',
            },
            callback_token: 'amply_skywave_1764331200000_0123456789abcdef0123456789abcdef',
            callback_timestamp: '2026-11-28T12:00:00Z',
            request_type: 'Create',
          }),
        },
        responses: {
          200: {
            description: 'Saved (or, for Delete, removed)',
            content: { 'application/json': { schema: CallbackResultBody } },
          },
          ...errorResponses(400, 401, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const signature = c.req.valid('header')['x-amply-signature'];
        // The signature covers the body exactly as it arrived (the validator has already read it).
        const body = await c.req.text();
        const answer = await service.completeSetup(input, { body, signature }, requestMeta(c));
        return c.json({ success: true as const, data: answer, ...answer }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/verify-stack',
        operationId: 'verifyArtistStack',
        tags,
        summary: "The polling fallback: Amply reads the artist's stack itself",
        description:
          "Owner only (404 otherwise). For `aws`, assumes `AmplyAccessRole-<artistId>` in the stack's " +
          "account with the artist's ExternalId and reads the stack: complete → the config is saved " +
          'exactly as the callback would (200); still being created (or the role not usable yet) → 202; ' +
          'failed or rolled back → 200 with status `failed` and the reason. A role that can be assumed ' +
          'without the ExternalId is refused (409 `ARTIST_ROLE_TRUST_TOO_BROAD`), as is one in another ' +
          'account (409 `ARTIST_ROLE_ACCOUNT_MISMATCH`). `gcp` and `azure` answer 202 until their ' +
          'callback arrives.',
        security: bearerSecurity,
        middleware: [requireAuth(authenticator), callbackLimit],
        request: {
          body: jsonBody(VerifyStackBody, {
            artistId: 'skywave',
            stackName: 'amply-skywave',
            provider: 'aws',
            accountId: '111122223333',
            region: 'eu-north-1',
          }),
        },
        responses: {
          200: jsonResponse(VerifyStackResultSchema, 'Complete (config saved) or failed'),
          202: jsonResponse(VerifyStackResultSchema, 'Not finished yet: ask again in about 10 seconds'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429, 502),
        },
      }),
      async (c) => {
        const { accepted, result } = await service.verifyStack(
          c.get('principal').userId,
          c.req.valid('json'),
          requestMeta(c),
        );
        return accepted ? ok(c, result, 202) : ok(c, result, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/amply-index.json',
        operationId: 'getArtistIndex',
        tags,
        summary: 'The central index of ready artists (the blob itself, not an envelope)',
        description:
          'One JSON document, rewritten whole from the table whenever an artist becomes ready or stops ' +
          'being ready; the same document as the `amply-index.json` blob in storage.',
        security: [],
        responses: {
          200: {
            description: 'The index',
            content: { 'application/json': { schema: ArtistIndexSchema } },
          },
          ...errorResponses(429),
        },
      }),
      async (c) => {
        const index = await service.readIndex();
        c.header('Cache-Control', 'public, max-age=60');
        return c.json(index, 200);
      },
    );
}
