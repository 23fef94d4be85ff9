import { z } from '@hono/zod-openapi';
import { SSO_PROVIDERS } from '../../../oauth/providers.js';

/** One provider in the account's settings: linked or not, and with which address. */
export const AuthProviderSchema = z
  .object({
    provider: z.enum(SSO_PROVIDERS),
    email: z.string().nullable(),
    linked: z.boolean(),
    linkedAt: z.string().nullable(),
  })
  .openapi('AuthProvider');
export type LinkedProviderView = z.infer<typeof AuthProviderSchema>;

export const AuthProviderPage = z
  .object({
    items: z.array(AuthProviderSchema),
    nextCursor: z.null().openapi({ description: 'Always null: the list has one entry per provider' }),
  })
  .openapi('AuthProviderPage');
