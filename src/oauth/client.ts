import type {
  Configuration,
  CustomFetch,
  TokenEndpointResponse,
  TokenEndpointResponseHelpers,
} from 'openid-client';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { lazy } from '../lazy.js';
import { CallbackError, InvalidGrantError, ProviderNotConfiguredError, UpstreamError } from './errors.js';
// Types only: the store (and ElectroDB with the AWS SDK) loads when a flow first needs it (decision 6).
import type {
  AuthorizationPurpose,
  PendingAuthorization,
  PendingAuthorizations,
} from './pending-authorizations.js';
import {
  OAUTH_PROVIDERS,
  type OAuthProviderName,
  type ResolvedProvider,
  resolveProvider,
} from './providers.js';

/** Tokens a provider issued, as the rest of Amply sees them. Secrets: never log or return them. */
export interface ProviderTokens {
  accessToken: string;
  /** Absent when the provider issued none; after a refresh, absent means "keep the one you have". */
  refreshToken: string | undefined;
  /** Seconds the access token lives, as the provider said. */
  expiresIn: number | undefined;
  /** `expiresIn` as a time on Amply's clock (ms since the epoch). */
  expiresAt: number | undefined;
  /** Scopes granted, space-separated, when the provider said. */
  scope: string | undefined;
}

/** Who the user is at the provider. `subject` is the provider's stable user id (OIDC `sub`, GitHub's numeric id, …). */
export interface ProviderIdentity {
  subject: string;
  email: string | undefined;
  /** True only when the provider asserts the address is verified. */
  emailVerified: boolean;
  name: string | undefined;
}

export interface StartAuthorization {
  purpose: AuthorizationPurpose;
  /** The signed-in user (for `link` and `platform`). */
  userId?: string;
  /** Where the browser goes afterwards; check it against the allowlist before passing it. */
  returnTo?: string;
}

export interface CompletedAuthorization {
  /** What `start` stored, now spent. */
  authorization: PendingAuthorization;
  tokens: ProviderTokens;
  identity: ProviderIdentity;
}

/**
 * The one OAuth/OpenID client, built on openid-client: every provider of the registry through the same
 * calls. Upstream calls time out after `AMPLY_OAUTH_TIMEOUT_SECONDS`.
 *
 * Errors: `ProviderNotConfiguredError` (503) for a provider without a client id; `CallbackError` (400,
 * with a redirect-safe `reason`) when a callback fails a check; `InvalidGrantError` when the provider
 * answers `invalid_grant`; `UpstreamError` (502) for timeouts, network errors, 5xx and malformed answers.
 */
export interface OAuthClient {
  /** The provider with configuration applied, or `undefined` when it has no client id. */
  provider(name: OAuthProviderName): ResolvedProvider | undefined;
  /** Like `provider`, but throws `ProviderNotConfiguredError`. */
  requireProvider(name: OAuthProviderName): ResolvedProvider;
  /**
   * Starts an authorization-code flow: makes `state`, a PKCE S256 verifier (unless the provider cannot
   * do PKCE) and, for OpenID providers, a `nonce`; stores them server-side for 10 minutes; returns the
   * URL to send the browser to.
   */
  start(name: OAuthProviderName, options: StartAuthorization): Promise<{ authUrl: string; state: string }>;
  /**
   * Completes a flow from the callback's query: consumes the stored state (single use; unknown, spent,
   * expired, or started for another provider or another purpose than `accepted` → `CallbackError`),
   * checks the response (`iss` where sent — RFC 9207 mix-up defence —, `error=` callbacks), exchanges
   * the code with the PKCE verifier, validates the ID token (signature, `iss`, `aud`, `nonce`) and reads
   * the user's identity.
   */
  complete(
    name: OAuthProviderName,
    callbackQuery: URLSearchParams,
    accepted: readonly AuthorizationPurpose[],
  ): Promise<CompletedAuthorization>;
  /** Refreshes an access token. `invalid_grant` → `InvalidGrantError`; anything else that fails → `UpstreamError`. */
  refresh(name: OAuthProviderName, refreshToken: string): Promise<ProviderTokens>;
  /** Revokes a token upstream (RFC 7009). `false` when the provider has no revocation endpoint. */
  revoke(name: OAuthProviderName, token: string, hint: 'access_token' | 'refresh_token'): Promise<boolean>;
}

