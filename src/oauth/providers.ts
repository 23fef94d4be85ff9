import type { OAuthProviderSettings } from '../config.js';

/**
 * The one registry of OAuth providers Amply talks to, as data. Sign-in (SSO) and platform connections
 * both read it; adding a provider is adding an entry here (and its name to `OAUTH_PROVIDERS`, and to
 * `SSO_PROVIDERS` and/or `PLATFORMS`, which say what it is used for).
 * Every value can be replaced by configuration (`AMPLY_OAUTH_<PROVIDER>_…`, see `src/config.ts`), so a
 * local OpenID provider can stand in for any of them; `resolveProvider` merges the two.
 */

export const OAUTH_PROVIDERS = ['google', 'microsoft', 'github', 'spotify', 'soundcloud', 'youtube'] as const;
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number];

/** Providers a user can sign in with (README, "SSO"). */
export const SSO_PROVIDERS = [
  'google',
  'microsoft',
  'github',
  'spotify',
] as const satisfies readonly OAuthProviderName[];
export type SsoProviderName = (typeof SSO_PROVIDERS)[number];

/** Streaming platforms a signed-in user can connect (README, "Platform connections"). */
export const PLATFORMS = ['spotify', 'soundcloud', 'youtube'] as const satisfies readonly OAuthProviderName[];
export type PlatformName = (typeof PLATFORMS)[number];

/**
 * How the user's identity is read after the code exchange.
 * - `id_token`: the validated ID token's claims (`sub`, `email`, `name`), completed from the OIDC
 *   userinfo endpoint when the token carries no email. `emailVerifiedClaim` names the claim that says
 *   the address is verified (`email_verified` unless the provider uses another).
 * - `user_api`: a JSON user API called with the access token; the fields name where id, email and name
 *   are. `emailsUrl` is a GitHub-shaped list (`[{email, primary, verified}]`); the primary entry gives
 *   the email and whether it is verified. Without `emailsUrl` an email from the user API counts as
 *   unverified (Spotify's `/v1/me` says nothing about verification).
 */
export type IdentitySource =
  | { from: 'id_token'; emailVerifiedClaim: string }
  | {
      from: 'user_api';
      url: string;
      idField: string;
      emailField?: string;
      nameField: string;
      emailsUrl?: string;
    };

/** One provider's defaults. URLs are the provider's real production endpoints. */
export interface ProviderDefinition {
  name: OAuthProviderName;
  displayName: string;
  /**
   * `oidc`: endpoints come from discovery at `issuer`, the ID token is validated (signature, `iss`,
   * `aud`, `nonce`). `oauth2`: plain OAuth 2.0 with the explicit endpoints below.
   */
  kind: 'oidc' | 'oauth2';
  issuer?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  /** RFC 7009 token revocation, where the provider has one. */
  revocationUrl?: string;
  /** Scopes asked for at sign-in. */
  ssoScopes: string[];
  /** Scopes asked for when connecting the platform. */
  platformScopes: string[];
  /** PKCE S256: `required` providers refuse a flow without it; `supported` ones get it anyway. */
  pkce: 'required' | 'supported' | 'unsupported';
  /** How the client secret is sent to the token endpoint. */
  tokenAuth: 'client_secret_basic' | 'client_secret_post';
  /** Extra authorization request parameters for platform connections (e.g. Google's offline access). */
  platformAuthorizationParams: Record<string, string>;
  /**
   * Parameters that make the provider show its consent page even to a user who authorized Amply before,
   * sent for the flows bound to a signed-in user (link, platform): without them a browser lured to
   * someone else's authorization URL finishes that flow unseen (docs/decisions/0015). Empty where the
   * provider has no such parameter.
   */
  consentParams: Record<string, string>;
  identity: IdentitySource;
}

const OIDC_SCOPES = ['openid', 'email', 'profile'];
const GOOGLE_OFFLINE = { access_type: 'offline', prompt: 'consent' };
const SPOTIFY_SCOPES = [
  'user-read-email',
  'user-read-private',
  'streaming',
  'user-modify-playback-state',
  'user-read-playback-state',
];

