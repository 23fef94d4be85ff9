import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { Client } from 'openapi-fetch';
import { AmplyApiError } from './errors.js';
import type { components, paths } from './generated/openapi.js';

export type SetupStatus = components['schemas']['ArtistSetupStatus'];

export interface WatchSetupOptions {
  /** Every status the stream sends, the current one first. */
  onStatus: (status: SetupStatus) => void;
  /** Stops watching (the promise then resolves with the last status seen). */
  signal?: AbortSignal;
  /** Wait before reconnecting when the server did not say (`retry:`); default 3 s, as EventSource. */
  retryMs?: number;
}

const finished = (status: SetupStatus) => status.status === 'complete' || status.status === 'failed';

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows an artist's setup over `GET /artists/{artistId}/setup-events` until it is complete or failed.
 * It reads the stream with fetch (EventSource cannot send the access token, and the session middleware
 * refreshes it on a 401) and reconnects as EventSource would — after the server's `retry:`, sending
 * `Last-Event-ID` so only newer statuses come — when the stream ends early or the network drops (on
 * Lambda every request answers once: this is then polling). Resolves with the final status, or null
 * when the artist was deleted or nothing was seen before `signal` aborted.
 */
export function createSetupEvents(api: Client<paths>) {
  return async function watchSetup(
    artistId: string,
    options: WatchSetupOptions,
  ): Promise<SetupStatus | null> {
    const { signal } = options;
    let lastEventId: string | undefined;
    let retryMs = options.retryMs ?? 3000;
    let latest: SetupStatus | null = null;

    while (!signal?.aborted) {
      let response: Response;
      try {
        ({ response } = await api.GET('/artists/{artistId}/setup-events', {
          params: { path: { artistId }, header: lastEventId ? { 'last-event-id': lastEventId } : {} },
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          ...(signal ? { signal } : {}),
        }));
      } catch (error) {
        if (signal?.aborted) break;
        if (!(error instanceof TypeError)) throw error;
        await wait(retryMs, signal);
        continue;
      }
      // 204: finished, and the last event was already received.
      if (response.status === 204) return latest;
      if (!response.ok || !response.body) {
        throw await AmplyApiError.from(response);
      }
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream({ onRetry: (ms) => (retryMs = ms) }));
      try {
        for await (const event of events) {
          if (event.id !== undefined) lastEventId = event.id;
          if (event.event === 'deleted') return null;
          if (event.event !== 'status') continue;
          latest = JSON.parse(event.data) as SetupStatus;
          options.onStatus(latest);
          if (finished(latest)) return latest;
        }
      } catch (error) {
        // A dropped connection ends the read with an error: reconnect, as for a closed stream.
        if (signal?.aborted) break;
        if (!(error instanceof TypeError)) throw error;
      }
      await wait(retryMs, signal);
    }
    return latest;
  };
}
