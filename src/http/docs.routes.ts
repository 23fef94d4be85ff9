import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../errors.js';
import { lazy } from '../lazy.js';
import type { AppEnv } from './context.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Amply API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api-docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api-docs', deepLinking: true });\n`;

/**
 * `/docs`: Swagger UI over `/openapi.json`, with its files served from the installed `swagger-ui-dist`
 * package rather than a CDN, so the page works offline and on a closed network.
 */
export function docsRoutes() {
  const assetDir = lazy(async () =>
    dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')),
  );
  const immutable = 'public, max-age=86400';
  return new Hono<AppEnv>()
    .get('/docs', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(PAGE);
    })
    .get('/docs/assets/init.js', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    })
    .get('/docs/assets/:file', async (c) => {
      const file = c.req.param('file');
      const type = ASSETS[file];
      if (!type) throw new NotFoundError('No such documentation file');
      let body: Buffer;
      try {
        body = await readFile(join(await assetDir(), file));
      } catch {
        throw new NotFoundError('The documentation files are not installed here (package swagger-ui-dist)');
      }
      return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': immutable });
    });
}
