import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok, optionalJsonBody } from '../../../http/envelope.js';
import { rateLimit } from '../../../http/rate-limit.js';
import { createRouter } from '../../../http/router.js';
import { CurrentPasswordBody, EXAMPLE_PASSWORD, type IdentityRouteDeps } from '../requests.routes.js';
import { TokenSetSchema } from '../sessions/schemas.js';
import {
  EXAMPLE_REGISTRATION,
  EXAMPLE_SIGN_IN,
  PasskeyIdParam,
  PasskeySignInBody,
  RegisterPasskeyBody,
  RenamePasskeyBody,
} from './requests.routes.js';
import { CreationOptionsSchema, PasskeyPage, PasskeySchema, RequestOptionsSchema } from './schemas.js';

const tags = ['Passkeys'];

/** `/user/passkeys*` (the signed-in user's passkeys) and `/auth/passkey/*` (signing in with one). */
export function passkeyRoutes({ service, authenticator, limits }: IdentityRouteDeps) {
  const auth = requireAuth(authenticator);
  // Options write a pending challenge, as an SSO start writes its state; verifying is a sign-in attempt.
  const startLimit = rateLimit(limits, 'ssoStart');
  const loginLimit = rateLimit(limits, 'login');

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/user/passkeys/registration-options',
        operationId: 'startPasskeyRegistration',
        tags,
        summary: 'Start adding a passkey: options for navigator.credentials.create()',
        description:
          'Needs `currentPassword` unless the access token comes from a sign-in within the last few minutes ' +
          '(`AUTH_RECENT_LOGIN_REQUIRED`). `PASSKEY_LIMIT_REACHED` (409): the account holds 20 passkeys.',
        security: bearerSecurity,
        middleware: [auth],
        request: { body: optionalJsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }) },
        responses: {
          200: jsonResponse(
            CreationOptionsSchema,
            'The creation options (a discoverable, user-verified passkey)',
          ),
          ...errorResponses(400, 401, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof CurrentPasswordBody>;
        return ok(c, await service.startPasskeyRegistration(c.get('principal'), body.currentPassword));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/user/passkeys',
        operationId: 'registerPasskey',
        tags,
        summary: 'Add the passkey the browser created',
        description:
          "`PASSKEY_CEREMONY_INVALID` (400): the options' challenge was used, expired (5 min) or is another " +
          "user's; start again. `PASSKEY_REGISTRATION_REFUSED` (400): wrong origin or RP ID, or no user " +
          'verification. `PASSKEY_ALREADY_REGISTERED` (409).',
        security: bearerSecurity,
        middleware: [auth],
        request: { body: jsonBody(RegisterPasskeyBody, EXAMPLE_REGISTRATION) },
        responses: {
          201: jsonResponse(PasskeySchema, 'The passkey'),
          ...errorResponses(400, 401, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const passkey = await service.registerPasskey(c.get('principal'), body, requestMeta(c));
        return ok(c, passkey, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/passkeys',
        operationId: 'listPasskeys',
        tags,
        summary: "The user's passkeys, oldest first",
        security: bearerSecurity,
        middleware: [auth],
        responses: { 200: jsonResponse(PasskeyPage, 'The passkeys'), ...errorResponses(401, 429) },
      }),
      async (c) => ok(c, { items: await service.listPasskeys(c.get('principal')), nextCursor: null }),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/user/passkeys/{passkeyId}',
        operationId: 'renamePasskey',
        tags,
        summary: 'Rename a passkey',
        security: bearerSecurity,
        middleware: [auth],
        request: { params: PasskeyIdParam, body: jsonBody(RenamePasskeyBody, { name: 'Phone' }) },
        responses: {
          200: jsonResponse(PasskeySchema, 'The renamed passkey'),
          ...errorResponses(400, 401, 404, 413, 415, 429),
        },
      }),
      async (c) => {
        const { passkeyId } = c.req.valid('param');
        const { name } = c.req.valid('json');
        return ok(c, await service.renamePasskey(c.get('principal'), passkeyId, name, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/user/passkeys/{passkeyId}',
        operationId: 'deletePasskey',
        tags,
        summary: 'Remove a passkey',
        description:
          'Refused (`AUTH_LAST_LOGIN_METHOD`, 409) when it is the only way left to sign in. Needs ' +
          '`currentPassword` unless the access token comes from a sign-in within the last few minutes ' +
          '(`AUTH_RECENT_LOGIN_REQUIRED`).',
        security: bearerSecurity,
        middleware: [auth],
        request: {
          params: PasskeyIdParam,
          body: optionalJsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }),
        },
        responses: {
          200: jsonResponse(z.object({ passkeyId: z.string(), removed: z.literal(true) }), 'Removed'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const { passkeyId } = c.req.valid('param');
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof CurrentPasswordBody>;
        await service.removePasskey(c.get('principal'), passkeyId, body.currentPassword, requestMeta(c));
        return ok(c, { passkeyId, removed: true as const });
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/passkey/options',
        operationId: 'startPasskeySignIn',
        tags,
        summary: 'Start signing in with a passkey: options for navigator.credentials.get()',
        description: 'No address is asked: the browser offers the passkeys it holds for this site.',
        security: [],
        middleware: [startLimit],
        responses: {
          200: jsonResponse(RequestOptionsSchema, 'The request options (user verification required)'),
          ...errorResponses(429),
        },
      }),
      async (c) => ok(c, await service.startPasskeySignIn()),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/passkey/verify',
        operationId: 'signInWithPasskey',
        tags,
        summary: 'Sign in with the passkey the browser used',
        description:
          'Answers tokens as `POST /auth/login` does; a passkey is two factors, so no TOTP step follows. ' +
          '`AUTH_INVALID_CREDENTIALS` (401): unknown or removed passkey, bad signature, or a signature ' +
          "counter that went backwards. `PASSKEY_CEREMONY_INVALID` (400): the options' challenge was used or expired.",
        security: [],
        middleware: [loginLimit],
        request: { body: jsonBody(PasskeySignInBody, EXAMPLE_SIGN_IN) },
        responses: {
          200: jsonResponse(TokenSetSchema, 'Signed in'),
          ...errorResponses(400, 401, 403, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.signInWithPasskey(c.req.valid('json').credential, requestMeta(c))),
    );
}
