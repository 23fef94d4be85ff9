import { z } from '@hono/zod-openapi';

/** What a sign-in or a refresh hands out; the service returns it and the routes document it. */
export const TokenSetSchema = z
  .object({
    accessToken: z.string(),
    idToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().openapi({ example: 3600 }),
    tokenType: z.literal('Bearer'),
  })
  .openapi('TokenSet');
export type TokenSet = z.infer<typeof TokenSetSchema>;
