// Builds the Amply console (console/) into static files: index.html and hashed assets. `npm start` serves
// them at /console on the dev stage; the same folder can go to any static host or CDN (see README, "Try it").
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/**
 * `apiUrl`: the API's base URL when the console is hosted elsewhere (empty: the same origin, as served by
 * the Node server). `base`: the path the console is served under. `connectOrigins`: other origins the page
 * talks to (S3 for uploads, the media CDN), for the CSP a static host needs (the Node server sends its own).
 */
export async function buildConsole({
  outdir = 'dist/console',
  apiUrl = process.env.AMPLY_CONSOLE_API_URL ?? '',
  base = process.env.AMPLY_CONSOLE_BASE ?? '/console/',
  connectOrigins = (process.env.AMPLY_CONSOLE_CONNECT_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean),
} = {}) {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { app: 'console/src/main.tsx' },
    outdir: join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@amply/client': './clients/typescript/src/index.ts' },
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  const sources = (...more) => [...new Set(["'self'", ...more])].join(' ');
  const api = apiUrl ? [new URL(apiUrl).origin] : [];
  // Only a console hosted apart from the API needs its policy in the page; the Node server sends a header.
  const policy = apiUrl
    ? [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        `img-src ${sources('data:', 'blob:', ...api, ...connectOrigins)}`,
        `connect-src ${sources(...api, ...connectOrigins)}`,
        "base-uri 'self'",
        "form-action 'self'",
      ].join('; ')
    : '';
  const html = (await readFile('console/index.html', 'utf8'))
    .replace('%BASE%', base)
    .replace('%CSP%', policy ? `<meta http-equiv="Content-Security-Policy" content="${policy}">` : '')
    .replace('%API_URL%', apiUrl)
    .replace('%JS%', script)
    .replace('%CSS%', style);
  await writeFile(join(outdir, 'index.html'), html);
  return { script, style, metafile: result.metafile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--outdir=<folder>` writes the build elsewhere (e.g. a folder to upload to a static host).
  const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length);
  await buildConsole(outdir ? { outdir } : {});
}
