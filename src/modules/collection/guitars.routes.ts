import { createRoute } from '@hono/zod-openapi';
import type { Authenticator } from '../../http/auth.js';
import { bearerSecurity, requireAuth } from '../../http/auth.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { IdempotencyHeader } from '../../http/idempotency-header.js';
import type { RateLimiters } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import {
  BrandCountsSchema,
  EXAMPLE_GUITAR,
  GuitarIdParam,
  GuitarInput,
  GuitarListQuery,
  GuitarPage,
  GuitarPatchBody,
  GuitarReplaceBody,
  GuitarSchema,
  MessageSchema,
  NoteBody,
  NoteParams,
  NoteSchema,
  StatsSchema,
} from './schemas.js';
import type { CollectionService } from './service.js';

export interface CollectionRouteDeps {
  service: CollectionService;
  authenticator: Authenticator;
  limits: RateLimiters;
}

const tags = ['Guitars'];

/** `/guitars/*`: the signed-in user's own collection; anyone else's guitar is a 404. */
export function guitarRoutes({ service, authenticator }: CollectionRouteDeps) {
  const middleware = [requireAuth(authenticator)];
  const common = { tags, security: bearerSecurity, middleware };

  return createRouter('GUITAR_VALIDATION_ERROR')
    .openapi(
      createRoute({
        ...common,
        method: 'get',
        path: '/guitars/brands',
        operationId: 'listGuitarBrands',
        summary: 'Distinct brands with how many guitars of each',
        responses: { 200: jsonResponse(BrandCountsSchema, 'Brands, A–Z'), ...errorResponses(401, 429) },
      }),
      async (c) => ok(c, await service.brands(c.get('principal').userId)),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'get',
        path: '/guitars/stats',
        operationId: 'getGuitarStats',
        summary: 'How many guitars, and purchase price and current value per currency',
        responses: { 200: jsonResponse(StatsSchema, 'The totals'), ...errorResponses(401, 429) },
      }),
      async (c) => ok(c, await service.stats(c.get('principal').userId)),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'get',
        path: '/guitars',
        operationId: 'listGuitars',
        summary: 'A page of guitars, newest year first; filter by brand, type and years',
        request: { query: GuitarListQuery },
        responses: { 200: jsonResponse(GuitarPage, 'A page'), ...errorResponses(400, 401, 429) },
      }),
      async (c) => ok(c, await service.list(c.get('principal').userId, c.req.valid('query'))),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'post',
        path: '/guitars',
        operationId: 'createGuitar',
        summary: 'Add a guitar',
        request: { headers: IdempotencyHeader, body: jsonBody(GuitarInput, EXAMPLE_GUITAR) },
        responses: {
          201: jsonResponse(GuitarSchema, 'Created (or, for a repeated Idempotency-Key, the first result)'),
          ...errorResponses(400, 401, 409, 422, 429),
        },
      }),
      async (c) => {
        const key = c.req.valid('header')['idempotency-key'];
        const result = await service.create(c.get('principal').userId, c.req.valid('json'), key);
        if (result.replayed) c.header('Idempotent-Replayed', 'true');
        return ok(c, result.guitar, 201);
      },
    )
    .openapi(
      createRoute({
        ...common,
        method: 'get',
        path: '/guitars/{id}',
        operationId: 'getGuitar',
        summary: 'One guitar with notes, images and private information',
        request: { params: GuitarIdParam },
        responses: { 200: jsonResponse(GuitarSchema, 'The guitar'), ...errorResponses(400, 401, 404, 429) },
      }),
      async (c) => ok(c, await service.get(c.get('principal').userId, c.req.valid('param').id)),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'put',
        path: '/guitars/{id}',
        operationId: 'replaceGuitar',
        summary: 'Replace the writable fields (images, notes and receipt stay)',
        request: {
          params: GuitarIdParam,
          body: jsonBody(GuitarReplaceBody, { ...EXAMPLE_GUITAR, version: 3 }),
        },
        responses: {
          200: jsonResponse(GuitarSchema, 'The guitar'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        const { version, ...input } = c.req.valid('json');
        return ok(
          c,
          await service.replace(c.get('principal').userId, c.req.valid('param').id, input, version),
        );
      },
    )
    .openapi(
      createRoute({
        ...common,
        method: 'patch',
        path: '/guitars/{id}',
        operationId: 'updateGuitar',
        summary: 'Change some fields (JSON merge patch: null removes a field)',
        request: {
          params: GuitarIdParam,
          body: jsonBody(GuitarPatchBody, { color: 'Olympic White', finish: null, version: 3 }),
        },
        responses: {
          200: jsonResponse(GuitarSchema, 'The guitar'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) =>
        ok(c, await service.patch(c.get('principal').userId, c.req.valid('param').id, c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'delete',
        path: '/guitars/{id}',
        operationId: 'deleteGuitar',
        summary: 'Delete the guitar, its images and its receipt',
        request: { params: GuitarIdParam },
        responses: {
          200: jsonResponse(MessageSchema, 'Deleted'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        await service.remove(c.get('principal').userId, c.req.valid('param').id);
        return ok(c, { message: 'Guitar deleted' });
      },
    )
    .openapi(
      createRoute({
        ...common,
        method: 'post',
        path: '/guitars/{id}/notes',
        operationId: 'addGuitarNote',
        summary: 'Add a note',
        request: {
          params: GuitarIdParam,
          headers: IdempotencyHeader,
          body: jsonBody(NoteBody, { content: 'New strings: 10–46, set up with 1.6 mm action.' }),
        },
        responses: {
          201: jsonResponse(NoteSchema, 'The note'),
          ...errorResponses(400, 401, 404, 409, 422, 429),
        },
      }),
      async (c) => {
        const key = c.req.valid('header')['idempotency-key'];
        const { content } = c.req.valid('json');
        return ok(
          c,
          await service.addNote(c.get('principal').userId, c.req.valid('param').id, content, key),
          201,
        );
      },
    )
    .openapi(
      createRoute({
        ...common,
        method: 'delete',
        path: '/guitars/{id}/notes/{noteId}',
        operationId: 'deleteGuitarNote',
        summary: 'Delete a note',
        request: { params: NoteParams },
        responses: {
          200: jsonResponse(MessageSchema, 'Deleted'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        const { id, noteId } = c.req.valid('param');
        await service.removeNote(c.get('principal').userId, id, noteId);
        return ok(c, { message: 'Note deleted' });
      },
    );
}
