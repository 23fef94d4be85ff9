import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, optionalAuth, requireAuth } from '../../http/auth.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { IdempotencyHeader } from '../../http/idempotency-header.js';
import { PageQuery } from '../../http/pagination.js';
import { createRouter } from '../../http/router.js';
import type { Principal } from '../../security/tokens.js';
import type { CastingRouteDeps } from './profiles.routes.js';
import {
  ApplicationInput,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationParams,
  ApplicationSchema,
  CastingIdParam,
  CastingInput,
  CastingListQuery,
  CastingPage,
  CastingSchema,
  EXAMPLE_CASTING,
  EXAMPLE_IMAGE_KEY,
  ImageKeyBody,
  MessageSchema,
  RecruiterCastingsQuery,
  RecruiterIdParam,
  StatusChangeBody,
  UserIdParam,
} from './schemas.js';

/** `/castings/*` and the lists of one recruiter's castings. Owner routes answer anyone else 404. */
export function castingRoutes({ service, authenticator }: CastingRouteDeps) {
  const tags = ['Castings'];
  const auth = { tags, security: bearerSecurity, middleware: [requireAuth(authenticator)] };
  const open = { tags, security: [] };
  const me = (c: { get(name: 'principal'): Principal }) => c.get('principal').userId;

  return createRouter()
    .openapi(
      createRoute({
        ...auth,
        operationId: 'createCasting',
        method: 'post',
        path: '/castings',
        summary: 'Post a casting call (recruiter role)',
        request: { headers: IdempotencyHeader, body: jsonBody(CastingInput, EXAMPLE_CASTING) },
        responses: {
          201: jsonResponse(CastingSchema, 'Created (or, for a repeated Idempotency-Key, the first result)'),
          ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429),
        },
      }),
      async (c) => {
        const key = c.req.valid('header')['idempotency-key'];
        const result = await service.castings.create(me(c), c.req.valid('json'), key);
        if (result.replayed) c.header('Idempotent-Replayed', 'true');
        return ok(c, result.casting, 201);
      },
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'listCastings',
        method: 'get',
        path: '/castings',
        summary:
          'Open castings, newest first; filter by role type, location, compensation type, or words (`q`)',
        request: { query: CastingListQuery },
        responses: { 200: jsonResponse(CastingPage, 'A page'), ...errorResponses(400, 429) },
      }),
      async (c) => ok(c, await service.castings.list(c.req.valid('query'))),
    )
    .openapi(
      createRoute({
        tags,
        security: [{}, ...bearerSecurity],
        middleware: [optionalAuth(authenticator)],
        operationId: 'getCasting',
        method: 'get',
        path: '/castings/{id}',
        summary: 'One casting (an expired one only for its owner)',
        request: { params: CastingIdParam },
        responses: { 200: jsonResponse(CastingSchema, 'The casting'), ...errorResponses(400, 401, 404, 429) },
      }),
      async (c) => {
        const viewer = c.get('principal') as Principal | undefined;
        return ok(c, await service.castings.get(c.req.valid('param').id, viewer?.userId));
      },
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'replaceCasting',
        method: 'put',
        path: '/castings/{id}',
        summary: 'Replace a casting’s fields (owner)',
        request: { params: CastingIdParam, body: jsonBody(CastingInput, EXAMPLE_CASTING) },
        responses: {
          200: jsonResponse(CastingSchema, 'The casting'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.castings.replace(me(c), c.req.valid('param').id, c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'deleteCasting',
        method: 'delete',
        path: '/castings/{id}',
        summary: 'Delete a casting with its applications and cover (owner)',
        request: { params: CastingIdParam },
        responses: {
          200: jsonResponse(MessageSchema, 'Deleted'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        await service.castings.remove(me(c), c.req.valid('param').id);
        return ok(c, { message: 'Casting deleted' });
      },
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'closeCasting',
        method: 'post',
        path: '/castings/{id}/close',
        summary: 'Close a casting: off the lists, no more applications (owner)',
        request: { params: CastingIdParam },
        responses: {
          200: jsonResponse(CastingSchema, 'The casting'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => ok(c, await service.castings.close(me(c), c.req.valid('param').id)),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'reopenCasting',
        method: 'post',
        path: '/castings/{id}/reopen',
        summary: 'Reopen a closed, unexpired casting (owner)',
        request: { params: CastingIdParam },
        responses: {
          200: jsonResponse(CastingSchema, 'The casting'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => ok(c, await service.castings.reopen(me(c), c.req.valid('param').id)),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'setCastingCover',
        method: 'put',
        path: '/castings/{id}/cover',
        summary: 'Check, clean and set an uploaded image as the cover (owner)',
        request: { params: CastingIdParam, body: jsonBody(ImageKeyBody, EXAMPLE_IMAGE_KEY) },
        responses: {
          200: jsonResponse(CastingSchema, 'The casting'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) =>
        ok(c, await service.castings.setCover(me(c), c.req.valid('param').id, c.req.valid('json').imageKey)),
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'listRecruiterCastings',
        method: 'get',
        path: '/recruiters/{recruiterId}/castings',
        summary: 'A recruiter’s unexpired castings (open and closed), newest first, created from..to',
        request: { params: RecruiterIdParam, query: RecruiterCastingsQuery },
        responses: { 200: jsonResponse(CastingPage, 'A page'), ...errorResponses(400, 429) },
      }),
      async (c) =>
        ok(c, await service.castings.listByRecruiter(c.req.valid('param').recruiterId, c.req.valid('query'))),
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'listUserCastings',
        method: 'get',
        path: '/users/{userId}/castings',
        summary: 'A user’s unexpired castings (open and closed), newest first',
        request: { params: UserIdParam, query: PageQuery },
        responses: { 200: jsonResponse(CastingPage, 'A page'), ...errorResponses(400, 429) },
      }),
      async (c) =>
        ok(c, await service.castings.listByRecruiter(c.req.valid('param').userId, c.req.valid('query'))),
    );
}

/** Applications to castings, and the caller's own. */
export function applicationRoutes({ service, authenticator }: CastingRouteDeps) {
  const tags = ['Applications'];
  const auth = { tags, security: bearerSecurity, middleware: [requireAuth(authenticator)] };
  const me = (c: { get(name: 'principal'): Principal }) => c.get('principal').userId;

  return createRouter()
    .openapi(
      createRoute({
        ...auth,
        operationId: 'applyToCasting',
        method: 'post',
        path: '/castings/{id}/applications',
        summary:
          'Apply (artist role; once per casting), answering its questions and attaching portfolio items',
        request: {
          params: CastingIdParam,
          headers: IdempotencyHeader,
          body: jsonBody(ApplicationInput, {
            message: 'I sang with the Blue Note house band for two seasons.',
            answers: [{ questionId: 'q1', answer: 'Yes, from March.' }],
            portfolioItemIds: ['pfi_01jd8x4m9q2v7k3n5p6r8s0t1w'],
          }),
        },
        responses: {
          201: jsonResponse(
            ApplicationSchema,
            'Submitted (or, for a repeated Idempotency-Key, the first result)',
          ),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
        },
      }),
      async (c) => {
        const key = c.req.valid('header')['idempotency-key'];
        const result = await service.applications.apply(
          me(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          key,
        );
        if (result.replayed) c.header('Idempotent-Replayed', 'true');
        return ok(c, result.application, 201);
      },
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'listCastingApplications',
        method: 'get',
        path: '/castings/{id}/applications',
        summary: 'A casting’s applications, newest first, optionally of one status (owner)',
        request: { params: CastingIdParam, query: ApplicationListQuery },
        responses: { 200: jsonResponse(ApplicationPage, 'A page'), ...errorResponses(400, 401, 404, 429) },
      }),
      async (c) =>
        ok(
          c,
          await service.applications.listForCasting(me(c), c.req.valid('param').id, c.req.valid('query')),
        ),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'setApplicationStatus',
        method: 'patch',
        path: '/castings/{id}/applications/{applicationId}',
        summary: 'Shortlist, reject or accept an application (owner); the applicant is mailed',
        request: { params: ApplicationParams, body: jsonBody(StatusChangeBody, { status: 'shortlisted' }) },
        responses: {
          200: jsonResponse(ApplicationSchema, 'The application'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) => {
        const { id, applicationId } = c.req.valid('param');
        return ok(
          c,
          await service.applications.setStatus(me(c), id, applicationId, c.req.valid('json').status),
        );
      },
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'withdrawApplication',
        method: 'delete',
        path: '/castings/{id}/applications/{applicationId}',
        summary: 'Withdraw one’s own application',
        request: { params: ApplicationParams },
        responses: {
          200: jsonResponse(ApplicationSchema, 'The application, withdrawn'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        const { id, applicationId } = c.req.valid('param');
        return ok(c, await service.applications.withdraw(me(c), id, applicationId));
      },
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'listMyApplications',
        method: 'get',
        path: '/user/applications',
        summary: 'The caller’s applications with their status, newest first',
        request: { query: PageQuery },
        responses: { 200: jsonResponse(ApplicationPage, 'A page'), ...errorResponses(400, 401, 429) },
      }),
      async (c) => ok(c, await service.applications.mine(me(c), c.req.valid('query'))),
    );
}
