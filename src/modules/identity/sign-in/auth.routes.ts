import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../../http/envelope.js';
import { rateLimit } from '../../../http/rate-limit.js';
import { createRouter } from '../../../http/router.js';
import { EXAMPLE_ONE_TIME_CODE } from '../../../oauth/callback-query.js';
import { CodeDeliverySchema, ProfileSchema } from '../accounts/schemas.js';
import {
  ChangePasswordBody,
  ConfirmBody,
  CurrentPasswordBody,
  EmailBody,
  EXAMPLE_NEW_PASSWORD,
  EXAMPLE_PASSWORD,
  type IdentityRouteDeps,
  LoginBody,
  MfaVerifyBody,
  RegisterBody,
  ResetPasswordBody,
  TotpCodeBody,
} from '../requests.routes.js';
import { MessageSchema } from '../schemas.js';
import { TokenSetSchema } from '../sessions/schemas.js';
import { MfaChallengeSchema, RecoveryCodesSchema, TotpSetupSchema } from './schemas.js';

const tags = ['Auth'];

/** `/auth/*`: registration, confirmation, sign-in, MFA and passwords (refresh and logout: `sessions/`). */
export function authRoutes({ service, authenticator, limits }: IdentityRouteDeps) {
  const auth = requireAuth(authenticator);
  const loginLimit = rateLimit(limits, 'login');
  const signupLimit = rateLimit(limits, 'signupPerIp');

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/register',
        operationId: 'registerAccount',
        tags,
        security: [],
        summary: 'Create an account; a confirmation code is mailed',
        description:
          'The answer is the same whether or not the address already has an account (that address gets a notice instead).',
        middleware: [signupLimit],
        request: {
          body: jsonBody(RegisterBody, {
            email: 'ada@example.com',
            password: EXAMPLE_PASSWORD,
            name: 'Ada Lovelace',
          }),
        },
        responses: {
          202: jsonResponse(CodeDeliverySchema, 'A code is on its way (or a notice, for a known address)'),
          ...errorResponses(400, 409, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.register(c.req.valid('json'), requestMeta(c)), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/confirm',
        operationId: 'confirmAccount',
        tags,
        security: [],
        summary: 'Confirm an account with the mailed code',
        request: { body: jsonBody(ConfirmBody, { email: 'ada@example.com', code: '493027' }) },
        responses: { 200: jsonResponse(ProfileSchema, 'Confirmed'), ...errorResponses(400, 429) },
      }),
      async (c) => ok(c, await service.confirm(c.req.valid('json'), requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/resend-code',
        operationId: 'resendConfirmationCode',
        tags,
        security: [],
        summary: 'Mail a new confirmation code (the previous one stops working)',
        middleware: [signupLimit],
        request: { body: jsonBody(EmailBody, { email: 'ada@example.com' }) },
        responses: {
          202: jsonResponse(CodeDeliverySchema, 'Sent if the address can receive one'),
          ...errorResponses(400, 429),
        },
      }),
      async (c) => ok(c, await service.resendCode(c.req.valid('json')), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        operationId: 'signInWithPassword',
        tags,
        security: [],
        summary: 'Sign in with email and password',
        description: 'Returns tokens, or an MFA challenge when TOTP is on.',
        middleware: [loginLimit],
        request: { body: jsonBody(LoginBody, { email: 'ada@example.com', password: EXAMPLE_PASSWORD }) },
        responses: {
          200: jsonResponse(TokenSetSchema.or(MfaChallengeSchema), 'Signed in, or a second factor is needed'),
          ...errorResponses(400, 401, 403, 429),
        },
      }),
      async (c) => {
        const { email, password } = c.req.valid('json');
        return ok(c, await service.login(email, password, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/verify',
        operationId: 'verifyMfaChallenge',
        tags,
        security: [],
        summary: 'Finish an MFA sign-in with a TOTP or recovery code',
        middleware: [loginLimit],
        request: { body: jsonBody(MfaVerifyBody, { session: EXAMPLE_ONE_TIME_CODE, code: '493027' }) },
        responses: { 200: jsonResponse(TokenSetSchema, 'Signed in'), ...errorResponses(400, 403, 429) },
      }),
      async (c) => {
        const { session, code } = c.req.valid('json');
        return ok(c, await service.completeMfa(session, code, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/forgot-password',
        operationId: 'requestPasswordReset',
        tags,
        security: [],
        summary: 'Mail a code to reset the password',
        middleware: [signupLimit],
        request: { body: jsonBody(EmailBody, { email: 'ada@example.com' }) },
        responses: {
          202: jsonResponse(CodeDeliverySchema, 'Sent if the address has an account'),
          ...errorResponses(400, 429),
        },
      }),
      async (c) => ok(c, await service.forgotPassword(c.req.valid('json')), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/sign-in-link',
        operationId: 'requestSignInLink',
        tags,
        summary: 'Mail a one-time sign-in link (the way in while wrong passwords lock the address)',
        description:
          'The link opens `FRONTEND_URL/auth/sign-in-link#code=…`; exchange the code at POST /auth/token within ' +
          'an hour. It works once, whether or not the address is locked, and asks for TOTP when it is on. ' +
          'The answer is the same for every address; one without a confirmed account gets a notice instead.',
        security: [],
        middleware: [signupLimit],
        request: { body: jsonBody(EmailBody, { email: 'ada@example.com' }) },
        responses: {
          202: jsonResponse(CodeDeliverySchema, 'Sent if the address has a confirmed account'),
          ...errorResponses(400, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.requestSignInLink(c.req.valid('json')), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/reset-password',
        operationId: 'resetPassword',
        tags,
        security: [],
        summary: 'Set a new password with the mailed code; every session ends',
        request: {
          body: jsonBody(ResetPasswordBody, {
            email: 'ada@example.com',
            code: '493027',
            newPassword: EXAMPLE_NEW_PASSWORD,
          }),
        },
        responses: { 200: jsonResponse(MessageSchema, 'Password changed'), ...errorResponses(400, 429) },
      }),
      async (c) => {
        await service.resetPassword(c.req.valid('json'), requestMeta(c));
        return ok(c, { message: 'Password changed; sign in with the new one' });
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/change-password',
        operationId: 'changePassword',
        tags,
        summary: 'Change the password; other sessions end',
        security: bearerSecurity,
        middleware: [auth],
        request: {
          body: jsonBody(ChangePasswordBody, {
            currentPassword: EXAMPLE_PASSWORD,
            newPassword: EXAMPLE_NEW_PASSWORD,
          }),
        },
        responses: { 200: jsonResponse(MessageSchema, 'Password changed'), ...errorResponses(400, 401, 429) },
      }),
      async (c) => {
        await service.changePassword(c.get('principal'), c.req.valid('json'), requestMeta(c));
        return ok(c, { message: 'Password changed' });
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/totp/setup',
        operationId: 'startTotpSetup',
        tags,
        summary: 'Start TOTP setup: a secret and an otpauth:// URI',
        security: bearerSecurity,
        middleware: [auth],
        request: { body: jsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }) },
        responses: {
          200: jsonResponse(TotpSetupSchema, 'Scan the URI, then enable with a code'),
          ...errorResponses(400, 401, 409, 429),
        },
      }),
      async (c) => ok(c, await service.setupTotp(c.get('principal'), c.req.valid('json').currentPassword)),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/mfa/totp/enable',
        operationId: 'enableTotp',
        tags,
        summary: 'Turn TOTP on with a code from the app; returns recovery codes once',
        security: bearerSecurity,
        middleware: [auth],
        request: { body: jsonBody(TotpCodeBody, { code: '493027' }) },
        responses: {
          200: jsonResponse(RecoveryCodesSchema, 'TOTP is on'),
          ...errorResponses(400, 401, 409, 429),
        },
      }),
      async (c) =>
        ok(c, await service.enableTotp(c.get('principal'), c.req.valid('json').code, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/auth/mfa/totp',
        operationId: 'disableTotp',
        tags,
        summary: 'Turn TOTP off',
        security: bearerSecurity,
        middleware: [auth],
        request: { body: jsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }) },
        responses: { 200: jsonResponse(MessageSchema, 'TOTP is off'), ...errorResponses(400, 401, 409, 429) },
      }),
      async (c) => {
        await service.disableTotp(c.get('principal'), c.req.valid('json').currentPassword, requestMeta(c));
        return ok(c, { message: 'TOTP is off' });
      },
    );
}
