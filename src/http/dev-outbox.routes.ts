import { createRoute, z } from '@hono/zod-openapi';
import type { OutboxMailer } from '../adapters/mailer/outbox-mailer.js';
import { errorResponses, jsonResponse, ok } from './envelope.js';
import { requireLocalCaller } from './local-caller.js';
import { createRouter } from './router.js';

const OutboxMessage = z
  .object({ to: z.string(), subject: z.string(), text: z.string(), html: z.string(), sentAt: z.string() })
  .openapi('OutboxMessage');

/** `GET /dev/outbox`: mail the dev stage would have sent, newest first. Mounted in the dev stage only. */
export function devOutboxRoutes(outbox: OutboxMailer) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/dev/outbox',
      operationId: 'listOutboxMessages',
      tags: ['Development'],
      security: [],
      summary: 'Messages in the dev outbox (dev stage only)',
      request: {
        query: z.object({
          to: z
            .string()
            .max(254)
            .optional()
            .openapi({ param: { name: 'to', in: 'query' }, description: 'Only mail to this address' }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(OutboxMessage) }), 'Messages, newest first'),
        ...errorResponses(400, 403),
      },
    }),
    async (c) => {
      requireLocalCaller(c, 'The dev outbox is');
      return ok(c, { items: await outbox.list(c.req.valid('query').to) });
    },
  );
}
