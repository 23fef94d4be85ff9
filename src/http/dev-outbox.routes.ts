import { createRoute, z } from '@hono/zod-openapi';
import type { OutboxMailer } from '../adapters/mailer/outbox-mailer.js';
import { ForbiddenError } from '../errors.js';
import { errorResponses, jsonResponse, ok } from './envelope.js';
import { requestHeader } from './headers.js';
import { createRouter } from './router.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const OutboxMessage = z
  .object({ to: z.string(), subject: z.string(), text: z.string(), html: z.string(), sentAt: z.string() })
  .openapi('OutboxMessage');

/** `GET /dev/outbox`: mail the dev stage would have sent, newest first. Mounted in the dev stage only. */
export function devOutboxRoutes(outbox: OutboxMailer) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/dev/outbox',
      tags: ['Development'],
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
      // Codes are in there: only for this machine, and never for a page of another origin.
      if (!LOOPBACK.has(c.get('clientIp')) || requestHeader(c, 'origin') !== undefined) {
        throw new ForbiddenError(
          'The dev outbox is readable from this machine only, not from other pages or hosts',
        );
      }
      return ok(c, { items: await outbox.list(c.req.valid('query').to) });
    },
  );
}
