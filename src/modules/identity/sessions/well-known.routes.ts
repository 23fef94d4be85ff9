import { createRoute, z } from '@hono/zod-openapi';
import type { JSONWebKeySet } from 'jose';
import { originRefusedResponse } from '../../../http/origin-verify.js';
import { createRouter } from '../../../http/router.js';
import { SIGNING_ALGORITHM } from '../../../security/signing-keys.js';

const tags = ['Discovery'];

const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('JsonWebKeySet', {
  description: 'RFC 7517 key set (not in the envelope: JWT libraries read it as is)',
});

const Discovery = z
  .object({
    issuer: z.string(),
    jwks_uri: z.string(),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    scopes_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .openapi('OpenIdConfiguration');

/** Public keys and OpenID discovery, so API Gateway's JWT authorizer and any JWT library can verify our tokens. */
export function wellKnownRoutes(options: { jwks: JSONWebKeySet; issuer: string }) {
  const cacheable = 'public, max-age=300';
  const discovery = {
    issuer: options.issuer,
    jwks_uri: `${options.issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
    scopes_supported: ['openid', 'profile', 'email', 'admin'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'email',
      'email_verified',
      'name',
      'sid',
      'token_use',
      'scope',
    ],
  };

  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/.well-known/jwks.json',
        operationId: 'getJsonWebKeySet',
        tags,
        summary: 'Public keys that verify Amply tokens',
        security: [],
        responses: {
          200: { description: 'The key set', content: { 'application/json': { schema: Jwks } } },
          ...originRefusedResponse,
        },
      }),
      (c) => {
        c.header('Cache-Control', cacheable);
        return c.json(options.jwks as z.infer<typeof Jwks>, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/.well-known/openid-configuration',
        operationId: 'getOpenIdConfiguration',
        tags,
        summary: 'OpenID discovery document',
        security: [],
        responses: {
          200: { description: 'Discovery', content: { 'application/json': { schema: Discovery } } },
          ...originRefusedResponse,
        },
      }),
      (c) => {
        c.header('Cache-Control', cacheable);
        return c.json(discovery, 200);
      },
    );
}
