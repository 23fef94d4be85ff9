import { createRoute, z } from '@hono/zod-openapi';
import type { WebhookEndpoint } from '../config.js';
import type { CursorCodec } from '../data/cursor.js';
import { errorResponses, jsonResponse, ok } from '../http/envelope.js';
import { requireLocalCaller } from '../http/local-caller.js';
import { createRouter } from '../http/router.js';
import type { OutboxEvent, OutboxStore } from './outbox-store.js';
import { type DevEvent, DevEvent as DevEventSchema, DevEventsQuery } from './schemas.js';
import { endpointOrigin } from './webhook-delivery.js';

/** An outbox event with one delivery entry per endpoint it is for, as `GET /dev/events` shows it. */
function toDevEvent(event: OutboxEvent, endpoints: Map<string, WebhookEndpoint>): DevEvent {
  const { eventId, type, subject, occurredAt, data } = event;
  return {
    eventId,
    type,
    subject,
    occurredAt,
    data,
    deliveries: event.endpoints.map((id) => {
      const endpoint = endpoints.get(id);
      return {
        endpoint: id,
        origin: endpoint ? endpointOrigin(endpoint) : null,
        ...(event.deliveries[id] ?? { state: 'pending' as const, attempts: 0 }),
      };
    }),
  };
}

/**
 * `GET /dev/events`: recent events and where each stands with each endpoint, newest first; with
 * `?subject=` one subject's. Mounted in the dev stage only, readable from this machine only.
 */
export function devEventsRoutes(deps: {
  store: () => Promise<OutboxStore>;
  cursors: CursorCodec;
  webhooks: WebhookEndpoint[];
}) {
  const endpoints = new Map(deps.webhooks.map((endpoint) => [endpoint.id, endpoint]));
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/dev/events',
      operationId: 'listDevEvents',
      security: [],
      tags: ['Development'],
      summary: 'Recent events and their delivery state (dev stage only)',
      description:
        'What Amply recorded for other systems, newest first, with each configured endpoint’s delivery ' +
        'state (pending, delivered, failed; attempts; the last error). Only from this machine.',
      request: { query: DevEventsQuery },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(DevEventSchema), nextCursor: z.string().nullable() }),
          'Events, newest first',
        ),
        ...errorResponses(400, 403),
      },
    }),
    async (c) => {
      requireLocalCaller(c, 'Events are');
      const { subject, limit, cursor } = c.req.valid('query');
      const scope = subject === undefined ? 'dev-events' : `dev-events:${subject}`;
      const store = await deps.store();
      const page =
        subject === undefined
          ? await store.pageRecent(limit, deps.cursors.open(scope, cursor))
          : await store.pageBySubject(subject, limit, deps.cursors.open(scope, cursor));
      return ok(c, {
        items: page.items.map((event) => toDevEvent(event, endpoints)),
        nextCursor: deps.cursors.seal(scope, page.cursor),
      });
    },
  );
}
