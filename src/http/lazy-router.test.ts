import { Writable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { AppEnv } from './context.js';
import { onError } from './errors.js';
import { lazyRouter, mountLazyRouter, type RouteKey } from './lazy-router.js';
import { requestContext } from './request-context.js';
import { createRouter } from './router.js';

const silent = createLogger({ level: 'silent' });

/** A router with one validated route and one plain one, and a count of how often it was built. */
function countedRouter(options: { failFirst?: boolean } = {}) {
  const built = { count: 0, afterNext: 0 };
  const router = lazyRouter('test.things', async () => {
    built.count += 1;
    if (options.failFirst && built.count === 1) throw new Error('the first build fails');
    const things = createRouter();
    things.openapi(
      createRoute({
        method: 'get',
        path: '/things/{thingId}',
        request: {
          params: z.object({ thingId: z.string().regex(/^thing_\d+$/) }),
          query: z.object({ size: z.coerce.number().int().min(1).optional() }),
        },
        responses: { 200: { description: 'The thing' } },
      }),
      (c) => c.json({ thingId: c.req.valid('param').thingId, size: c.req.valid('query').size ?? null }, 200),
    );
    things.post('/things', (c) => c.json({ created: true }, 201));
    things.openapi(
      createRoute({
        method: 'delete',
        path: '/things/{thingId}',
        middleware: [
          async (_c, next) => {
            await next();
            built.afterNext += 1;
          },
        ] as const,
        request: { params: z.object({ thingId: z.string() }) },
        responses: { 204: { description: 'Deleted' } },
      }),
      () => {
        throw new NotFoundError('No such thing');
      },
    );
    return things;
  });
  return { router, built };
}

function appWith(
  router: ReturnType<typeof countedRouter>['router'],
  routes: readonly RouteKey[] = TABLE,
  logger = silent,
) {
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestContext({ logger, remoteAddress: () => '203.0.113.5', trustedHops: 0 }));
  mountLazyRouter(app, router, routes, onError);
  app.get('/other', (c) => c.json({ other: true }, 200));
  app.onError(onError);
  return app;
}

const TABLE = [
  ['GET', '/things/:thingId'],
  ['POST', '/things'],
  ['DELETE', '/things/:thingId'],
] as const;

describe('a lazily mounted router', () => {
  it('is not built until one of its routes is called, then built once', async () => {
    const { router, built } = countedRouter();
    const app = appWith(router);
    expect((await app.request('/other')).status).toBe(200);
    expect(built.count).toBe(0);

    const first = await app.request('/things/thing_7?size=3');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ thingId: 'thing_7', size: 3 });
    expect((await app.request('/things', { method: 'POST' })).status).toBe(201);
    expect(built.count).toBe(1);
  });

  it('answers an error where the handler throws it, so middleware still runs its work after next()', async () => {
    const { router, built } = countedRouter();
    const response = await appWith(router).request('/things/thing_1', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect(built.afterNext).toBe(1);
  });

  it('answers HEAD from the GET route and builds once for concurrent first calls', async () => {
    const { router, built } = countedRouter();
    const app = appWith(router);
    const [head, ...gets] = await Promise.all([
      app.request('/things/thing_2', { method: 'HEAD' }),
      ...Array.from({ length: 5 }, () => app.request('/things/thing_2')),
    ]);
    expect(head?.status).toBe(200);
    expect(await head?.text()).toBe('');
    expect(gets.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(built.count).toBe(1);
  });

  it("runs the route's validators in the request's context, so a bad parameter is the app's 400 envelope", async () => {
    const { router } = countedRouter();
    const app = appWith(router);
    const cases: [path: string, field: string][] = [
      ['/things/nope', 'thingId'],
      ['/things/thing_1?size=0', 'size'],
    ];
    for (const [path, field] of cases) {
      const response = await app.request(path);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; details: { field: string }[] } };
      expect(body.error.code).toBe('VALIDATION_ERROR');
      expect(body.error.details.map((detail) => detail.field)).toEqual([field]);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('answers a failed build with a 500 envelope and builds again on the next call', async () => {
    const { router, built } = countedRouter({ failFirst: true });
    const app = appWith(router);
    const failed = await app.request('/things/thing_1');
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_ERROR');
    expect((await app.request('/things/thing_1')).status).toBe(200);
    expect(built.count).toBe(2);
  });

  it('answers a route table entry its router does not declare with a 500, logging both names', async () => {
    const { router } = countedRouter();
    const lines: string[] = [];
    const logger = createLogger({
      level: 'error',
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const response = await appWith(router, [['PUT', '/things/:thingId']], logger).request('/things/thing_1', {
      method: 'PUT',
    });
    expect(response.status).toBe(500);
    expect(lines.join('')).toContain('test.things has no PUT /things/:thingId');
  });
});
