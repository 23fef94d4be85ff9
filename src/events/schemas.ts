import { z } from '@hono/zod-openapi';
import { PageQuery } from '../http/pagination.js';
import { EVENT_TYPES } from './events.js';

/*
 * The shapes the outbox stores as JSON (an event's deliveries, staged events on another module's item)
 * and `GET /dev/events` answers: described once, checked when read back.
 */

/** Where one event stands with one endpoint. */
export const DeliveryState = z
  .object({
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().min(0),
    lastAttemptAt: z.string().optional(),
    /** While pending after a failed attempt: not before this time. */
    nextAttemptAt: z.string().optional(),
    /** When it was delivered, or given up on. */
    finishedAt: z.string().optional(),
    /** The last failure: an HTTP status (`HTTP 503`) or an error name (`TimeoutError`), never a body. */
    lastError: z.string().optional(),
  })
  .openapi('EventDeliveryState');
export type DeliveryState = z.infer<typeof DeliveryState>;

export const DeliveryStates = z.record(z.string(), DeliveryState);
export type DeliveryStates = z.infer<typeof DeliveryStates>;

/** An event carried by another module's item until the dispatcher copies it into the outbox. */
export const StagedEventRecord = z.object({
  eventId: z.string(),
  type: z.enum(EVENT_TYPES),
  subject: z.string(),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

export const DevEventsQuery = PageQuery.extend({
  subject: z
    .string()
    .regex(/^[\w.:#-]{1,200}$/, 'an id: letters, digits and _ . : # -')
    .optional()
    .openapi({ param: { name: 'subject', in: 'query' }, description: 'Only events about this subject' }),
});

export const DevEvent = z
  .object({
    eventId: z.string(),
    type: z.enum(EVENT_TYPES),
    subject: z.string(),
    occurredAt: z.string(),
    data: z.record(z.string(), z.unknown()),
    deliveries: z.array(
      DeliveryState.extend({
        endpoint: z.string().openapi({ description: 'The endpoint id (`whk_…`)' }),
        /** The endpoint's origin only: a receiver's path or query may itself be a secret. */
        origin: z
          .string()
          .nullable()
          .openapi({ description: 'Its origin; null once it is no longer configured' }),
      }),
    ),
  })
  .openapi('DevEvent');
export type DevEvent = z.infer<typeof DevEvent>;
