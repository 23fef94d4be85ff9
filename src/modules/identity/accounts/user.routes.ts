import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../../http/envelope.js';
import { createRouter } from '../../../http/router.js';
import { SecurityEventPage } from '../audit/schemas.js';
import {
  CurrentPasswordBody,
  EmailCodeBody,
  EXAMPLE_PASSWORD,
  type IdentityRouteDeps,
  NameBody,
  PageQuery,
  ProfileUpdateBody,
} from '../requests.routes.js';
import { MessageSchema } from '../schemas.js';
import { ProfileSchema } from './schemas.js';

const tags = ['User'];

/** `/user/*`: the signed-in user's own account. */
export function userRoutes({ service, authenticator }: IdentityRouteDeps) {
  const middleware = [requireAuth(authenticator)];

  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/profile',
        operationId: 'getProfile',
        tags,
        summary: 'The signed-in user',
        security: bearerSecurity,
        middleware,
        responses: { 200: jsonResponse(ProfileSchema, 'The profile'), ...errorResponses(401, 429) },
      }),
      async (c) => ok(c, await service.profile(c.get('principal'))),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/user/profile',
        operationId: 'updateProfile',
        tags,
        summary: 'Update name, avatar, or start an email change',
        security: bearerSecurity,
        middleware,
        request: {
          body: jsonBody(ProfileUpdateBody, {
            displayName: 'Ada King',
            avatarUrl: 'https://example.com/ada.png',
          }),
        },
        responses: {
          200: jsonResponse(ProfileSchema, 'The updated profile'),
          ...errorResponses(400, 401, 429),
        },
      }),
      async (c) =>
        ok(c, await service.updateProfile(c.get('principal'), c.req.valid('json'), requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/user/name',
        operationId: 'updateDisplayName',
        tags,
        summary: 'Change the display name',
        security: bearerSecurity,
        middleware,
        request: { body: jsonBody(NameBody, { name: 'Ada King' }) },
        responses: {
          200: jsonResponse(ProfileSchema, 'The updated profile'),
          ...errorResponses(400, 401, 429),
        },
      }),
      async (c) =>
        ok(
          c,
          await service.updateProfile(
            c.get('principal'),
            { displayName: c.req.valid('json').name },
            requestMeta(c),
          ),
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/user/email/confirm',
        operationId: 'confirmEmailChange',
        tags,
        summary: 'Confirm a new email address with the code mailed to it',
        security: bearerSecurity,
        middleware,
        request: { body: jsonBody(EmailCodeBody, { code: '493027' }) },
        responses: {
          200: jsonResponse(ProfileSchema, 'The address changed'),
          ...errorResponses(400, 401, 409, 429),
        },
      }),
      async (c) =>
        ok(c, await service.confirmEmailChange(c.get('principal'), c.req.valid('json').code, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/export',
        operationId: 'exportUserData',
        tags,
        summary: 'Everything Amply holds about the user, as JSON',
        security: bearerSecurity,
        middleware,
        responses: {
          200: jsonResponse(z.record(z.string(), z.unknown()), 'The export'),
          ...errorResponses(401, 429),
        },
      }),
      async (c) => ok(c, await service.exportData(c.get('principal').userId)),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/user',
        operationId: 'deleteAccount',
        tags,
        summary: 'Delete the account and everything it owns',
        security: bearerSecurity,
        middleware,
        request: { body: jsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }) },
        responses: { 200: jsonResponse(MessageSchema, 'Deleted'), ...errorResponses(400, 401, 429) },
      }),
      async (c) => {
        await service.deleteAccount(c.get('principal'), c.req.valid('json').currentPassword);
        return ok(c, { message: 'Account deleted' });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/security-events',
        operationId: 'listSecurityEvents',
        tags,
        summary: "The account's security events, newest first (kept 90 days)",
        security: bearerSecurity,
        middleware,
        request: { query: PageQuery },
        responses: {
          200: jsonResponse(SecurityEventPage, 'A page of events'),
          ...errorResponses(400, 401, 429),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        return ok(c, await service.securityEvents(c.get('principal').userId, limit, cursor));
      },
    );
}
