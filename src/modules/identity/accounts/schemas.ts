import { z } from '@hono/zod-openapi';

/*
 * The shapes accounts answer with: the service returns them and the routes document them, one description
 * each (types below are derived, never written beside).
 */

export const CodeDeliverySchema = z
  .object({
    message: z.string(),
    delivery: z.object({
      medium: z.literal('EMAIL'),
      destination: z.string().openapi({ example: 'a***@e***.com' }),
    }),
  })
  .openapi('CodeDelivery');
export type CodeDelivery = z.infer<typeof CodeDeliverySchema>;

export const ProfileSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    primaryAuthProvider: z.string().openapi({ example: 'password' }),
    emailVerified: z.boolean(),
    mfaEnabled: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    pendingEmail: z.string().nullable().openapi({ description: 'A new address waiting for its code' }),
  })
  .openapi('Profile');
export type Profile = z.infer<typeof ProfileSchema>;
