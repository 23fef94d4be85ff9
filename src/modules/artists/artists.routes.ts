import { createRoute, z } from '@hono/zod-openapi';
import { type Authenticator, bearerSecurity, requireAuth } from '../../http/auth.js';
import { requestMeta } from '../../http/context.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { PageQuery } from '../../http/pagination.js';
import type { RateLimiters } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import {
  ArtistIdParam,
  ArtistOwnerSchema,
  ArtistPage,
  ArtistPublicSchema,
  AwsTemplateSchema,
  CallbackTokenSchema,
  CreateArtistBody,
  SetupStatusSchema,
  TemplateQuery,
} from './schemas.js';
import type { ArtistsService } from './service.js';

export interface ArtistsRouteDeps {
  service: ArtistsService;
  authenticator: Authenticator;
  limits: RateLimiters;
}

const tags = ['Artists'];
const ownerOnly =
  'Owner only: anyone else gets 404 `ARTIST_NOT_FOUND`, as for an artist that does not exist.';

const DeletedArtistSchema = z.object({ artistId: z.string(), message: z.string() }).openapi('ArtistDeleted');

/** `/artists/*`: becoming an artist, its public view, callback tokens, the AWS template and the setup status. */
export function artistsRoutes({ service, authenticator }: ArtistsRouteDeps) {
  const auth = requireAuth(authenticator);
  const owner = { tags, security: bearerSecurity, middleware: [auth] };

  return createRouter()
    .openapi(
      createRoute({
        ...owner,
        method: 'post',
        path: '/artists',
        operationId: 'createArtist',
        summary: 'Become an artist: claim an artistId and choose where to deploy',
        description:
          "The artistId is unique; another user's gets 409 `ARTIST_ID_TAKEN`. Repeating the same request " +
          '(same artistId, displayName and provider) answers the same artist: the artistId is its own ' +
          "idempotency key. Amply generates the artist's ExternalId here.",
        request: {
          body: jsonBody(CreateArtistBody, { artistId: 'skywave', displayName: 'Skywave', provider: 'aws' }),
        },
        responses: {
          201: jsonResponse(ArtistOwnerSchema, 'The artist (or, for a repeated request, the same artist)'),
          ...errorResponses(400, 401, 409, 413, 415, 429),
        },
      }),
      async (c) =>
        ok(
          c,
          await service.createArtist(c.get('principal').userId, c.req.valid('json'), requestMeta(c)),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/artists',
        operationId: 'listArtists',
        tags,
        summary: 'Every artist, newest first',
        security: [],
        request: { query: PageQuery },
        responses: { 200: jsonResponse(ArtistPage, 'A page of artists'), ...errorResponses(400, 429) },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query');
        return ok(c, await service.listPublic(limit, cursor));
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/artists/{artistId}',
        operationId: 'getArtist',
        tags,
        summary: "An artist's public view: name, provider and CDN",
        security: [],
        request: { params: ArtistIdParam },
        responses: { 200: jsonResponse(ArtistPublicSchema, 'The artist'), ...errorResponses(400, 404, 429) },
      }),
      async (c) => ok(c, await service.getPublic(c.req.valid('param').artistId)),
    )
    .openapi(
      createRoute({
        ...owner,
        method: 'delete',
        path: '/artists/{artistId}',
        operationId: 'deleteArtist',
        summary: 'Offboard: the config, callback tokens, audit trail and index entry go',
        description: `${ownerOnly} The artist's own cloud stack is the artist's to delete; its callback then finds nothing to remove.`,
        request: { params: ArtistIdParam },
        responses: {
          200: jsonResponse(DeletedArtistSchema, 'Deleted'),
          ...errorResponses(400, 401, 404, 429),
        },
      }),
      async (c) => {
        const { artistId } = c.req.valid('param');
        await service.deleteArtist(c.get('principal').userId, artistId);
        return ok(c, { artistId, message: 'Artist deleted' });
      },
    )
    .openapi(
      createRoute({
        ...owner,
        method: 'post',
        path: '/artists/{artistId}/callback-tokens',
        operationId: 'issueArtistCallbackToken',
        summary: 'A callback token for the stack (revokes the one before)',
        description:
          `${ownerOnly} \`amply_<artistId>_<unix-ms>_<32 hex>\`, shown once (only its hash is kept), ` +
          'valid 24 hours, single use. Each call issues a new token and revokes the older ones, so a ' +
          'retried request never answers an earlier token.',
        request: { params: ArtistIdParam },
        responses: {
          201: jsonResponse(CallbackTokenSchema, 'The token'),
          ...errorResponses(400, 401, 404, 429),
        },
      }),
      async (c) => {
        const { artistId } = c.req.valid('param');
        return ok(
          c,
          await service.issueCallbackToken(c.get('principal').userId, artistId, requestMeta(c)),
          201,
        );
      },
    )
    .openapi(
      createRoute({
        ...owner,
        method: 'get',
        path: '/artists/{artistId}/templates/aws',
        operationId: 'getArtistAwsTemplate',
        summary: 'The CloudFormation template to deploy, and a quick-create link',
        description:
          `${ownerOnly} The template makes a private bucket behind CloudFront, the role ` +
          "`AmplyAccessRole-<artistId>` that Amply's account may assume only with the artist's " +
          'ExternalId, and a callback that tells Amply when the stack is ready. `ARTIST_PROVIDER_MISMATCH` ' +
          "(409) for an artist on another provider; `PROVIDER_NOT_CONFIGURED` (503) while Amply's own " +
          'AWS account is unknown.',
        request: { params: ArtistIdParam, query: TemplateQuery },
        responses: {
          200: jsonResponse(AwsTemplateSchema, 'The template and how to launch it'),
          ...errorResponses(400, 401, 404, 409, 429, 503),
        },
      }),
      async (c) => {
        const { artistId } = c.req.valid('param');
        const { format } = c.req.valid('query');
        return ok(c, await service.awsTemplate(c.get('principal').userId, artistId, format));
      },
    )
    .openapi(
      createRoute({
        ...owner,
        method: 'get',
        path: '/artists/{artistId}/setup-status',
        operationId: 'getArtistSetupStatus',
        summary: 'Whether the stack has called back: pending, complete (with the config) or failed',
        description: `${ownerOnly} Works on every runtime; poll it where server-sent events cannot stream.`,
        request: { params: ArtistIdParam },
        responses: {
          200: jsonResponse(SetupStatusSchema, 'The setup status'),
          ...errorResponses(400, 401, 404, 429),
        },
      }),
      async (c) => ok(c, await service.setupStatus(c.get('principal').userId, c.req.valid('param').artistId)),
    );
}
