import { z } from '@hono/zod-openapi';
import type { AuthenticationExtensionsClientOutputs } from '@simplewebauthn/server';
import { text } from '../../../http/text.js';

/*
 * What passkeys' routes accept (read only by route files: `text()` is the HTTP layer's). The WebAuthn
 * shapes as browsers serialise them (`PublicKeyCredential.toJSON()`, or
 * @simplewebauthn/browser's start* functions): binary fields as base64url. Fields a newer browser adds
 * are dropped; the request bodies themselves are strict.
 */

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'Send base64url without padding');

const credentialBase = {
  id: base64url(1400).openapi({ description: 'The credential id (base64url)' }),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z
    .record(z.string(), z.unknown())
    .default({})
    .transform((value) => value as AuthenticationExtensionsClientOutputs),
};

const RegistrationCredential = z
  .object({
    ...credentialBase,
    response: z.object({
      clientDataJSON: base64url(4096),
      attestationObject: base64url(65_536),
      transports: z.array(z.string().max(32)).max(10).optional(),
      authenticatorData: base64url(65_536).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url(4096).optional(),
    }),
  })
  .openapi('PasskeyRegistrationCredential');

const AuthenticationCredential = z
  .object({
    ...credentialBase,
    response: z.object({
      clientDataJSON: base64url(4096),
      authenticatorData: base64url(65_536),
      signature: base64url(4096),
      userHandle: base64url(256)
        .nullable()
        .optional()
        .transform((value) => value ?? undefined),
    }),
  })
  .openapi('PasskeyAuthenticationCredential');

export const PasskeyName = text({ max: 64 }).openapi({ example: 'Work laptop' });

const EXAMPLE_CLIENT_DATA =
  'eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiZXhhbXBsZSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6NTE3MyJ9';

export const RegisterPasskeyBody = z
  .object({
    credential: RegistrationCredential.openapi({
      description: 'What navigator.credentials.create() answered, serialised with toJSON()',
    }),
    name: PasskeyName.optional().openapi({ description: 'A label for the list; default "Passkey"' }),
  })
  .strict()
  .openapi('RegisterPasskeyRequest');

export const EXAMPLE_REGISTRATION: z.input<typeof RegisterPasskeyBody> = {
  credential: {
    id: 'hRgqG0x1Qq2bR3cS9m0oVw',
    rawId: 'hRgqG0x1Qq2bR3cS9m0oVw',
    type: 'public-key',
    response: {
      clientDataJSON: EXAMPLE_CLIENT_DATA,
      attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVkBZw',
      transports: ['internal', 'hybrid'],
    },
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
  },
  name: 'Work laptop',
};

export const PasskeySignInBody = z
  .object({
    credential: AuthenticationCredential.openapi({
      description: 'What navigator.credentials.get() answered, serialised with toJSON()',
    }),
  })
  .strict()
  .openapi('PasskeySignInRequest');

export const EXAMPLE_SIGN_IN: z.input<typeof PasskeySignInBody> = {
  credential: {
    id: 'hRgqG0x1Qq2bR3cS9m0oVw',
    rawId: 'hRgqG0x1Qq2bR3cS9m0oVw',
    type: 'public-key',
    response: {
      clientDataJSON: EXAMPLE_CLIENT_DATA,
      authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
      signature: 'MEUCIQDh3n2Lxq0ZkB8V6mWw',
      userHandle: 'dXNyXzAxams4eDJ2MGg2cTR0OW0zcDdmNXJ3MmFi',
    },
    clientExtensionResults: {},
  },
};

export const RenamePasskeyBody = z.object({ name: PasskeyName }).strict().openapi('RenamePasskeyRequest');

export const PasskeyIdParam = z.object({
  passkeyId: z
    .string()
    .regex(/^pky_[0-9a-z]{26}$/, 'A passkey id (pky_…)')
    .openapi({ param: { name: 'passkeyId', in: 'path' }, example: 'pky_01jk8x2v0h6q4t9m3p7f5rw2ab' }),
});
