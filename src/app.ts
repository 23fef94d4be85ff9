import { OpenAPIHono } from '@hono/zod-openapi';
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
import { mediaRoutes } from './http/media.routes.js';
import { originVerify } from './http/origin-verify.js';
import { rateLimit } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { createModules } from './modules/index.js';

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
 * literal: Hono types `doc31`'s info with the OpenAPI 3.0 shape, which lacks 3.1's SPDX `identifier`.
 */
const LICENSE = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };

/** Builds the whole HTTP application from its dependencies. Every runtime and every test starts here. */
export function createApp(deps: Deps, options: AppOptions) {
  const { config } = deps;
  // The router Hono's default (SmartRouter) settles on for these routes anyway: its first choice refuses
  // `/auth/:provider/login`, and trying it first cost the first request of every Lambda cold start.
  const app = new OpenAPIHono<AppEnv>({ router: new TrieRouter() });
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

  app.route('/', healthRoutes(deps.db));
  for (const router of modules.routers) app.route('/', router);
  if (config.stage === 'dev' && deps.outbox) app.route('/', devOutboxRoutes(deps.outbox));
  if (config.stage === 'dev') {
    const store = lazyOutboxStore(deps.db);
    app.route('/', devEventsRoutes({ store, cursors: deps.cursors, webhooks: config.webhooks }));
  }

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from /auth/login, /auth/mfa/verify, /auth/refresh or /auth/token',
  });
  app.doc31('/openapi.json', {
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
