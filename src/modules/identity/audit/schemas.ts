import { z } from '@hono/zod-openapi';

/** One entry of an account's audit trail, as its owner and administrators read it. */
export const SecurityEventSchema = z
  .object({
    eventId: z.string(),
    type: z.string().openapi({ example: 'login.succeeded' }),
    at: z.string().openapi({ format: 'date-time' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    sessionId: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('SecurityEvent');

export const SecurityEventPage = z
  .object({ items: z.array(SecurityEventSchema), nextCursor: z.string().nullable() })
  .openapi('SecurityEventPage');
export type SecurityEventPageView = z.infer<typeof SecurityEventPage>;
