import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config, OAuthProviderSettings } from '../config.js';
import { OAUTH_PROVIDERS, type OAuthProviderName, PROVIDER_DEFINITIONS } from '../oauth/providers.js';

/**
 * A development stand-in for every OAuth provider: a real OpenID provider (`oidc-provider`) on
 * loopback, so "Continue with Google" and "Connect Spotify" work on a laptop with no accounts anywhere.
 * Its pages say plainly that it is not the real provider; anyone may sign in as any address. Nothing is
 * persisted: keys, sessions and accounts live in memory and vanish when the server stops. It issues
 * refresh tokens (rotated on every use, like SoundCloud's single-use ones) so platform refresh works.
 * `npm start` runs it in the dev stage (AMPLY_DEV_OIDC); tests start it in-process the same way.
 */

export interface DevOidcProvider {
  /** The issuer URL, `http://127.0.0.1:<port>`. */
  issuer: string;
  /** The client id registered for a provider (`dev-google`, …); its secret is `clientSecret(name)`. */
  clientId(provider: OAuthProviderName): string;
  clientSecret(provider: OAuthProviderName): string;
  /** Settings that make `provider` use this stand-in (client id, secret, issuer, scopes). */
  settingsFor(provider: OAuthProviderName): OAuthProviderSettings;
  close(): Promise<void>;
}

export interface DevOidcProviderOptions {
  /** Amply's public base URL: the redirect URIs registered are `<publicUrl>/auth/<p>/callback` and `<publicUrl>/platforms/<p>/callback`. */
  publicUrl: string;
  /** 0 picks a free port. */
  port?: number;
  /** Access token lifetime in seconds (tests shorten it to exercise refresh). */
  accessTokenTtl?: number;
}

interface DevAccount {
  email: string;
  name: string;
  emailVerified: boolean;
}

const SSO_SCOPES = ['openid', 'email', 'profile'];
const PLATFORM_SCOPES = ['openid', 'email', 'profile', 'offline_access'];

export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const [{ default: Provider }, { generateKeyPair, exportJWK }, { createServer }] = await Promise.all([
    import('oidc-provider'),
    import('jose'),
    import('node:http'),
  ]);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'dev-1', alg: 'RS256', use: 'sig' };
  const secrets = new Map(OAUTH_PROVIDERS.map((name) => [name, randomBytes(24).toString('base64url')]));
  const accounts = new Map<string, DevAccount>();

  // Listen first: the issuer contains the port.
  const server: Server = createServer((request, response) => handler(request, response));
  let handler: (request: IncomingMessage, response: import('node:http').ServerResponse) => void = (
    _q,
    response,
  ) => {
    response.statusCode = 503;
    response.end();
  };
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: OAUTH_PROVIDERS.map((name) => ({
      client_id: `dev-${name}`,
      client_secret: secrets.get(name) as string,
      client_name: PROVIDER_DEFINITIONS[name].displayName,
      redirect_uris: [
        `${options.publicUrl}/auth/${name}/callback`,
        `${options.publicUrl}/platforms/${name}/callback`,
      ],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: PROVIDER_DEFINITIONS[name].tokenAuth,
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the asked-for claims into the ID token as Google does, instead of only at userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      // Their default pages load a web font from the internet; ours load nothing.
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      revocation: { enabled: true },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Error (development stand-in)',
        `<h1>The sign-in failed</h1><p><code>${escapeHtml(String(out.error))}</code> ${escapeHtml(String(out.error_description ?? ''))}</p>`,
      );
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
  });

  // The sign-in and consent pages: plain HTML, nothing loaded from anywhere else.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/confirm|\/abort)?$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const clientName = String(details.params.client_id ?? '').replace(/^dev-/, '');
    const providerName = PROVIDER_DEFINITIONS[clientName as OAuthProviderName]?.displayName ?? 'a provider';
    ctx.set('cache-control', 'no-store');
    if (ctx.method === 'GET' && !match[2]) {
      ctx.type = 'html';
      ctx.body =
        details.prompt.name === 'login'
          ? loginPage(details.uid, providerName)
          : consentPage(details.uid, providerName, details.params.scope);
      return;
    }
    if (ctx.method !== 'POST') return next();
    const form = new URLSearchParams(await readBody(ctx.req));
    let result: Record<string, unknown>;
    if (match[2] === '/abort') {
      result = { error: 'access_denied', error_description: 'The user refused' };
    } else if (match[2] === '/login') {
      const email = (form.get('email') ?? '').trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
        ctx.status = 400;
        ctx.type = 'html';
        ctx.body = loginPage(details.uid, providerName, 'Enter an email address.');
        return;
      }
      const accountId = `dev-${createHash('sha256').update(email).digest('hex').slice(0, 24)}`;
      accounts.set(accountId, {
        email,
        name: (form.get('name') ?? '').trim().slice(0, 100) || email.split('@')[0] || email,
        emailVerified: form.get('email_verified') === 'on',
      });
      result = { login: { accountId } };
    } else {
      const { session, prompt, params } = details;
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({
            accountId: session?.accountId as string,
            clientId: params.client_id as string,
          });
      if (!grant) throw new Error('the grant of this interaction is gone');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  });

  const callback = provider.callback();
  handler = (request, response) => {
    callback(request, response);
  };

  return {
    issuer,
    clientId: (name) => `dev-${name}`,
    clientSecret: (name) => secrets.get(name) as string,
    settingsFor: (name) => ({
      clientId: `dev-${name}`,
      clientSecret: secrets.get(name),
      issuer,
      scopes: SSO_SCOPES,
      platformScopes: PLATFORM_SCOPES,
    }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * The configuration with the stand-in registered for every provider that has no client id of its own.
 * Configured providers are left alone. Returns the names it stood in for.
 */
export function withDevProvider(
  config: Config,
  dev: DevOidcProvider,
): { config: Config; standIns: OAuthProviderName[] } {
  const providers = { ...config.oauth.providers };
  const standIns: OAuthProviderName[] = [];
  for (const name of OAUTH_PROVIDERS) {
    if (providers[name].clientId) continue;
    providers[name] = dev.settingsFor(name);
    standIns.push(name);
  }
  return { config: { ...config, oauth: { ...config.oauth, providers } }, standIns };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.banner{background:#fff3cd;border:2px solid #b58105;padding:.75rem;border-radius:.4rem}
label{display:block;margin:.75rem 0}input[type=email],input[type=text]{width:100%;padding:.4rem}
button{padding:.5rem 1rem;margin-right:.5rem}</style></head>
<body><p class="banner" role="alert"><strong>Development stand-in.</strong> This is not the real provider:
it is Amply's local OpenID provider for development. Any address works; no password is asked and nothing leaves this machine.</p>
${body}</body></html>`;
}

function loginPage(uid: string, providerName: string, problem?: string): string {
  return page(
    `Sign in — ${providerName} (development stand-in)`,
    `<h1>Sign in as if with ${escapeHtml(providerName)}</h1>
${problem ? `<p role="status">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Email <input type="email" name="email" required autofocus></label>
<label>Name <input type="text" name="name"></label>
<label><input type="checkbox" name="email_verified" checked> The provider says this address is verified</label>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

function consentPage(uid: string, providerName: string, scope: unknown): string {
  return page(
    `Allow access — ${providerName} (development stand-in)`,
    `<h1>Allow Amply access as if with ${escapeHtml(providerName)}?</h1>
<p>Scopes asked for: <code>${escapeHtml(String(scope ?? ''))}</code></p>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Deny</button></form>`,
  );
}
