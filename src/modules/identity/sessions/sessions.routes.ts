import { createRoute } from '@hono/zod-openapi';
import { authenticateBearer, bearerSecurity, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../../http/envelope.js';
import { createRouter } from '../../../http/router.js';
import {
  EXAMPLE_REFRESH_TOKEN,
  type IdentityRouteDeps,
  LogoutBody,
  PageQuery,
  RefreshBody,
  SessionIdParam,
} from '../requests.routes.js';
import { MessageSchema } from '../schemas.js';
import { DeviceSessionPage, TokenSetSchema } from './schemas.js';

const tags = ['Auth'];

/** Sessions: `/auth/refresh`, `/auth/logout` and the signed-in devices at `/user/sessions`. */
export function sessionRoutes({ service, authenticator }: IdentityRouteDeps) {
  const middleware = [requireAuth(authenticator)];

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/refresh',
        operationId: 'refreshTokens',
        tags,
        security: [],
        summary: 'Exchange a refresh token for new tokens (the refresh token rotates)',
        request: { body: jsonBody(RefreshBody, { refreshToken: EXAMPLE_REFRESH_TOKEN }) },
        responses: { 200: jsonResponse(TokenSetSchema, 'New tokens'), ...errorResponses(400, 401, 403, 429) },
      }),
      async (c) => ok(c, await service.refresh(c.req.valid('json').refreshToken, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/logout',
        operationId: 'signOut',
        tags,
        summary: 'End this session, or every session of the user',
        description:
          'With the access token (`Authorization: Bearer`), or with `refreshToken` alone (as Cognito’s ' +
          'RevokeToken), so a client whose access token has expired can still sign out.',
        security: [...bearerSecurity, {}],
        request: { body: jsonBody(LogoutBody, { refreshToken: EXAMPLE_REFRESH_TOKEN }) },
        responses: { 200: jsonResponse(MessageSchema, 'Signed out'), ...errorResponses(400, 401, 429) },
      }),
      async (c) => {
        const { allDevices, refreshToken } = c.req.valid('json');
        const meta = requestMeta(c);
        if (refreshToken !== undefined) await service.logoutWithRefreshToken(refreshToken, allDevices, meta);
        else await service.logout(await authenticateBearer(c, authenticator), allDevices, meta);
        return ok(c, { message: allDevices ? 'Signed out everywhere' : 'Signed out' });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/sessions',
        operationId: 'listSessions',
        tags: ['User'],
        summary: 'The signed-in devices of this account, newest first',
        description:
          'Each device is a session (one refresh-token family): its label is read from the User-Agent at ' +
          'sign-in, `lastUsedAt` is kept to within five minutes, `current` marks the calling token’s session.',
        security: bearerSecurity,
        middleware,
        request: { query: PageQuery },
        responses: {
          200: jsonResponse(DeviceSessionPage, 'A page of signed-in devices'),
          ...errorResponses(400, 401, 429),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        return ok(c, await service.listSessions(c.get('principal'), limit, cursor));
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/user/sessions/{sessionId}',
        operationId: 'signOutSession',
        tags: ['User'],
        summary: 'Sign one device out',
        description:
          'Its refresh tokens stop working at once; its access tokens too when strict revocation is on ' +
          '(otherwise when they expire, within the hour). The caller’s own session may be named: that is a logout.',
        security: bearerSecurity,
        middleware,
        request: { params: SessionIdParam },
        responses: {
          200: jsonResponse(MessageSchema, 'Signed out'),
          ...errorResponses(400, 401, 404, 429),
        },
      }),
      async (c) => {
        await service.signOutDevice(c.get('principal'), c.req.valid('param').sessionId, requestMeta(c));
        return ok(c, { message: 'Signed out' });
      },
    );
}
