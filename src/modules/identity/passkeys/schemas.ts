import { z } from '@hono/zod-openapi';

/* What passkeys' routes answer with: the domain returns these shapes, and the OpenAPI document shows them. */

export const PasskeySchema = z
  .object({
    passkeyId: z.string().openapi({ example: 'pky_01jk8x2v0h6q4t9m3p7f5rw2ab' }),
    name: z.string(),
    deviceType: z.string().openapi({
      description: '`multiDevice` (synced between devices) or `singleDevice`',
      example: 'multiDevice',
    }),
    backedUp: z.boolean(),
    transports: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('Passkey');
/** A passkey as its owner sees it: never its key or counter. */
export type PasskeyView = z.infer<typeof PasskeySchema>;

export const PasskeyPage = z
  .object({
    items: z.array(PasskeySchema),
    nextCursor: z.null().openapi({ description: 'Always null: an account holds at most 20 passkeys' }),
  })
  .openapi('PasskeyPage');

export const CreationOptionsSchema = z
  .looseObject({
    challenge: z.string(),
    rp: z.object({ id: z.string().optional(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  })
  .openapi('PasskeyCreationOptions', {
    description:
      'PublicKeyCredentialCreationOptionsJSON: pass through PublicKeyCredential.parseCreationOptionsFromJSON() to navigator.credentials.create(). Valid five minutes, once.',
  });

export const RequestOptionsSchema = z
  .looseObject({ challenge: z.string(), rpId: z.string().optional() })
  .openapi('PasskeyRequestOptions', {
    description:
      'PublicKeyCredentialRequestOptionsJSON: pass through PublicKeyCredential.parseRequestOptionsFromJSON() to navigator.credentials.get(). Valid five minutes, once.',
  });
