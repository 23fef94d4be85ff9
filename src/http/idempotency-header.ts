import { z } from '@hono/zod-openapi';

/** The optional `Idempotency-Key` header of POST routes that create things: a retry returns the first result. */
export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, '1–255 visible ASCII characters')
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'A retry with the same key and body returns the first result and creates nothing',
    }),
});
