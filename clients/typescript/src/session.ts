import type { Middleware } from 'openapi-fetch';
import type { components } from './generated/openapi.js';
import { routeSecurity } from './generated/route-security.js';
import { type KeyValueStorage, storedValue } from './storage.js';

/** What a sign-in answers: access, id and refresh tokens. */
export type TokenSet = components['schemas']['TokenSet'];

/** Calls the API with a `Request`; the browser's or Node's `fetch` by default. */
export type Fetcher = (request: Request) => Promise<Response>;

/**
 * The signed-in session: its tokens in the storage, and the one refresh that replaces them. The refresh
 * token rotates at every refresh (the old one is spent), so the new one is always stored before use.
 */
export interface Session {
  /** The stored tokens, or null when signed out. */
  tokens(): TokenSet | null;
  /** Stores the tokens of a sign-in (or clears them with null). */
  setTokens(tokens: TokenSet | null): void;
  /**
   * New tokens for a request that failed with `staleAccessToken`: one refresh however many requests ask
   * at once, none when another request already replaced that token. Null when the session is over.
   */
  refresh(staleAccessToken: string): Promise<TokenSet | null>;
}

export interface SessionOptions {
  baseUrl: string;
  fetch: Fetcher;
  storage: KeyValueStorage;
  /** Called when a refresh is refused: the tokens are gone and the user must sign in again. */
  onSessionEnded?: (() => void) | undefined;
}

/** The key the tokens are stored under. */
export const TOKENS_KEY = 'amply.tokens';

export function createSession(options: SessionOptions): Session {
  const stored = storedValue<TokenSet>(options.storage, TOKENS_KEY);
  let inFlight: Promise<TokenSet | null> | undefined;

  async function exchange(refreshToken: string): Promise<TokenSet | null> {
    const response = await options.fetch(
      new Request(`${options.baseUrl}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }),
    );
    if (response.ok) {
      const tokens = ((await response.json()) as { data: TokenSet }).data;
      stored.set(tokens);
      return tokens;
    }
    await response.body?.cancel();
    // 401: the refresh token is spent, revoked or expired; the session is over. Anything else (a 429, a
    // 5xx, no network) may pass: keep the tokens for the next try.
    if (response.status === 401) {
      stored.set(null);
      options.onSessionEnded?.();
    }
    return null;
  }

  return {
    tokens: () => stored.get(),
    setTokens: (tokens) => stored.set(tokens),
    refresh(staleAccessToken) {
      const current = stored.get();
      if (!current) return Promise.resolve(null);
      if (current.accessToken !== staleAccessToken) return Promise.resolve(current);
      inFlight ??= exchange(current.refreshToken).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

/**
 * openapi-fetch middleware: sends the access token to the routes that take it (the document says which),
 * and on a 401 refreshes the session once and sends the request again with the new token.
 */
export function sessionMiddleware(session: Session, fetcher: Fetcher): Middleware {
  const retries = new Map<string, { request: Request; token: string }>();
  return {
    onRequest({ request, schemaPath, id }) {
      const security = routeSecurity[`${request.method} ${schemaPath}`] ?? 'none';
      const tokens = session.tokens();
      if (security === 'none' || !tokens || request.headers.has('authorization')) return request;
      request.headers.set('authorization', `Bearer ${tokens.accessToken}`);
      retries.set(id, { request: request.clone(), token: tokens.accessToken });
      return request;
    },
    async onResponse({ response, id }) {
      const retry = retries.get(id);
      retries.delete(id);
      if (!retry || response.status !== 401) return response;
      const fresh = await session.refresh(retry.token);
      if (!fresh) return response;
      await response.body?.cancel();
      retry.request.headers.set('authorization', `Bearer ${fresh.accessToken}`);
      return fetcher(retry.request);
    },
    onError({ id }) {
      retries.delete(id);
    },
  };
}
