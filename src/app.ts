import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { TrieRouter } from 'hono/router/trie-router';
import type { Deps } from './deps.js';
import { devEventsRoutes } from './events/dev-events.routes.js';
import { lazyOutboxStore } from './events/index.js';
import { BEARER_SCHEME } from './http/auth.js';
import { jsonBodyGuard } from './http/body-guard.js';
import { consoleContentSecurityPolicy, consoleRoutes } from './http/console.routes.js';
import type { AppEnv, RemoteAddress } from './http/context.js';
import { devOutboxRoutes } from './http/dev-outbox.routes.js';
import { docsRoutes } from './http/docs.routes.js';
import { onError, onMethodNotAllowed, onNotFound } from './http/errors.js';
import { responseHeaders } from './http/headers.js';
import { healthRoutes } from './http/health.routes.js';
import { type LazyRouter, mountLazyRouter, type RouteKey } from './http/lazy-router.js';
import { mediaRoutes } from './http/media.routes.js';
import { originVerify } from './http/origin-verify.js';
import { rateLimit } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import type { Router } from './http/router.js';
import { lazy } from './lazy.js';
import { createModules } from './modules/index.js';
import { ROUTE_TABLE } from './modules/route-table.generated.js';

export interface AppOptions {
  /** How this runtime learns the caller's address (socket on Node, source IP on Lambda). */
  remoteAddress: RemoteAddress;
  /** The built console (`dist/console`), served at /console on the dev stage (the Node server passes it). */
  consoleDir?: string;
}

/** Paths outside the general per-IP limit: probes, documentation and public keys. */
const UNLIMITED = /^\/(?:health(?:\/|$)|docs(?:\/|$)|console(?:\/|$)|openapi\.json$|\.well-known\/)/;

/**
 * No open-source licence has been chosen: all rights reserved until one is (decision 44). A constant, not a
 * literal: the document's config types its info with the OpenAPI 3.0 shape, which lacks 3.1's SPDX
 * `identifier`.
 */
const LICENSE = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };

function isLazy(router: Router | LazyRouter): router is LazyRouter {
  return 'load' in router;
}

/**
 * A lazy router's routes from the generated table. A router missing from it mounts no route, which its own
 * tests and the table's test (src/modules/route-table.test.ts, which rewrites the table on `-u`) catch.
 */
function routeTableEntry(name: string): readonly RouteKey[] {
  return (ROUTE_TABLE as Record<string, readonly RouteKey[]>)[name] ?? [];
}

/** Builds the whole HTTP application from its dependencies. Every runtime and every test starts here. */
export function createApp(deps: Deps, options: AppOptions) {
  const { config } = deps;
  // The router Hono's default (SmartRouter) settles on for these routes anyway: its first choice refuses
  // `/auth/:provider/login`, and trying it first cost the first request of every Lambda cold start.
  // A plain Hono: the OpenAPI document is rendered from the routers themselves (below), not from this app.
  const app = new Hono<AppEnv>({ router: new TrieRouter() });
  const modules = createModules(deps);

  app.use(
    requestContext({
      logger: deps.logger,
      remoteAddress: options.remoteAddress,
      trustedHops: config.trustProxyHops,
    }),
  );
  app.use(responseHeaders(config));
  if (config.secrets.originSecret) app.use(originVerify(config.secrets.originSecret));
  // The local stand-in for S3 and CloudFront answers before the JSON API's body guard and general limit:
  // uploads carry image bytes (their signed URL bounds the size) and serving media is a CDN's job.
  if (deps.media) app.route('/', mediaRoutes(deps.media));
  app.use(jsonBodyGuard());
  if (config.rateLimits.default) {
    const generalLimit = rateLimit(deps.limits, 'default');
    app.use((c, next) => (UNLIMITED.test(c.req.path) ? next() : generalLimit(c, next)));
  }

  // The documented routers in mounting order: the OpenAPI document lists their operations in this order.
  const documented: (Router | LazyRouter)[] = [healthRoutes(deps.db), ...modules.routers];
  if (config.stage === 'dev' && deps.outbox) documented.push(devOutboxRoutes(deps.outbox));
  if (config.stage === 'dev') {
    const store = lazyOutboxStore(deps.db);
    documented.push(devEventsRoutes({ store, cursors: deps.cursors, webhooks: config.webhooks }));
  }
  for (const router of documented) {
    if (!isLazy(router)) app.route('/', router);
    else mountLazyRouter(app, router, routeTableEntry(router.name), onError);
  }

  const openApiDocument = lazy(async () => {
    const doc = new OpenAPIHono<AppEnv>();
    for (const router of documented) doc.route('/', isLazy(router) ? await router.load() : router);
    doc.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An access token from /auth/login, /auth/mfa/verify, /auth/refresh or /auth/token',
    });
    return doc.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Amply API',
        version: '1',
        description:
          'One backend for music platforms: accounts, platform connections, artists, casting and collections.',
        license: LICENSE,
      },
      servers: [{ url: config.publicUrl }],
    });
  });
  app.get('/openapi.json', async (c) => c.json(await openApiDocument()));
  app.route('/', docsRoutes());
  if (config.stage === 'dev' && options.consoleDir) {
    const contentSecurityPolicy = consoleContentSecurityPolicy(config);
    app.route('/', consoleRoutes({ dir: options.consoleDir, contentSecurityPolicy }));
  }

  app.onError(onError);
  // Hono's 405 middleware, run only when nothing matched (as a global middleware it would wrap every request).
  const methodCheck = methodNotAllowed({ app, onMethodNotAllowed });
  app.notFound(async (c) => {
    await methodCheck(c, async () => {
      c.res = onNotFound(c) as Response;
    });
    return c.res;
  });
  return { app, modules };
}
