import { z } from '@hono/zod-openapi';

/**
 * What a provider sends back to an authorization callback (RFC 6749 §4.1.2, RFC 9207's `iss`), for the
 * sign-in and the platform callbacks alike. Every field is optional here: a missing or wrong one is
 * answered with a redirect carrying the failure, since a browser, not a program, follows this URL.
 * Other parameters (Google's `authuser`, `prompt`, …) pass and are ignored.
 */
export const AuthorizationCallbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  error_uri: z.string().max(2048).optional(),
  scope: z.string().max(4096).optional(),
});

/** The shape of a one-time code (256 random bits, base64url), for the OpenAPI examples. */
export const EXAMPLE_ONE_TIME_CODE = '59P6Eso_MDgP5mf1Zx0wxqdOwy7CPb3TORtJL6JOAyY';

/**
 * What the frontend sends back to finish a connect or a link: the one-time code the callback put in its
 * redirect (`connect_code` / `link_code`). 256 random bits in base64url.
 */
export const RedemptionCodeBody = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'Expected the 43-character code from the redirect')
      .openapi({ description: 'The one-time code from the redirect; single use, valid 60 s' }),
  })
  .strict()
  .openapi('RedemptionCodeRequest');
