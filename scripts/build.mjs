// Builds dist/: the Node server and the CLI (dependencies stay in node_modules), the console's static files,
// and the Lambda bundle (everything bundled and minified, except native addons that must be installed for
// the target CPU).
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildConsole } from './build-console.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
};

// sharp loads libvips for the target platform at run time: install it in the function for linux-arm64.
export const LAMBDA_EXTERNALS = ['@node-rs/argon2', 'sharp', 'swagger-ui-dist'];

/**
 * zod's `z` namespace re-exports every message translation (`z.locales`, 258 KiB minified), and a namespace
 * object keeps all of them in the bundle. Amply speaks English only: the `locales/index.js` that zod's
 * core, classic and mini entry points import resolves to a module exporting just `en`, the locale zod itself
 * installs on first use (decision 51).
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ resolveDir }) =>
      /[\\/]zod[\\/]v4[\\/](core|classic|mini)$/.test(resolveDir)
        ? {
            // Named after the copy of zod it belongs to, so two copies would never share one.
            path: join(resolveDir, '../locales/index.js'),
            namespace: 'zod-english-only',
            pluginData: join(resolveDir, '../locales'),
          }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, ({ pluginData }) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: pluginData,
    }));
  },
};

/** The Lambda bundle: one ESM entry with lazily loaded chunks (the AWS SDK loads only when a route needs it). */
export function buildLambda(outdir = 'dist/lambda', entry = 'src/entry/lambda.ts') {
  return build({
    ...common,
    entryPoints: { index: entry },
    outdir,
    splitting: true,
    minify: true,
    sourcemap: false,
    outExtension: { '.js': '.mjs' },
    external: LAMBDA_EXTERNALS,
    plugins: [zodEnglishOnly],
    // Prefer packages' ES module builds: a lazily imported CommonJS chunk exposes only `default`, and the
    // SDK's named exports would come back undefined (evanw/esbuild#3245).
    mainFields: ['module', 'main'],
    // ESM bundles that contain CommonJS packages (the AWS SDK) need a `require`.
    banner: {
      js: "import { createRequire as __amplyRequire } from 'node:module'; const require = __amplyRequire(import.meta.url);",
    },
    metafile: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({
    ...common,
    entryPoints: { node: 'src/entry/node.ts', cli: 'src/entry/cli.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  });
  await buildConsole();
  if (process.argv.includes('--lambda')) {
    await buildLambda();
    // The event dispatcher's own function: the table stream and a schedule invoke it.
    await buildLambda('dist/lambda-events', 'src/entry/events-lambda.ts');
    // The proactive refresh of platform connections: a schedule invokes it.
    await buildLambda('dist/lambda-refresh-connections', 'src/entry/refresh-connections-lambda.ts');
  }
}
