import { createRoute } from '@hono/zod-openapi';
import { authenticateBearer } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../../http/envelope.js';
import { createRouter } from '../../../http/router.js';
import {
  EXAMPLE_REFRESH_TOKEN,
  type IdentityRouteDeps,
  LogoutBody,
  RefreshBody,
} from '../requests.routes.js';
import { MessageSchema } from '../schemas.js';
import { TokenSetSchema } from './schemas.js';

const tags = ['Auth'];
const bearer = [{ bearerAuth: [] }];

/** Sessions: `/auth/refresh` and `/auth/logout`. */
export function sessionRoutes({ service, authenticator }: IdentityRouteDeps) {
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
        responses: { 200: jsonResponse(TokenSetSchema, 'New tokens'), ...errorResponses(400, 401, 429) },
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
        security: [...bearer, {}],
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
    );
}