export interface OAuthClientDeps {
  config: Config;
  clock: Clock;
  pending: () => Promise<PendingAuthorizations>;
  /** The HTTP client for every provider call; the platform's `fetch` unless a test routes calls elsewhere. */
  fetch?: CustomFetch;
}

type OpenIdClient = typeof import('openid-client');
const openIdClient = lazy(() => import('openid-client'));

/** How long a started authorization may take before its callback is refused. */
const PENDING_AUTHORIZATION_TTL_MS = 10 * 60 * 1000;

/** Builds the client. Provider metadata is discovered (OIDC) on first use and kept; a failed discovery is retried next time. */
export function createOAuthClient({ config, clock, pending, fetch }: OAuthClientDeps): OAuthClient {
  const providers = new Map<OAuthProviderName, ResolvedProvider>();
  for (const name of OAUTH_PROVIDERS) {
    const resolved = resolveProvider(name, config.oauth.providers[name]);
    if (resolved) providers.set(name, resolved);
  }
  const configurations = new Map<OAuthProviderName, () => Promise<Configuration>>();
  for (const [name, provider] of providers) {
    configurations.set(
      name,
      lazy(() => buildConfiguration(provider, config, fetch)),
    );
  }

  function requireProvider(name: OAuthProviderName): ResolvedProvider {
    const provider = providers.get(name);
    if (!provider) throw new ProviderNotConfiguredError(name);
    return provider;
  }

  async function configurationOf(
    name: OAuthProviderName,
  ): Promise<{ client: OpenIdClient; configuration: Configuration }> {
    const configuration = configurations.get(name);
    if (!configuration) throw new ProviderNotConfiguredError(name);
    const [client, built] = await Promise.all([
      openIdClient(),
      configuration().catch((error: unknown) => {
        throw upstreamOrRethrow(name, error);
      }),
    ]);
    return { client, configuration: built };
  }

  /** Where the provider sends the browser back: `/platforms/<name>/callback` for platforms, `/auth/<name>/callback` otherwise. */
  const redirectUri = (name: OAuthProviderName, purpose: AuthorizationPurpose) =>
    `${config.publicUrl}/${purpose === 'platform' ? 'platforms' : 'auth'}/${name}/callback`;

  function toTokens(response: TokenEndpointResponse): ProviderTokens {
    const expiresIn = typeof response.expires_in === 'number' ? response.expires_in : undefined;
    return {
      accessToken: response.access_token,
      refreshToken: typeof response.refresh_token === 'string' ? response.refresh_token : undefined,
      expiresIn,
      expiresAt: expiresIn === undefined ? undefined : clock.now() + expiresIn * 1000,
      scope: typeof response.scope === 'string' ? response.scope : undefined,
    };
  }

  /** Reads who the access token belongs to (ID token claims when given, else the user API / userinfo). */
  async function fetchIdentity(
    provider: ResolvedProvider,
    { client, configuration }: { client: OpenIdClient; configuration: Configuration },
    accessToken: string,
    idTokenClaims: Record<string, unknown> | undefined,
  ): Promise<ProviderIdentity> {
    const { name } = provider;
    try {
      const source = provider.identity;
      if (source.from === 'id_token') {
        let claims: Record<string, unknown> = idTokenClaims ?? {};
        const subject = typeof claims.sub === 'string' ? claims.sub : client.skipSubjectCheck;
        if (claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
          claims = { ...claims, ...(await client.fetchUserInfo(configuration, accessToken, subject)) };
        }
        if (typeof claims.sub !== 'string') throw new UpstreamError(name);
        return {
          subject: claims.sub,
          email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined,
          emailVerified: claims[source.emailVerifiedClaim] === true,
          name: typeof claims.name === 'string' ? claims.name : undefined,
        };
      }
      const user = await getJson(client, configuration, accessToken, source.url, name);
      const id = user[source.idField];
      if ((typeof id !== 'string' && typeof id !== 'number') || String(id).length === 0)
        throw new UpstreamError(name);
      const rawName = user[source.nameField];
      let email: string | undefined;
      let emailVerified = false;
      if (source.emailsUrl) {
        const emails = await getJson(client, configuration, accessToken, source.emailsUrl, name);
        const primary = Array.isArray(emails)
          ? (emails as Array<Record<string, unknown>>).find((entry) => entry.primary === true)
          : undefined;
        if (primary && typeof primary.email === 'string') {
          email = primary.email.toLowerCase();
          emailVerified = primary.verified === true;
        }
      } else if (source.emailField && typeof user[source.emailField] === 'string') {
        email = (user[source.emailField] as string).toLowerCase();
      }
      return {
        subject: String(id),
        email,
        emailVerified,
        name: typeof rawName === 'string' ? rawName : undefined,
      };
    } catch (error) {
      throw upstreamOrRethrow(name, error);
    }
  }

  return {
    provider: (name) => providers.get(name),
    requireProvider,

    async start(name, options) {
      const provider = requireProvider(name);
      const { client, configuration } = await configurationOf(name);
      const state = client.randomState();
      const codeVerifier = client.randomPKCECodeVerifier();
      const nonce = provider.kind === 'oidc' ? client.randomNonce() : undefined;
      const scopes = options.purpose === 'platform' ? provider.platformScopes : provider.ssoScopes;
      const parameters: Record<string, string> = {
        response_type: 'code',
        redirect_uri: redirectUri(name, options.purpose),
        state,
        ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
        ...(nonce ? { nonce } : {}),
        ...(options.purpose === 'platform' ? provider.platformAuthorizationParams : {}),
        ...(options.purpose !== 'sso-login' ? provider.consentParams : {}),
      };
      if (provider.pkce !== 'unsupported') {
        parameters.code_challenge = await client.calculatePKCECodeChallenge(codeVerifier);
        parameters.code_challenge_method = 'S256';
      }
      const now = clock.now();
      await (await pending()).save(state, {
        provider: name,
        purpose: options.purpose,
        userId: options.userId,
        codeVerifier,
        nonce,
        returnTo: options.returnTo,
        createdAt: now,
        expiresAt: now + PENDING_AUTHORIZATION_TTL_MS,
      });
      return { authUrl: client.buildAuthorizationUrl(configuration, parameters).href, state };
    },

    async complete(name, callbackQuery, accepted) {
      const provider = requireProvider(name);
      const state = callbackQuery.get('state');
      if (!state) throw new CallbackError('state_invalid', 'The callback carries no state');
      const consumed = await (await pending()).consume(state, clock.now());
      if (consumed.status === 'unknown') {
        throw new CallbackError('state_invalid', 'The state is unknown or was already used; start again');
      }
      if (consumed.status === 'expired') {
        throw new CallbackError('state_expired', 'The sign-in took longer than 10 minutes; start again');
      }
      const { authorization } = consumed;
      if (authorization.provider !== name || !accepted.includes(authorization.purpose)) {
        throw new CallbackError('state_invalid', 'The state was issued for another flow; start again');
      }
      const configured = await configurationOf(name);
      const { client, configuration } = configured;
      const currentUrl = new URL(redirectUri(name, authorization.purpose));
      currentUrl.search = callbackQuery.toString();
      let response: TokenEndpointResponse & TokenEndpointResponseHelpers;
      try {
        response = await client.authorizationCodeGrant(configuration, currentUrl, {
          expectedState: state,
          ...(provider.pkce !== 'unsupported' ? { pkceCodeVerifier: authorization.codeVerifier } : {}),
          ...(provider.kind === 'oidc'
            ? { expectedNonce: authorization.nonce as string, idTokenExpected: true }
            : {}),
        });
      } catch (error) {
        throw callbackFailure(client, name, error);
      }
      const tokens = toTokens(response);
      const identity = await fetchIdentity(
        provider,
        configured,
        tokens.accessToken,
        response.claims() as Record<string, unknown> | undefined,
      );
      return { authorization, tokens, identity };
    },

    async refresh(name, refreshToken) {
      const { client, configuration } = await configurationOf(name);
      try {
        return toTokens(await client.refreshTokenGrant(configuration, refreshToken));
      } catch (error) {
        if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
          throw new InvalidGrantError(name);
        }
        throw upstreamOrRethrow(name, error);
      }
    },

    async revoke(name, token, hint) {
      const { client, configuration } = await configurationOf(name);
      if (!configuration.serverMetadata().revocation_endpoint) return false;
      try {
        await client.tokenRevocation(configuration, token, { token_type_hint: hint });
        return true;
      } catch (error) {
        throw upstreamOrRethrow(name, error);
      }
    },
  };
}

