import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, requireAuth } from '../../http/auth.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { rateLimit } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import { UploadTicketSchema } from '../../media/upload-schemas.js';
import type { CollectionRouteDeps } from './guitars.routes.js';
import {
  ImageParams,
  MessageSchema,
  UploadCompleteBody,
  UploadCompleteSchema,
  UploadUrlBody,
} from './schemas.js';

const tags = ['Images'];

/** Direct uploads of guitar images and receipts, and taking an image off a guitar. */
export function imageRoutes({ service, authenticator, limits }: CollectionRouteDeps) {
  const middleware = [requireAuth(authenticator)];
  const common = { tags, security: bearerSecurity, middleware };
  // Each upload URL lets its holder put up to the upload limit into storage: counted per user.
  const uploadLimit = rateLimit(limits, 'uploads', (c) => c.get('principal').userId);

  return createRouter()
    .openapi(
      createRoute({
        ...common,
        middleware: [...middleware, uploadLimit],
        method: 'post',
        path: '/images/upload-url',
        operationId: 'createImageUploadUrl',
        summary: 'A signed URL to PUT one image or receipt to (5 minutes; type and size bound)',
        request: {
          body: jsonBody(UploadUrlBody, {
            fileName: 'strat-front.jpg',
            fileType: 'image/jpeg',
            fileSize: 2_481_337,
            kind: 'image',
          }),
        },
        responses: {
          200: jsonResponse(UploadTicketSchema, 'Where and how to upload'),
          ...errorResponses(400, 401, 413, 429),
        },
      }),
      async (c) => ok(c, await service.createUploadUrl(c.get('principal').userId, c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...common,
        method: 'post',
        path: '/images/upload-complete',
        operationId: 'completeImageUpload',
        summary: 'Check, clean and record an uploaded image (or receipt) on a guitar',
        request: {
          body: jsonBody(UploadCompleteBody, {
            imageKey: 'uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-strat-front.jpg',
            guitarId: 'gtr_01jd8x4m9q2v7k3n5p6r8s0t1w',
            caption: 'Front, in daylight',
            isPrimary: true,
          }),
        },
        responses: {
          200: jsonResponse(UploadCompleteSchema, 'Stored and recorded'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => ok(c, await service.completeUpload(c.get('principal').userId, c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...common,
        tags: ['Guitars'],
        method: 'delete',
        path: '/guitars/{id}/images/{imageId}',
        operationId: 'deleteGuitarImage',
        summary: 'Delete an image (the next one becomes primary)',
        request: { params: ImageParams },
        responses: {
          200: jsonResponse(MessageSchema, 'Deleted'),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      }),
      async (c) => {
        const { id, imageId } = c.req.valid('param');
        await service.removeImage(c.get('principal').userId, id, imageId);
        return ok(c, { message: 'Image deleted' });
      },
    );
}
