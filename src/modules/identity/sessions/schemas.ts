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

/** One signed-in device: a refresh-token family, as its owner sees it in the device list. */
export const DeviceSessionSchema = z
  .object({
    sessionId: z.string().openapi({ example: 'ses_01jd8x4m9q2v7k3n5p6r8s0t1w' }),
    device: z
      .string()
      .openapi({ example: 'Firefox on Windows', description: 'Read from the User-Agent at sign-in' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z
      .string()
      .openapi({ format: 'date-time', description: 'Kept to within a few minutes of the latest use' }),
    current: z.boolean().openapi({ description: 'The session of the access token making this request' }),
  })
  .openapi('DeviceSession');

export const DeviceSessionPage = z
  .object({ items: z.array(DeviceSessionSchema), nextCursor: z.string().nullable() })
  .openapi('DeviceSessionPage');
export type DeviceSessionPageView = z.infer<typeof DeviceSessionPage>;
