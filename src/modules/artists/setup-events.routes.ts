import { setTimeout as delay } from 'node:timers/promises';
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { type Authenticator, bearerSecurity, requireAuth } from '../../http/auth.js';
import { errorResponses } from '../../http/envelope.js';
import { createRouter } from '../../http/router.js';
import { ArtistIdParam, SetupEventsHeaders, type SetupStatus } from './schemas.js';
import type { ArtistsService } from './service.js';

export interface SetupEventsOptions {
  /** A comment line this often keeps proxies from closing a quiet stream (default 15 s). */
  heartbeatMs?: number;
  /** How often a stream re-reads the setup, for changes made on another instance (default 5 s). */
  pollMs?: number;
}

/** On Lambda a response cannot stream: one answer, and the browser's EventSource comes back after this. */
const LAMBDA_RETRY_MS = 10_000;

const finished = (setup: SetupStatus) => setup.status === 'complete' || setup.status === 'failed';

/**
 * `GET /artists/{artistId}/setup-events`: server-sent events of the setup status (decision 28). Each
 * event is the setup-status answer, `id` its version; a listener that reconnects with `Last-Event-ID`
 * gets only what is newer. The stream closes once the setup is complete or failed, and answers 204 to a
 * reconnect that has already seen that, so an EventSource stops.
 */
export function setupEventsRoutes(
  deps: { service: ArtistsService; authenticator: Authenticator },
  options: SetupEventsOptions = {},
) {
  const { service } = deps;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const pollMs = options.pollMs ?? 5_000;

  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/artists/{artistId}/setup-events',
      operationId: 'streamArtistSetupEvents',
      tags: ['Artists'],
      summary: 'Server-sent events: the setup status, again whenever it changes',
      description:
        'Owner only (404 otherwise). `event: status`, `data:` the setup-status answer, `id:` its ' +
        'version; a comment every 15 s keeps the connection open. Send `Last-Event-ID` when reconnecting. ' +
        'The stream ends when the setup is complete or failed. EventSource cannot send an Authorization ' +
        'header: read the stream with fetch. On AWS Lambda responses cannot stream, so each request ' +
        'answers the current status once with `retry: 10000` (polling, as GET setup-status does).',
      security: bearerSecurity,
      middleware: [requireAuth(deps.authenticator)],
      request: { params: ArtistIdParam, headers: SetupEventsHeaders },
      responses: {
        200: {
          description: 'The event stream',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        204: { description: 'The setup is finished and the last event was already received: stop' },
        ...errorResponses(400, 401, 404, 429),
      },
    }),
    async (c) => {
      const { artistId } = c.req.valid('param');
      const lastEventId = Number(c.req.valid('header')['last-event-id'] ?? 0);
      const initial = await service.setupStatus(c.get('principal').userId, artistId);
      if (finished(initial) && initial.version <= lastEventId) return c.body(null, 204);
      const onLambda = Boolean((c.env as { lambdaContext?: unknown } | undefined)?.lambdaContext);

      return streamSSE(c, async (stream) => {
        const closed = new AbortController();
        stream.onAbort(() => closed.abort());
        const heartbeat = setInterval(() => {
          stream.write(': heartbeat\n\n').catch(() => closed.abort());
        }, heartbeatMs);
        try {
          if (onLambda) await stream.write(`retry: ${LAMBDA_RETRY_MS}\n\n`);
          let last = lastEventId;
          let current: SetupStatus | null = initial;
          for (;;) {
            if (!current) {
              await stream.writeSSE({ event: 'deleted', data: JSON.stringify({ artistId }) });
              return;
            }
            if (current.version > last) {
              await stream.writeSSE({
                event: 'status',
                id: String(current.version),
                data: JSON.stringify(current),
              });
              last = current.version;
            }
            if (finished(current) || onLambda || closed.signal.aborted) return;
            const wait = new AbortController();
            const stop = () => wait.abort();
            closed.signal.addEventListener('abort', stop, { once: true });
            await Promise.race([
              service.setupChanged(artistId, wait.signal),
              delay(pollMs, undefined, { signal: wait.signal }).catch(() => undefined),
            ]);
            wait.abort();
            closed.signal.removeEventListener('abort', stop);
            if (closed.signal.aborted) return;
            current = await service.currentSetup(artistId);
          }
        } finally {
          clearInterval(heartbeat);
          closed.abort();
        }
      });
    },
  );
}
