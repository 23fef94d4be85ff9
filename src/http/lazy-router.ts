import type { Context, ErrorHandler, Hono, Next } from 'hono';
import { lazy } from '../lazy.js';
import type { AppEnv } from './context.js';
import type { Router } from './router.js';

/** One route as Hono registers it: the method (upper case) and the path with `:name` parameters. */
export type RouteKey = readonly [method: string, path: string];

/**
 * A module's router, built on first use: its request and response schemas, validators and handlers are
 * imported and constructed when one of its routes is first called (or the OpenAPI document is asked for),
 * not when the process starts (decision 53).
 */
export interface LazyRouter {
  /** Its key in the route table (`src/modules/route-table.generated.ts`), `module.router`. */
  name: string;
  /** Builds the router once; a failed build is tried again by the next caller. */
  load: () => Promise<Router>;
}

export function lazyRouter(name: string, build: () => Promise<Router>): LazyRouter {
  return { name, load: lazy(build) };
}

type RouteHandler = (c: Context<AppEnv>, next: Next) => Promise<Response | undefined> | Response | undefined;

/**
 * Runs a route's handlers (its middleware, validators and handler, as the router registered them) inside the
 * request's own context, as Hono's composition does: an error is answered by `onError` where it is thrown, so
 * a middleware's work after `await next()` still runs (the authenticator's sweep after a failed write); a
 * returned response becomes the context's response; the last `next` continues the app's chain.
 */
async function runChain(
  handlers: RouteHandler[],
  c: Context<AppEnv>,
  next: Next,
  onError: ErrorHandler<AppEnv>,
): Promise<void> {
  const step = async (index: number): Promise<void> => {
    const handler = handlers[index];
    if (!handler) return next();
    let response: Response | undefined;
    let failed = false;
    try {
      response = await handler(c, () => step(index + 1));
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      c.error = error;
      response = await onError(error, c);
      failed = true;
    }
    if (response instanceof Response && (!c.finalized || failed)) c.res = response;
  };
  await step(0);
}

/**
 * Registers every route of `router` on `app` from the route table, so matching, 404 and 405 (with its
 * `Allow`) behave as if the router were mounted, while its schemas and handlers wait for the first call.
 * Path parameters keep their names: the registered path is the router's own. `onError` is the app's error
 * handler, which a mounted router's routes were composed with.
 */
export function mountLazyRouter(
  app: Hono<AppEnv>,
  router: LazyRouter,
  routes: readonly RouteKey[],
  onError: ErrorHandler<AppEnv>,
) {
  for (const [method, path] of routes) {
    const handlers = lazy(async () => {
      const built = await router.load();
      const found = built.routes
        .filter((route) => route.method === method && route.path === path)
        .map((route) => route.handler as RouteHandler);
      if (found.length === 0) {
        throw new Error(`${router.name} has no ${method} ${path}; the route table is out of date`);
      }
      return found;
    });
    app.on(method, path, async (c, next) => runChain(await handlers(), c, next, onError));
  }
}
