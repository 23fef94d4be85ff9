import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/*
 * A small OAuth 2.0 authorization server on loopback, playing a platform that is not OpenID
 * (SoundCloud-like): authorization codes, PKCE (S256), single-use refresh tokens that rotate (or, switched,
 * refresh answers without one, as Google's), a user API (`/me`, also `/v1/me` as Spotify names it, with
 * an email so a Spotify sign-in works) and RFC 7009 revocation. Tests flip its switches to make it
 * refuse a grant, fail, or hang, and read its counters to see what Amply asked of it.
 */

export interface OAuth2Client {
  clientId: string;
  clientSecret: string;
  /** Refuse an authorization request without a S256 code challenge, as SoundCloud does. */
  requirePkce?: boolean;
}

/** How the token endpoint answers refresh grants: normally, `invalid_grant`, a 500, or never. */
export type RefreshMode = 'ok' | 'invalid_grant' | 'error' | 'hang';

interface Grant {
  clientId: string;
  userId: string;
  scope: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string | undefined;
}

export interface OAuth2Server {
  /** The server's base URL, `http://127.0.0.1:<port>`. */
  url: string;
  endpoints: { authorization: string; token: string; userInfo: string; revocation: string };
  /** The user the next authorization is granted for. */
  userId: string;
  /** Seconds each issued access token lives (`expires_in`). */
  accessTokenTtl: number;
  refreshMode: RefreshMode;
  /** Refresh tokens come with new grants (some platforms issue none). */
  issueRefreshTokens: boolean;
  /**
   * Refresh answers carry a new refresh token and spend the presented one (SoundCloud). Off: they carry
   * none, and the presented one stays valid (Google).
   */
  rotateRefreshTokens: boolean;
  /** Refresh tokens presented to the token endpoint, in order. */
  readonly presentedRefreshTokens: string[];
  /** The revocation endpoint answers 503 and revokes nothing. */
  failRevocation: boolean;
  /** The `error` the next authorization answers with instead of a code (e.g. `access_denied`), once. */
  denyNext: string | undefined;
  /** Calls to the token endpoint, by grant type. */
  readonly tokenCalls: { authorization_code: number; refresh_token: number };
  /** Every token (access or refresh) this server issued. */
  readonly issued: string[];
  /** Tokens revoked through the revocation endpoint. */
  readonly revoked: string[];
  /** Refresh tokens presented after they were spent. */
  readonly reusedRefreshTokens: string[];
  /**
   * Holds refresh responses until `release()`; resolves with no value once the first held refresh
   * request has arrived, so a test knows the upstream call is in progress.
   */
  holdRefreshes(): Promise<void>;
  release(): void;
  /** Follows an authorization URL as a browser would, returning the redirect back to the client. */
  authorize(authUrl: string): Promise<URL>;
  close(): Promise<void>;
}

