import { createRoute } from '@hono/zod-openapi';
import { type Authenticator, bearerSecurity, requireAuth } from '../../http/auth.js';
import { errorResponses, jsonBody, jsonResponse, ok } from '../../http/envelope.js';
import { PageQuery } from '../../http/pagination.js';
import { type RateLimiters, rateLimit } from '../../http/rate-limit.js';
import { createRouter } from '../../http/router.js';
import { UploadTicketSchema } from '../../media/upload-schemas.js';
import {
  EXAMPLE_IMAGE_KEY,
  EXAMPLE_PORTFOLIO_ITEM,
  ImageKeyBody,
  ImageUploadUrlBody,
  MessageSchema,
  PortfolioItemInput,
  PortfolioItemParam,
  PortfolioItemSchema,
  PortfolioList,
  ProfileInput,
  ProfilePage,
  PublicProfileSchema,
  UserIdParam,
  UsernameParam,
} from './schemas.js';
import type { CastingService } from './service.js';

export interface CastingRouteDeps {
  service: CastingService;
  authenticator: Authenticator;
  limits: RateLimiters;
}

const tags = ['Profiles'];

/**
 * `/users/*`: public profiles (never an email address), the caller's own profile, avatar and portfolio.
 * The `/users/me/…` routes are registered before `/users/{userId}/…`, so `me` is never taken for an id.
 */