/** openid-client's configuration for one provider: discovered (OIDC) or built from the registry's endpoints. */
async function buildConfiguration(
  provider: ResolvedProvider,
  config: Config,
  fetch: CustomFetch | undefined,
): Promise<Configuration> {
  const client = await openIdClient();
  const urls = [
    provider.issuer,
    provider.authorizationUrl,
    provider.tokenUrl,
    provider.userInfoUrl,
    provider.revocationUrl,
  ].filter((value): value is string => value !== undefined);
  // Plain http only where configuration allowed it: a loopback provider outside prod (see config.ts).
  const insecure = config.oauth.allowInsecureLoopback && urls.some((value) => value.startsWith('http:'));
  const execute = insecure ? [client.allowInsecureRequests] : [];
  const auth = !provider.clientSecret
    ? client.None()
    : provider.tokenAuth === 'client_secret_basic'
      ? client.ClientSecretBasic(provider.clientSecret)
      : client.ClientSecretPost(provider.clientSecret);
  const timeout = config.oauth.timeoutSeconds;
  const overrides = {
    ...(provider.authorizationUrl ? { authorization_endpoint: provider.authorizationUrl } : {}),
    ...(provider.tokenUrl ? { token_endpoint: provider.tokenUrl } : {}),
    ...(provider.userInfoUrl ? { userinfo_endpoint: provider.userInfoUrl } : {}),
    ...(provider.revocationUrl ? { revocation_endpoint: provider.revocationUrl } : {}),
  };
  let configuration: Configuration;
  if (provider.kind === 'oidc' && provider.issuer) {
    configuration = await client.discovery(new URL(provider.issuer), provider.clientId, undefined, auth, {
      execute,
      timeout,
      ...(fetch ? { [client.customFetch]: fetch } : {}),
    });
    if (Object.keys(overrides).length > 0) {
      // A new Configuration loses openid-client's Entra ID issuer template (decision 11): with an endpoint
      // overridden, Microsoft's tenant-templated `iss` no longer matches and sign-ins fail closed.
      const { supportsPKCE: _helper, ...discovered } = configuration.serverMetadata();
      configuration = new client.Configuration(
        { ...discovered, ...overrides },
        provider.clientId,
        undefined,
        auth,
      );
      for (const step of execute) step(configuration);
    }
  } else {
    if (!provider.authorizationUrl || !provider.tokenUrl) {
      throw new Error(`${provider.name}: an OAuth 2.0 provider needs an authorization and a token URL`);
    }
    // Plain OAuth 2.0 providers publish no metadata; their "issuer" is nominal. They send no `iss`
    // in callbacks, so there is nothing to compare it with (see docs/decisions/0011).
    configuration = new client.Configuration(
      { issuer: new URL(provider.authorizationUrl).origin, ...overrides },
      provider.clientId,
      undefined,
      auth,
    );
    for (const step of execute) step(configuration);
  }
  configuration.timeout = timeout;
  if (fetch) configuration[client.customFetch] = fetch;
  return configuration;
}