function token(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** Client authentication: HTTP Basic (client_secret_basic) or form fields (client_secret_post). */
function clientCredentials(request: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    return { id, secret };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

export async function startOAuth2Server(clients: OAuth2Client[]): Promise<OAuth2Server> {
  const byId = new Map(clients.map((client) => [client.clientId, client]));
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, Grant>();
  const refreshTokens = new Map<string, Grant & { spent: boolean }>();
  const sockets = new Set<Socket>();
  let held: { arrived: () => void; waiting: Array<() => void>; arrival: Promise<void> } | undefined;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', state.url);
    try {
      if (request.method === 'GET' && url.pathname === '/authorize') return authorizeRequest(url, response);
      if (request.method === 'POST' && url.pathname === '/token')
        return await tokenRequest(request, response);
      if (request.method === 'GET' && url.pathname.endsWith('/me')) return userInfo(request, response);
      if (request.method === 'POST' && url.pathname === '/revoke') return await revoke(request, response);
      send(response, 404, { error: 'not_found' });
    } catch (error) {
      send(response, 500, { error: 'server_error', error_description: String(error) });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function authorizeRequest(url: URL, response: ServerResponse) {
    const params = url.searchParams;
    const client = byId.get(params.get('client_id') ?? '');
    const redirectUri = params.get('redirect_uri');
    if (!client || !redirectUri) return send(response, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const stateParam = params.get('state');
    if (stateParam) back.searchParams.set('state', stateParam);
    const challenge = params.get('code_challenge') ?? undefined;
    const refusal =
      state.denyNext ??
      (params.get('response_type') !== 'code'
        ? 'unsupported_response_type'
        : client.requirePkce && (!challenge || params.get('code_challenge_method') !== 'S256')
          ? 'invalid_request'
          : undefined);
    state.denyNext = undefined;
    if (refusal) {
      back.searchParams.set('error', refusal);
    } else {
      const code = token('code');
      codes.set(code, {
        clientId: client.clientId,
        userId: state.userId,
        scope: params.get('scope') ?? '',
        redirectUri,
        challenge,
      });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  function issue(grant: Grant, withRefreshToken = state.issueRefreshTokens) {
    const access = token('at');
    accessTokens.set(access, grant);
    state.issued.push(access);
    const refresh = withRefreshToken ? token('rt') : undefined;
    if (refresh) {
      refreshTokens.set(refresh, { ...grant, spent: false });
      state.issued.push(refresh);
    }
    return {
      access_token: access,
      ...(refresh ? { refresh_token: refresh } : {}),
      token_type: 'Bearer',
      expires_in: state.accessTokenTtl,
      scope: grant.scope,
    };
  }

  async function tokenRequest(request: IncomingMessage, response: ServerResponse) {
    const form = await readForm(request);
    const credentials = clientCredentials(request, form);
    const client = byId.get(credentials.id ?? '');
    if (!client || client.clientSecret !== credentials.secret) {
      return send(response, 401, { error: 'invalid_client' });
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      state.tokenCalls.authorization_code += 1;
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier');
      const verified =
        code?.challenge === undefined
          ? verifier === null
          : verifier !== null && createHash('sha256').update(verifier).digest('base64url') === code.challenge;
      if (
        !code ||
        code.clientId !== client.clientId ||
        code.redirectUri !== form.get('redirect_uri') ||
        !verified
      ) {
        return send(response, 400, { error: 'invalid_grant' });
      }
      return send(response, 200, issue(code));
    }
    if (grantType === 'refresh_token') {
      state.tokenCalls.refresh_token += 1;
      if (held) {
        held.arrived();
        const gate = held;
        await new Promise<void>((resolve) => gate.waiting.push(resolve));
      }
      if (state.refreshMode === 'hang') return; // never answered; the socket closes with the server
      if (state.refreshMode === 'error') return send(response, 500, { error: 'server_error' });
      const presented = form.get('refresh_token') ?? '';
      state.presentedRefreshTokens.push(presented);
      const grant = refreshTokens.get(presented);
      if (grant?.spent) state.reusedRefreshTokens.push(presented);
      if (
        state.refreshMode === 'invalid_grant' ||
        !grant ||
        grant.spent ||
        grant.clientId !== client.clientId
      ) {
        return send(response, 400, {
          error: 'invalid_grant',
          error_description: 'refresh token is not valid',
        });
      }
      if (!state.rotateRefreshTokens) return send(response, 200, issue(grant, false));
      grant.spent = true; // single use: the next refresh must present the rotated token
      return send(response, 200, issue(grant));
    }
    return send(response, 400, { error: 'unsupported_grant_type' });
  }

  function userInfo(request: IncomingMessage, response: ServerResponse) {
    const bearer = /^(?:Bearer|OAuth) (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const grant = bearer ? accessTokens.get(bearer) : undefined;
    if (!grant) return send(response, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer' });
    send(response, 200, {
      id: grant.userId,
      username: `user ${grant.userId}`,
      display_name: 'Platform User',
      email: `${grant.userId}@platform.example`,
    });
  }

  async function revoke(request: IncomingMessage, response: ServerResponse) {
    const form = await readForm(request);
    if (state.failRevocation) return send(response, 503, { error: 'temporarily_unavailable' });
    const presented = form.get('token') ?? '';
    state.revoked.push(presented);
    accessTokens.delete(presented);
    refreshTokens.delete(presented);
    response.writeHead(200);
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const state: OAuth2Server = {
    url: base,
    endpoints: {
      authorization: `${base}/authorize`,
      token: `${base}/token`,
      userInfo: `${base}/me`,
      revocation: `${base}/revoke`,
    },
    userId: 'platform-user-1',
    accessTokenTtl: 3600,
    refreshMode: 'ok',
    issueRefreshTokens: true,
    rotateRefreshTokens: true,
    presentedRefreshTokens: [],
    failRevocation: false,
    denyNext: undefined,
    tokenCalls: { authorization_code: 0, refresh_token: 0 },
    issued: [],
    revoked: [],
    reusedRefreshTokens: [],
    holdRefreshes() {
      let arrived = () => {};
      const arrival = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      held = { arrived, waiting: [], arrival };
      return arrival;
    },
    release() {
      const gate = held;
      held = undefined;
      for (const resolve of gate?.waiting ?? []) resolve();
    },
    async authorize(authUrl) {
      const response = await fetch(authUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) {
        throw new Error(`authorization answered ${response.status}: ${await response.text()}`);
      }
      return new URL(location);
    },
    async close() {
      state.release();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}
