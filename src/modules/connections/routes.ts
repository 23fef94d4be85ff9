import { createRoute } from '@hono/zod-openapi';
import { type Authenticator, bearerSecurity, requireAuth } from '../../http/auth.js';
import { requestMeta } from '../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { PageQuery } from '../../http/pagination.js';
import { type RateLimiters, rateLimit } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import {
  AuthorizationCallbackQuery,
  EXAMPLE_ONE_TIME_CODE,
  RedemptionCodeBody,
} from '../../oauth/callback-query.js';
import { MessageSchema } from '../identity/index.js';
import {
  ConnectCompleteSchema,
  ConnectStartSchema,
  PlatformAccessSchema,
  PlatformConnectionPage,
  PlatformParams,
} from './schemas.js';
import type { ConnectionsService } from './service.js';

export interface ConnectionsRouteDeps {
  service: ConnectionsService;
  authenticator: Authenticator;
  limits: RateLimiters;
}

const tags = ['Platforms'];

const refreshDescription =
  'Answers the stored access token while it has more than 5 minutes left; otherwise refreshes it at the ' +
  'platform first — once, however many requests (on however many servers) ask at the same time. ' +
  '`PLATFORM_REAUTH_REQUIRED` (409): the platform refused the grant; connect again. `UPSTREAM_ERROR` ' +
  '(502): the platform failed or timed out; the stored tokens are kept, try again.';

/** `/platforms/*` and `/user/platforms*`: connecting streaming platforms and handing their tokens to the browser. */
export function connectionsRoutes({ service, authenticator, limits }: ConnectionsRouteDeps) {
  const auth = requireAuth(authenticator);
  // Per user, counted in the table: shared by every instance.
  const refreshLimit = rateLimit(limits, 'platformRefresh', (c) => c.get('principal').userId);
  const refreshResponses = {
    200: jsonResponse(PlatformAccessSchema, 'A usable access token'),
    ...errorResponses(400, 401, 404, 409, 429, 502, 503),
  };

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/platforms/{platform}/connect',
        operationId: 'startPlatformConnect',
        tags,
        summary: 'Start connecting a platform: where to send the browser',
        security: bearerSecurity,
        middleware: [auth],
        request: { params: PlatformParams },
        responses: {
          200: jsonResponse(ConnectStartSchema, 'The authorization URL and its state'),
          ...errorResponses(400, 401, 429, 502, 503),
        },
      }),
      async (c) => {
        const { platform } = c.req.valid('param');
        return ok(c, await service.connect(c.get('principal').userId, platform));
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/platforms/{platform}/callback',
        operationId: 'handlePlatformCallback',
        tags,
        security: [],
        summary: 'Where the platform sends the browser back; redirects to the dashboard',
        description:
          'Redirects to `FRONTEND_URL/dashboard?connect_code=<one-time code>&platform={platform}`: nothing is ' +
          'stored yet; the frontend sends the code to `POST /platforms/{platform}/complete` within 60 s with the ' +
          "signed-in user's token. With `AMPLY_CONNECT_REDEMPTION=off`, stores the connection at once and " +
          'redirects to `?connected={platform}` instead. Failures redirect to `?error=<reason>&platform={platform}` ' +
          'with reason `state_invalid`, `state_expired`, `access_denied`, `response_invalid`, `upstream_error` ' +
          'or `provider_not_configured`. Never carries a token.',
        request: { params: PlatformParams, query: AuthorizationCallbackQuery },
        responses: { 302: { description: 'To the dashboard' }, ...errorResponses(400, 429) },
      }),
      async (c) => {
        const { platform } = c.req.valid('param');
        const query = new URL(c.req.url).searchParams;
        const target = await service.completeConnect(platform, query, requestMeta(c));
        c.header('Referrer-Policy', 'no-referrer');
        return c.redirect(target, 302);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/platforms/{platform}/complete',
        operationId: 'completePlatformConnect',
        tags,
        summary: "Activate a connect with the callback's one-time code",
        description:
          'Only the user who started the connect can redeem its code (single use, 60 s). `OAUTH_STARTED_BY_ANOTHER_ACCOUNT` ' +
          "(403): another account started it — the browser that finished it was not the starter's; nothing is " +
          'stored for anyone and the tokens are revoked at the platform where it can. `AUTH_CODE_INVALID` (400): ' +
          "unknown, already used, or another platform's code. `AUTH_CODE_EXPIRED` (400): connect again.",
        security: bearerSecurity,
        middleware: [auth],
        request: {
          params: PlatformParams,
          body: jsonBody(RedemptionCodeBody, { code: EXAMPLE_ONE_TIME_CODE }),
        },
        responses: {
          200: jsonResponse(ConnectCompleteSchema, 'Connected'),
          ...errorResponses(400, 401, 403, 413, 415, 429),
        },
      }),
      async (c) => {
        const { platform } = c.req.valid('param');
        const { code } = c.req.valid('json');
        return ok(c, await service.redeemConnect(c.get('principal').userId, platform, code, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/platforms/{platform}/refresh',
        operationId: 'refreshPlatformToken',
        tags,
        summary: "The platform's access token, refreshed when it expires within 5 minutes",
        description: refreshDescription,
        security: bearerSecurity,
        middleware: [auth, refreshLimit],
        request: { params: PlatformParams },
        responses: refreshResponses,
      }),
      async (c) => {
        const { platform } = c.req.valid('param');
        return ok(c, await service.accessToken(c.get('principal').userId, platform, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/spotify/refresh',
        operationId: 'refreshSpotifyToken',
        tags,
        summary: 'MultiMusic v1’s name for POST /platforms/spotify/refresh',
        description: refreshDescription,
        security: bearerSecurity,
        middleware: [auth, refreshLimit],
        responses: refreshResponses,
      }),
      async (c) => ok(c, await service.accessToken(c.get('principal').userId, 'spotify', requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/platforms',
        operationId: 'listPlatformConnections',
        tags,
        summary: "The user's connected platforms (never their tokens)",
        security: bearerSecurity,
        middleware: [auth],
        request: { query: PageQuery },
        responses: {
          200: jsonResponse(PlatformConnectionPage, 'A page of connections'),
          ...errorResponses(400, 401, 429),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        return ok(c, await service.list(c.get('principal').userId, limit, cursor));
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/user/platforms/{platform}',
        operationId: 'disconnectPlatform',
        tags,
        summary: 'Disconnect a platform (and revoke its tokens there, where it can)',
        security: bearerSecurity,
        middleware: [auth],
        request: { params: PlatformParams },
        responses: {
          200: jsonResponse(MessageSchema, 'Disconnected'),
          ...errorResponses(400, 401, 404, 429),
        },
      }),
      async (c) => {
        const { platform } = c.req.valid('param');
        await service.disconnect(c.get('principal').userId, platform, requestMeta(c));
        return ok(c, { message: `${platform} disconnected` });
      },
    );
}
