import { z } from '@hono/zod-openapi';

/** `?limit=` (default 20, max 100) and the opaque `?cursor=` every list takes. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .max(2048)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});
