import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, requireAuth } from '../../../http/auth.js';
import { requestMeta } from '../../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok, optionalJsonBody } from '../../../http/envelope.js';
import { rateLimit } from '../../../http/rate-limit.js';
import { createRouter } from '../../../http/router.js';
import {
  AuthorizationCallbackQuery,
  EXAMPLE_ONE_TIME_CODE,
  RedemptionCodeBody,
} from '../../../oauth/callback-query.js';
import { SSO_PROVIDERS } from '../../../oauth/providers.js';
import {
  CurrentPasswordBody,
  EXAMPLE_PASSWORD,
  type IdentityRouteDeps,
  Password,
} from '../requests.routes.js';
import { TokenSetSchema } from '../sessions/schemas.js';
import { MfaChallengeSchema } from '../sign-in/schemas.js';
import { AuthProviderPage } from './schemas.js';

const ProviderParam = z.object({
  provider: z.enum(SSO_PROVIDERS).openapi({ param: { name: 'provider', in: 'path' }, example: 'google' }),
});

const ReturnTo = z
  .string()
  .max(2048)
  .openapi({ description: 'Where the frontend goes afterwards; must be on AMPLY_RETURN_TO_ALLOWLIST' });

const SsoStartBody = z.object({ returnTo: ReturnTo.optional() }).strict().openapi('SsoStartRequest');
const LinkStartBody = z
  .object({
    returnTo: ReturnTo.optional(),
    currentPassword: Password.optional().openapi({
      description: 'Required unless the access token comes from a sign-in within the last few minutes',
    }),
  })
  .strict()
  .openapi('LinkStartRequest');

const AuthorizationStart = z
  .object({
    authUrl: z.string().openapi({ description: "Send the browser here (the provider's sign-in page)" }),
    state: z.string().openapi({ description: 'The flow id; kept server-side, single use, 10 minutes' }),
  })
  .openapi('AuthorizationStart');

const SignInCodeBody = z
  .object({
    code: z
      .string()
      .min(20)
      .max(100)
      .openapi({ description: 'The `code` from the redirect fragment or the sign-in link' }),
  })
  .strict()
  .openapi('SignInCodeRequest');

const tags = ['SSO'];