export const PROVIDER_DEFINITIONS: Record<OAuthProviderName, ProviderDefinition> = {
  google: {
    name: 'google',
    displayName: 'Google',
    kind: 'oidc',
    issuer: 'https://accounts.google.com',
    ssoScopes: ['openid', 'email', 'profile'],
    platformScopes: [],
    pkce: 'supported',
    tokenAuth: 'client_secret_post',
    platformAuthorizationParams: {},
    consentParams: { prompt: 'consent' },
    identity: { from: 'id_token', emailVerifiedClaim: 'email_verified' },
  },
  microsoft: {
    name: 'microsoft',
    displayName: 'Microsoft',
    kind: 'oidc',
    // The `common` tenant: its metadata names the issuer `https://login.microsoftonline.com/{tenantid}/v2.0`.
    // openid-client recognises this host and checks each ID token's `iss` against that template filled
    // with the token's own `tid` claim — so any tenant's users are accepted (that is what `common` means),
    // but a token whose `iss` and `tid` disagree is refused. See docs/decisions/0011.
    issuer: 'https://login.microsoftonline.com/common/v2.0',
    ssoScopes: ['openid', 'email', 'profile'],
    platformScopes: [],
    pkce: 'supported',
    tokenAuth: 'client_secret_post',
    platformAuthorizationParams: {},
    consentParams: { prompt: 'consent' },
    // Entra ID's `email` claim is not verified by default (the "nOAuth" problem); `xms_edov` (an optional
    // claim the app registration must request) says the domain owner verified it. Without it the email is
    // treated as unverified, so a Microsoft login never links to an existing account by email alone.
    identity: { from: 'id_token', emailVerifiedClaim: 'xms_edov' },
  },
  github: {
    name: 'github',
    displayName: 'GitHub',
    kind: 'oauth2',
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    ssoScopes: ['read:user', 'user:email'],
    platformScopes: [],
    pkce: 'supported',
    tokenAuth: 'client_secret_post',
    platformAuthorizationParams: {},
    consentParams: {},
    identity: {
      from: 'user_api',
      url: 'https://api.github.com/user',
      idField: 'id',
      nameField: 'name',
      emailsUrl: 'https://api.github.com/user/emails',
    },
  },
  spotify: {
    name: 'spotify',
    displayName: 'Spotify',
    kind: 'oauth2',
    authorizationUrl: 'https://accounts.spotify.com/authorize',
    tokenUrl: 'https://accounts.spotify.com/api/token',
    // A Spotify sign-in also creates the Spotify connection (MultiMusic v1), so it asks for the same scopes.
    ssoScopes: SPOTIFY_SCOPES,
    platformScopes: SPOTIFY_SCOPES,
    pkce: 'supported',
    tokenAuth: 'client_secret_basic',
    platformAuthorizationParams: {},
    consentParams: { show_dialog: 'true' },
    identity: {
      from: 'user_api',
      url: 'https://api.spotify.com/v1/me',
      idField: 'id',
      emailField: 'email',
      nameField: 'display_name',
    },
  },
  soundcloud: {
    name: 'soundcloud',
    displayName: 'SoundCloud',
    kind: 'oauth2',
    authorizationUrl: 'https://secure.soundcloud.com/authorize',
    tokenUrl: 'https://secure.soundcloud.com/oauth/token',
    ssoScopes: [],
    platformScopes: [],
    pkce: 'required',
    tokenAuth: 'client_secret_post',
    platformAuthorizationParams: {},
    consentParams: {},
    identity: {
      from: 'user_api',
      url: 'https://api.soundcloud.com/me',
      idField: 'id',
      nameField: 'username',
    },
  },
  youtube: {
    name: 'youtube',
    displayName: 'YouTube',
    kind: 'oidc',
    issuer: 'https://accounts.google.com',
    ssoScopes: [],
    platformScopes: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/youtube.readonly'],
    pkce: 'supported',
    tokenAuth: 'client_secret_post',
    // Google issues a refresh token only with offline access, and only at a consent prompt.
    platformAuthorizationParams: GOOGLE_OFFLINE,
    consentParams: { prompt: 'consent' },
    identity: { from: 'id_token', emailVerifiedClaim: 'email_verified' },
  },
};

/** A provider as Amply uses it: the registry's defaults with configuration applied. */
export interface ResolvedProvider extends ProviderDefinition {
  clientId: string;
  clientSecret: string | undefined;
  userInfoUrl: string | undefined;
}

/**
 * Applies configuration to a provider's defaults; `undefined` when the provider has no client id (not
 * configured). An `issuer` from configuration makes the provider an OpenID one read from its ID token
 * (that is how a local OpenID provider stands in for GitHub, Spotify or SoundCloud); explicit URLs
 * replace the defaults (or, for OpenID providers, what discovery found).
 */
export function resolveProvider(
  name: OAuthProviderName,
  settings: OAuthProviderSettings,
): ResolvedProvider | undefined {
  if (!settings.clientId) return undefined;
  const base = PROVIDER_DEFINITIONS[name];
  const becomesOidc = settings.issuer !== undefined && base.kind === 'oauth2';
  const identity: IdentitySource = becomesOidc
    ? { from: 'id_token', emailVerifiedClaim: 'email_verified' }
    : base.identity.from === 'user_api' && settings.userInfoUrl
      ? { ...base.identity, url: settings.userInfoUrl }
      : base.identity;
  const resolved: ResolvedProvider = {
    ...base,
    kind: settings.issuer !== undefined ? 'oidc' : base.kind,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    userInfoUrl: base.kind === 'oidc' || becomesOidc ? settings.userInfoUrl : undefined,
    identity,
    // A platform's own scopes mean nothing to an OpenID provider standing in for it.
    ssoScopes: settings.scopes ?? (becomesOidc ? OIDC_SCOPES : base.ssoScopes),
    platformScopes: settings.platformScopes ?? (becomesOidc ? OIDC_SCOPES : base.platformScopes),
  };
  const issuer = settings.issuer ?? base.issuer;
  const authorizationUrl = settings.authorizationUrl ?? (becomesOidc ? undefined : base.authorizationUrl);
  const tokenUrl = settings.tokenUrl ?? (becomesOidc ? undefined : base.tokenUrl);
  const revocationUrl = settings.revocationUrl ?? (becomesOidc ? undefined : base.revocationUrl);
  if (issuer !== undefined) resolved.issuer = issuer;
  else delete resolved.issuer;
  if (authorizationUrl !== undefined) resolved.authorizationUrl = authorizationUrl;
  else delete resolved.authorizationUrl;
  if (tokenUrl !== undefined) resolved.tokenUrl = tokenUrl;
  else delete resolved.tokenUrl;
  if (revocationUrl !== undefined) resolved.revocationUrl = revocationUrl;
  else delete resolved.revocationUrl;
  return resolved;
}