export function profileRoutes({ service, authenticator, limits }: CastingRouteDeps) {
  const auth = { tags, security: bearerSecurity, middleware: [requireAuth(authenticator)] };
  const open = { tags, security: [] };
  const me = (c: { get(name: 'principal'): { userId: string } }) => c.get('principal').userId;
  // Each upload URL lets its holder put up to the upload limit into storage: counted per user.
  const uploadLimit = rateLimit(limits, 'uploads', (c) => c.get('principal').userId);

  return createRouter()
    .openapi(
      createRoute({
        ...auth,
        operationId: 'getMyProfile',
        method: 'get',
        path: '/users/me',
        summary: 'The caller’s casting profile',
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(401, 404, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.get(me(c))),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'putMyProfile',
        method: 'put',
        path: '/users/me',
        summary: 'Create or replace the caller’s profile; the username is claimed atomically',
        request: {
          body: jsonBody(ProfileInput, {
            username: 'Ada.Sings',
            displayName: 'Ada',
            roles: ['artist'],
            bio: 'Jazz vocalist and session singer.',
            location: 'Berlin, DE',
            skills: ['jazz', 'vocals'],
            links: ['https://soundcloud.com/ada'],
          }),
        },
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(400, 401, 409, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.put(me(c), c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'deleteMyProfile',
        method: 'delete',
        path: '/users/me',
        summary: 'Delete the caller’s profile, portfolio and username (the account stays)',
        responses: { 200: jsonResponse(MessageSchema, 'Deleted'), ...errorResponses(401, 404, 429) },
      }),
      async (c) => {
        await service.profiles.remove(me(c));
        return ok(c, { message: 'Profile deleted' });
      },
    )
    .openapi(
      createRoute({
        ...auth,
        middleware: [...auth.middleware, uploadLimit],
        operationId: 'createProfileUploadUrl',
        method: 'post',
        path: '/users/me/upload-url',
        summary: 'A signed URL to PUT one image to (avatar, portfolio picture or casting cover; 5 minutes)',
        request: {
          body: jsonBody(ImageUploadUrlBody, {
            fileName: 'avatar.png',
            fileType: 'image/png',
            fileSize: 184_320,
          }),
        },
        responses: {
          200: jsonResponse(UploadTicketSchema, 'Where and how to upload'),
          ...errorResponses(400, 401, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.createUploadUrl(me(c), c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'setMyAvatar',
        method: 'put',
        path: '/users/me/avatar',
        summary: 'Check, clean and set an uploaded image as the avatar (with a thumbnail)',
        request: { body: jsonBody(ImageKeyBody, EXAMPLE_IMAGE_KEY) },
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(400, 401, 404, 409, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.setAvatar(me(c), c.req.valid('json').imageKey)),
    )
    .openapi(
      createRoute({
        ...auth,
        operationId: 'deleteMyAvatar',
        method: 'delete',
        path: '/users/me/avatar',
        summary: 'Remove the avatar',
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(401, 404, 409, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.removeAvatar(me(c))),
    )
    .openapi(
      createRoute({
        ...auth,
        tags: ['Portfolio'],
        operationId: 'listMyPortfolio',
        method: 'get',
        path: '/users/me/portfolio',
        summary: 'The caller’s portfolio, in order',
        responses: { 200: jsonResponse(PortfolioList, 'The items'), ...errorResponses(401, 404, 429) },
      }),
      async (c) => ok(c, await service.portfolio.list(me(c))),
    )
    .openapi(
      createRoute({
        ...auth,
        tags: ['Portfolio'],
        operationId: 'addPortfolioItem',
        method: 'post',
        path: '/users/me/portfolio',
        summary: 'Add a portfolio item (at `position`, or at the end)',
        request: { body: jsonBody(PortfolioItemInput, EXAMPLE_PORTFOLIO_ITEM) },
        responses: {
          201: jsonResponse(PortfolioItemSchema, 'The item'),
          ...errorResponses(400, 401, 404, 413, 415, 429),
        },
      }),
      async (c) => ok(c, await service.portfolio.add(me(c), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        ...auth,
        tags: ['Portfolio'],
        operationId: 'replacePortfolioItem',
        method: 'put',
        path: '/users/me/portfolio/{itemId}',
        summary: 'Replace a portfolio item’s fields and move it to `position`',
        request: { params: PortfolioItemParam, body: jsonBody(PortfolioItemInput, EXAMPLE_PORTFOLIO_ITEM) },
        responses: {
          200: jsonResponse(PortfolioItemSchema, 'The item'),
          ...errorResponses(400, 401, 404, 413, 415, 429),
        },
      }),
      async (c) =>
        ok(c, await service.portfolio.replace(me(c), c.req.valid('param').itemId, c.req.valid('json'))),
    )
    .openapi(
      createRoute({
        ...auth,
        tags: ['Portfolio'],
        operationId: 'deletePortfolioItem',
        method: 'delete',
        path: '/users/me/portfolio/{itemId}',
        summary: 'Delete a portfolio item and its picture',
        request: { params: PortfolioItemParam },
        responses: { 200: jsonResponse(MessageSchema, 'Deleted'), ...errorResponses(400, 401, 404, 429) },
      }),
      async (c) => {
        await service.portfolio.remove(me(c), c.req.valid('param').itemId);
        return ok(c, { message: 'Portfolio item deleted' });
      },
    )
    .openapi(
      createRoute({
        ...auth,
        tags: ['Portfolio'],
        operationId: 'setPortfolioItemImage',
        method: 'put',
        path: '/users/me/portfolio/{itemId}/image',
        summary: 'Check, clean and set an uploaded image as the item’s picture',
        request: { params: PortfolioItemParam, body: jsonBody(ImageKeyBody, EXAMPLE_IMAGE_KEY) },
        responses: {
          200: jsonResponse(PortfolioItemSchema, 'The item'),
          ...errorResponses(400, 401, 404, 413, 415, 429),
        },
      }),
      async (c) =>
        ok(
          c,
          await service.portfolio.setImage(me(c), c.req.valid('param').itemId, c.req.valid('json').imageKey),
        ),
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'listUsers',
        method: 'get',
        path: '/users',
        summary: 'Public profiles, newest first',
        request: { query: PageQuery },
        responses: { 200: jsonResponse(ProfilePage, 'A page'), ...errorResponses(400, 429) },
      }),
      async (c) => ok(c, await service.profiles.list(c.req.valid('query'))),
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'getUserByUsername',
        method: 'get',
        path: '/users/by-username/{username}',
        summary: 'A public profile by username, in any letter case',
        request: { params: UsernameParam },
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(400, 404, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.byUsername(c.req.valid('param').username)),
    )
    .openapi(
      createRoute({
        ...open,
        operationId: 'getUser',
        method: 'get',
        path: '/users/{userId}',
        summary: 'A public profile',
        request: { params: UserIdParam },
        responses: {
          200: jsonResponse(PublicProfileSchema, 'The profile'),
          ...errorResponses(400, 404, 429),
        },
      }),
      async (c) => ok(c, await service.profiles.get(c.req.valid('param').userId)),
    )
    .openapi(
      createRoute({
        ...open,
        tags: ['Portfolio'],
        operationId: 'listUserPortfolio',
        method: 'get',
        path: '/users/{userId}/portfolio',
        summary: 'A user’s portfolio, in order',
        request: { params: UserIdParam },
        responses: { 200: jsonResponse(PortfolioList, 'The items'), ...errorResponses(400, 404, 429) },
      }),
      async (c) => ok(c, await service.portfolio.list(c.req.valid('param').userId)),
    );
}
