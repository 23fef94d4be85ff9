import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, requireAdmin, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonResponse, ok } from '../../../http/envelope.js';
import { createRouter } from '../../../http/router.js';
import { SecurityEventPage } from '../audit/schemas.js';
import { AdminUserQuery, type IdentityRouteDeps, PageQuery, UserIdParam } from '../requests.routes.js';
import { AdminUserPage, AdminUserSchema, CodeDeliverySchema, ProfileSchema } from './schemas.js';

const tags = ['Admin'];

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
        security: bearerSecurity,
        middleware,
        request: { params: UserIdParam },
        responses: {
          200: jsonResponse(ProfileSchema, 'Confirmed'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      }),
      async (c) =>
        ok(
          c,
          await service.adminConfirm(c.req.valid('param').userId, requestMeta(c), c.get('principal').userId),
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/users/{userId}/security-events',
        operationId: 'listUserSecurityEvents',
        tags,
        summary: "A user's security events, newest first",
        security: bearerSecurity,
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
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/users',
        operationId: 'searchUsers',
        tags,
        summary: 'Find accounts by the start of their email address',
        description:
          'Case-insensitive prefix, in address order; paginated. Read from an index that follows changes ' +
          'within a moment (a just-registered account may take a second to appear).',
        security: bearerSecurity,
        middleware,
        request: { query: AdminUserQuery },
        responses: {
          200: jsonResponse(AdminUserPage, 'A page of accounts'),
          ...errorResponses(400, 401, 403, 429),
        },
      }),
      async (c) => {
        const { email, limit, cursor } = c.req.valid('query');
        return ok(c, await service.findUsers(email, limit, cursor));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{userId}/disable',
        operationId: 'disableUser',
        tags,
        summary: 'Disable an account: its sessions end and every sign-in is refused',
        description:
          'Sign-in of every kind and token refresh answer AUTH_USER_DISABLED; the account’s access tokens ' +
          'are refused on every route. Disabling a disabled account changes nothing.',
        security: bearerSecurity,
        middleware,
        request: { params: UserIdParam },
        responses: {
          200: jsonResponse(AdminUserSchema, 'Disabled'),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      }),
      async (c) =>
        ok(c, await service.disableUser(c.get('principal'), c.req.valid('param').userId, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{userId}/enable',
        operationId: 'enableUser',
        tags,
        summary: 'Enable a disabled account again (its user signs in anew)',
        security: bearerSecurity,
        middleware,
        request: { params: UserIdParam },
        responses: {
          200: jsonResponse(AdminUserSchema, 'Enabled'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      }),
      async (c) =>
        ok(c, await service.enableUser(c.get('principal'), c.req.valid('param').userId, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/users/{userId}/resend-confirmation',
        operationId: 'resendUserConfirmation',
        tags,
        summary: 'Mail an unconfirmed account a new confirmation code',
        security: bearerSecurity,
        middleware,
        request: { params: UserIdParam },
        responses: {
          202: jsonResponse(CodeDeliverySchema, 'A new code is on its way'),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      }),
      async (c) =>
        ok(
          c,
          await service.resendConfirmation(c.get('principal'), c.req.valid('param').userId, requestMeta(c)),
          202,
        ),
    );
}