/** SSO sign-in (`/auth/{provider}/…`, `/auth/token`) and linking (`/user/auth-providers…`). */
export function ssoRoutes({ service, authenticator, limits }: IdentityRouteDeps) {
  const auth = requireAuth(authenticator);
  const startLimit = rateLimit(limits, 'ssoStart');
  const loginLimit = rateLimit(limits, 'login');

  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/{provider}/login',
        operationId: 'startSsoSignIn',
        tags,
        security: [],
        summary: 'Start signing in with a provider',
        description:
          'Answers the provider URL to send the browser to. State, PKCE verifier and nonce stay on the server.',
        middleware: [startLimit],
        request: {
          params: ProviderParam,
          body: optionalJsonBody(SsoStartBody, { returnTo: 'http://localhost:5173/dashboard' }),
        },
        responses: {
          200: jsonResponse(AuthorizationStart, 'Send the browser to authUrl'),
          ...errorResponses(400, 413, 415, 429, 502, 503),
        },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof SsoStartBody>;
        return ok(c, await service.startSsoLogin(c.req.valid('param').provider, body.returnTo));
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/{provider}/callback',
        operationId: 'handleSsoCallback',
        tags,
        security: [],
        summary: 'Where the provider sends the browser back',
        description:
          'Always redirects to `FRONTEND_URL/auth/callback`: `#code=<one-time code>` (exchange it at POST /auth/token ' +
          'within 60 s), `#link_code=<one-time code>&provider=<provider>` after a link (nothing is linked until the ' +
          'signed-in user sends it to POST /user/auth-providers/{provider}/complete within 60 s), or ' +
          '`#error=<reason>` (state_invalid, state_expired, ' +
          'access_denied, provider_error, response_invalid, account_link_required, identity_linked_elsewhere, provider_already_linked, ' +
          'email_required, upstream_error, provider_not_configured). A success also carries `state`: check it equals ' +
          'the state your POST /auth/{provider}/login returned (login CSRF). Tokens never appear in a URL.',
        request: { params: ProviderParam, query: AuthorizationCallbackQuery },
        responses: {
          302: { description: 'Redirect to the frontend' },
          ...errorResponses(400, 429),
        },
      }),
      async (c) => {
        const query = new URL(c.req.url).searchParams;
        const target = await service.completeCallback(c.req.valid('param').provider, query, requestMeta(c));
        c.header('Referrer-Policy', 'no-referrer');
        return c.redirect(target, 302);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/token',
        operationId: 'exchangeSignInCode',
        tags,
        security: [],
        summary: 'Exchange a one-time sign-in code for tokens',
        description:
          'The code from an SSO redirect (valid 60 s) or a mailed sign-in link (valid an hour); single use. ' +
          'Answers as POST /auth/login does (an MFA challenge when TOTP is on).',
        middleware: [loginLimit],
        request: { body: jsonBody(SignInCodeBody, { code: EXAMPLE_ONE_TIME_CODE }) },
        responses: {
          200: jsonResponse(TokenSetSchema.or(MfaChallengeSchema), 'Signed in, or a second factor is needed'),
          ...errorResponses(400, 403, 429),
        },
      }),
      async (c) => ok(c, await service.exchangeSignInCode(c.req.valid('json').code, requestMeta(c))),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/user/auth-providers',
        operationId: 'listAuthProviders',
        tags,
        summary: 'Sign-in providers: the linked ones and the ones that can be linked',
        security: bearerSecurity,
        middleware: [auth],
        responses: { 200: jsonResponse(AuthProviderPage, 'Providers'), ...errorResponses(401, 429) },
      }),
      async (c) => ok(c, { items: await service.listAuthProviders(c.get('principal')), nextCursor: null }),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/user/auth-providers/{provider}/link',
        operationId: 'startAuthProviderLink',
        tags,
        summary: 'Start linking another sign-in provider to this account',
        description:
          'Answers the provider URL. Its callback links nothing: it redirects with `#link_code=…&provider=<provider>`, ' +
          'and POST /user/auth-providers/{provider}/complete with that code links the provider.',
        security: bearerSecurity,
        middleware: [auth, startLimit],
        request: {
          params: ProviderParam,
          body: optionalJsonBody(LinkStartBody, { currentPassword: EXAMPLE_PASSWORD }),
        },
        responses: {
          200: jsonResponse(AuthorizationStart, 'Send the browser to authUrl'),
          ...errorResponses(400, 401, 413, 415, 429, 502, 503),
        },
      }),
      async (c) => {
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof LinkStartBody>;
        return ok(c, await service.startLink(c.get('principal'), c.req.valid('param').provider, body));
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/user/auth-providers/{provider}/complete',
        operationId: 'completeAuthProviderLink',
        tags,
        summary: "Link the provider with the link callback's one-time code",
        description:
          'Only the user who started the link can redeem its code (single use, 60 s). `OAUTH_STARTED_BY_ANOTHER_ACCOUNT` ' +
          "(403): another account started it — the browser that finished it was not the starter's; nothing is " +
          "linked for anyone. `AUTH_CODE_INVALID` (400): unknown, already used, or another provider's code. " +
          '`AUTH_CODE_EXPIRED` (400): start again. `AUTH_IDENTITY_LINKED_ELSEWHERE` / `AUTH_PROVIDER_ALREADY_LINKED` (409).',
        security: bearerSecurity,
        middleware: [auth],
        request: {
          params: ProviderParam,
          body: jsonBody(RedemptionCodeBody, { code: EXAMPLE_ONE_TIME_CODE }),
        },
        responses: {
          200: jsonResponse(z.object({ provider: z.enum(SSO_PROVIDERS), linked: z.literal(true) }), 'Linked'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const { provider } = c.req.valid('param');
        const { code } = c.req.valid('json');
        return ok(c, await service.completeLink(c.get('principal'), provider, code, requestMeta(c)));
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/user/auth-providers/{provider}',
        operationId: 'unlinkAuthProvider',
        tags,
        summary: 'Unlink a sign-in provider',
        description:
          'Refused (`AUTH_LAST_LOGIN_METHOD`) when it is the only way left to sign in. Needs `currentPassword` ' +
          'unless the access token comes from a sign-in within the last few minutes (`AUTH_RECENT_LOGIN_REQUIRED`).',
        security: bearerSecurity,
        middleware: [auth],
        request: {
          params: ProviderParam,
          body: optionalJsonBody(CurrentPasswordBody, { currentPassword: EXAMPLE_PASSWORD }),
        },
        responses: {
          200: jsonResponse(
            z.object({ provider: z.enum(SSO_PROVIDERS), linked: z.literal(false) }),
            'Unlinked',
          ),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const { provider } = c.req.valid('param');
        const body = (c.req.valid('json') ?? {}) as z.infer<typeof CurrentPasswordBody>;
        await service.unlink(c.get('principal'), provider, body.currentPassword, requestMeta(c));
        return ok(c, { provider, linked: false as const });
      },
    );
}
