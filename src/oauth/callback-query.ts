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