async function getJson(
  client: OpenIdClient,
  configuration: Configuration,
  accessToken: string,
  url: string,
  name: string,
): Promise<Record<string, unknown>> {
  const headers = new Headers({ accept: 'application/json' });
  const response = await client.fetchProtectedResource(
    configuration,
    accessToken,
    new URL(url),
    'GET',
    undefined,
    headers,
  );
  if (!response.ok) throw new UpstreamError(name);
  return (await response.json()) as Record<string, unknown>;
}

/** Maps what openid-client threw during a callback to the reason it failed. */
function callbackFailure(client: OpenIdClient, name: string, error: unknown): Error {
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? new CallbackError('access_denied', `${name} did not grant access`, error)
      : new CallbackError('provider_error', `${name} refused the authorization request`, error);
  }
  if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
    return new CallbackError('response_invalid', `${name} did not accept the authorization code`, error);
  }
  const code = (error as { code?: unknown }).code;
  if (error instanceof client.ClientError && typeof code === 'string' && !UPSTREAM_CODES.has(code)) {
    return new CallbackError('response_invalid', `${name}'s answer failed a security check`, error);
  }
  return upstreamOrRethrow(name, error);
}

/** openid-client codes that mean "the provider is down or answered nonsense", not "the response is forged". */
const UPSTREAM_CODES = new Set([
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_PARSE_ERROR',
]);

/** Our own errors pass through; everything else from a provider call becomes `UpstreamError`. */
function upstreamOrRethrow(name: string, error: unknown): Error {
  if (
    error instanceof UpstreamError ||
    error instanceof InvalidGrantError ||
    error instanceof CallbackError
  ) {
    return error;
  }
  if (error instanceof ProviderNotConfiguredError) return error;
  return new UpstreamError(name, error);
}
