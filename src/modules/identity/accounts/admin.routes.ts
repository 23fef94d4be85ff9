import { createRoute } from '@hono/zod-openapi';
import { requireAdmin, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonResponse, ok } from '../../../http/envelope.js';
import { createRouter } from '../../../http/router.js';
import { SecurityEventPage } from '../audit/schemas.js';
import { type IdentityRouteDeps, PageQuery, UserIdParam } from '../requests.routes.js';
import { ProfileSchema } from './schemas.js';

const tags = ['Admin'];
const security = [{ bearerAuth: [] }];

/** `/admin/*`: for holders of the `admin` scope (named by AMPLY_ADMIN_EMAILS or made with the CLI). */
export function adminRoutes({ service, authenticator }: IdentityRouteDeps) {
  const middleware = [requireAuth(authenticator), requireAdmin];

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{userId}/confirm',
        operationId: 'confirmUser',
        tags,
        summary: "Confirm a user's account without a code",
        security,
        middleware,
        request: { params: UserIdParam },
        responses: {
          200: jsonResponse(ProfileSchema, 'Confirmed'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      }),
      async (c) => ok(c, await service.adminConfirm(c.req.valid('param').userId, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/users/{userId}/security-events',
        operationId: 'listUserSecurityEvents',
        tags,
        summary: "A user's security events, newest first",
        security,
        middleware,
        request: { params: UserIdParam, query: PageQuery },
        responses: {
          200: jsonResponse(SecurityEventPage, 'A page of events'),
          ...errorResponses(400, 401, 403, 429),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        return ok(c, await service.securityEvents(c.req.valid('param').userId, limit, cursor));
      },
    );
}
