import createClient, { type Client } from 'openapi-fetch';
import { createAuth } from './auth.js';
import { createFlowRegistry } from './flows.js';
import type { paths } from './generated/openapi.js';
import { createPlatforms } from './platforms.js';
import { createSession, type Fetcher, sessionMiddleware } from './session.js';
import { createSetupEvents } from './setup-events.js';
import { type KeyValueStorage, memoryStorage } from './storage.js';
import { createUploads } from './uploads.js';

export interface AmplyClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000` (no trailing slash). */
  baseUrl: string;
  /** Where tokens and started sign-ins are kept: in memory by default; `sessionStorage` in a browser. */
  storage?: KeyValueStorage;
  /** Another `fetch` (tests, instrumentation); it receives a `Request`. */
  fetch?: Fetcher;
  /** Called when the session ends on its own (a refresh was refused): sign in again. */
  onSessionEnded?: () => void;
}

export interface AmplyClient {
  /** Every operation, typed from the OpenAPI document: `api.GET('/guitars', { params: { query } })`. */
  api: Client<paths>;
  /** The stored tokens and the one refresh that replaces them. */
  session: ReturnType<typeof createSession>;
  auth: ReturnType<typeof createAuth>;
  platforms: ReturnType<typeof createPlatforms>;
  uploads: ReturnType<typeof createUploads>;
  /** Follows an artist's setup over server-sent events (reconnecting with `Last-Event-ID`). */
  watchSetup: ReturnType<typeof createSetupEvents>;
}

/** A typed Amply client whose calls carry the access token and refresh it once on a 401. */
export function createAmplyClient(options: AmplyClientOptions): AmplyClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetcher: Fetcher = options.fetch ?? ((request) => globalThis.fetch(request));
  const storage = options.storage ?? memoryStorage();
  const session = createSession({ baseUrl, fetch: fetcher, storage, onSessionEnded: options.onSessionEnded });
  const api = createClient<paths>({ baseUrl, fetch: fetcher });
  api.use(sessionMiddleware(session, fetcher));
  return {
    api,
    session,
    auth: createAuth(api, session, createFlowRegistry(storage)),
    platforms: createPlatforms(api),
    uploads: createUploads(api, fetcher),
    watchSetup: createSetupEvents(api),
  };
}
