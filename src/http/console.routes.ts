import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { CONSOLE_PATH, type Config } from '../config.js';
import { NotFoundError } from '../errors.js';
import type { AppEnv } from './context.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** Asset names carry their content hash (`app-3F7Q2X.js`): anything else is not one of ours. */
const ASSET = /^[A-Za-z0-9_-]+\.(?:js|css|svg|map)$/;

/** The origins of a URL list, for a CSP source list (the invalid and absent ones left out). */
function origins(...urls: Array<string | undefined>): string[] {
  return urls.flatMap((url) => {
    try {
      return url ? [new URL(url).origin] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The console's Content-Security-Policy: its own scripts and styles only (no inline code, nothing from a
 * CDN); calls to this server, and uploads and images to and from storage when that is S3 elsewhere.
 */
export function consoleContentSecurityPolicy(config: Pick<Config, 'blobs'>): string {
  const storage = origins(config.blobs.s3.endpoint, config.blobs.mediaBaseUrl);
  if (config.blobs.adapter === 's3' && !config.blobs.s3.endpoint && config.blobs.s3.bucket) {
    storage.push(`https://${config.blobs.s3.bucket}.s3.${config.blobs.s3.region}.amazonaws.com`);
  }
  const list = (...sources: string[]) => [...new Set(sources)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${list("'self'", 'data:', 'blob:', ...storage)}`,
    `connect-src ${list("'self'", ...storage)}`,
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `/console/*`: the Amply console's built files (`npm run build` writes them to `dist/console/`), served
 * by the Node server on the dev stage. Hashed assets are cached for a year; every other path answers the
 * page itself, so the console's own addresses (`/console/guitars/…`, the SSO and connect redirects'
 * `/console/auth/callback` and `/console/dashboard`) survive a reload.
 */
export function consoleRoutes(options: { dir: string; contentSecurityPolicy: string }) {
  const page = async () => {
    try {
      return await readFile(join(options.dir, 'index.html'), 'utf8');
    } catch {
      throw new NotFoundError('The console is not built here: run npm run build');
    }
  };
  const answerPage = async (c: Context<AppEnv>) => {
    const html = await page();
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', options.contentSecurityPolicy);
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(html);
  };
  return new Hono<AppEnv>()
    .get(CONSOLE_PATH, (c) => c.redirect(`${CONSOLE_PATH}/`, 301))
    .get(`${CONSOLE_PATH}/assets/:file`, async (c) => {
      const file = c.req.param('file');
      const type = TYPES[extname(file)];
      if (!ASSET.test(file) || !type) throw new NotFoundError('No such console file');
      let body: Buffer;
      try {
        body = await readFile(join(options.dir, 'assets', file));
      } catch {
        throw new NotFoundError('No such console file');
      }
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    })
    .get(`${CONSOLE_PATH}/*`, answerPage);
}
