import { z } from '@hono/zod-openapi';
import { PLATFORMS } from '../../oauth/providers.js';
import { CONNECTION_STATUSES } from './connection-status.js';

/* Request and response shapes of the connections routes: validation, documentation and handler types. */

export const PlatformParams = z.object({
  platform: z.enum(PLATFORMS).openapi({ param: { name: 'platform', in: 'path' }, example: 'spotify' }),
});

export const ConnectStartSchema = z
  .object({
    authUrl: z.string().openapi({ description: "Send the browser here: the platform's consent page" }),
    state: z.string(),
  })
  .openapi('PlatformConnectStart');

export const ConnectCompleteSchema = z
  .object({ platform: z.enum(PLATFORMS), connected: z.literal(true) })
  .openapi('PlatformConnectComplete');

export const PlatformAccessSchema = z
  .object({
    accessToken: z
      .string()
      .openapi({ description: "The platform's access token, for the browser's own API calls" }),
    expiresIn: z.number().int().openapi({ description: 'Seconds until it expires', example: 3600 }),
  })
  .openapi('PlatformAccess');

export const PlatformConnectionSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    platformUserId: z.string(),
    status: z.enum(CONNECTION_STATUSES).openapi({
      description:
        '`healthy`: usable, refreshed as needed. `needs_reauth`: the platform refused the grant (or the access ' +
        'token expired with no refresh token): connect again. A disconnected connection is not listed: it is ' +
        'gone (`connection.status_changed` tells of it as `revoked`). Changes only on evidence: a grant or a ' +
        'successful refresh, a refusal by the platform.',
    }),
    connected: z.boolean().openapi({ description: '`status` is `healthy` (kept for older clients)' }),
    connectedAt: z.string().openapi({ format: 'date-time' }),
    needsReauth: z.boolean().openapi({ description: '`status` is `needs_reauth` (kept for older clients)' }),
    scope: z.string(),
  })
  .openapi('PlatformConnection');
export type PlatformConnection = z.infer<typeof PlatformConnectionSchema>;

export const PlatformConnectionPage = z
  .object({ items: z.array(PlatformConnectionSchema), nextCursor: z.string().nullable() })
  .openapi('PlatformConnectionPage');
