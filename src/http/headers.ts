import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from '../config.js';
import type { AppEnv } from './context.js';

const EXPOSED = 'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

/*
 * Node fast paths. On the Node server, building Web `Headers` objects for a request's headers and for
 * every response costs about a third of the throughput of a small endpoint; Node's own parsed headers
 * and `setHeader` cost little. Elsewhere (Lambda, tests) these are plain Hono calls.
 */

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Node's own request, when the request came through the Node server (undefined on Lambda and in tests). */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as NodeBindings | undefined)?.incoming;
}

/** A request header (lower-case name), read from Node's parsed headers when the request came through Node. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sets a response header before the handler runs. On Node it goes straight onto the socket's response,
 * where Node merges it with the handler's headers (which win).
 */
export function presetHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * Security headers for a JSON API (OWASP's REST Security cheat sheet: no-store, nosniff, DENY, HSTS), CORS (preflights answered here) and a
 * `no-store` default, all set before the handler runs. A handler may replace any of them, e.g. `Cache-Control`
 * on public documents.
 */
export function responseHeaders(config: Pick<Config, 'stage' | 'corsOrigins'>): MiddlewareHandler<AppEnv> {
  const fixed: [string, string][] = [
    ['Cache-Control', 'no-store'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
  ];
  // Every real stage is served over HTTPS; only dev runs on plain http://localhost.
  if (config.stage !== 'dev')
    fixed.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains']);
  const origins = config.corsOrigins;
  if (origins !== '*') fixed.push(['Vary', 'Origin']);
  const preflight = cors({
    origin: origins === '*' ? '*' : origins,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Last-Event-ID: a page resuming a server-sent-event stream with fetch (EventSource cannot send Authorization).
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Last-Event-ID'],
    exposeHeaders: EXPOSED.split(', '),
    maxAge: 600,
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    for (const [name, value] of fixed) presetHeader(c, name, value);
    // CORS headers matter only to browsers, which always send Origin on cross-origin requests.
    const origin = requestHeader(c, 'origin');
    if (origin && (origins === '*' || origins.includes(origin))) {
      presetHeader(c, 'Access-Control-Allow-Origin', origins === '*' ? '*' : origin);
      presetHeader(c, 'Access-Control-Expose-Headers', EXPOSED);
    }
    await next();
  };
}
