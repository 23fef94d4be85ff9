import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** The repository root (the asset is built from its sources and its lockfile). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The CPU, OS and C library of the function (arm64 Lambda runs Amazon Linux 2023, glibc). */
const TARGET = { cpu: 'arm64', os: 'linux', libc: 'glibc' } as const;

/** The native parts each external needs on the target; the asset is refused without them. */
export const ARM64_NATIVE_PACKAGES = [
  '@node-rs/argon2-linux-arm64-gnu',
  '@img/sharp-linux-arm64',
  '@img/sharp-libvips-linux-arm64',
] as const;

interface BuildScript {
  LAMBDA_EXTERNALS: string[];
  buildLambda(outdir: string, entry?: string): Promise<unknown>;
}

/** Exact versions of `names` as the repository's lockfile has them, so the asset runs what the tests ran. */
async function lockedVersions(names: string[]): Promise<Record<string, string>> {
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  return Object.fromEntries(
    names.map((name) => {
      const version = lock.packages[`node_modules/${name}`]?.version;
      if (!version) throw new Error(`${name} is not in package-lock.json`);
      return [name, version];
    }),
  );
}

/**
 * Builds the Lambda code folder (default `dist/lambda-asset/`): the project's esbuild bundle
 * (`buildLambda` of scripts/build.mjs, the one the end-to-end tests run) plus its externals — argon2,
 * sharp and the Swagger UI files — installed from the npm registry for linux-arm64, which fetches
 * their prebuilt arm64 binaries. The install is skipped while the versions and target stay the same,
 * so later synths run without the network. Returns the folder.
 */
export async function buildLambdaAsset(outdir = join(REPO_ROOT, 'dist/lambda-asset')): Promise<string> {
  const script = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/build.mjs')).href)) as BuildScript;
  await mkdir(outdir, { recursive: true });
  // esbuild leaves chunks of an earlier build behind: remove them (node_modules stays).
  for (const file of await readdir(outdir)) {
    if (file.endsWith('.mjs')) await rm(join(outdir, file));
  }
  await script.buildLambda(outdir, join(REPO_ROOT, 'src/entry/lambda.ts'));

  const dependencies = await lockedVersions(script.LAMBDA_EXTERNALS);
  const stampFile = join(outdir, 'node_modules', '.amply-asset.json');
  const stamp = JSON.stringify({ dependencies, ...TARGET });
  const installed = await readFile(stampFile, 'utf8').catch(() => undefined);
  if (installed !== stamp) {
    await rm(join(outdir, 'node_modules'), { recursive: true, force: true });
    await writeFile(
      join(outdir, 'package.json'),
      `${JSON.stringify({ name: 'amply-lambda', private: true, type: 'module', dependencies }, null, 2)}\n`,
    );
    await promisify(execFile)(
      'npm',
      [
        'install',
        `--cpu=${TARGET.cpu}`,
        `--os=${TARGET.os}`,
        `--libc=${TARGET.libc}`,
        '--omit=dev',
        // swagger-ui-dist's only install script is a telemetry ping; nothing else has one.
        '--ignore-scripts',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--install-strategy=hoisted',
      ],
      { cwd: outdir, maxBuffer: 16 * 1024 * 1024 },
    );
    await writeFile(stampFile, stamp);
  }
  // Source maps of the Swagger UI files (8 MB) are never served.
  const swaggerUi = join(outdir, 'node_modules/swagger-ui-dist');
  for (const file of await readdir(swaggerUi)) {
    if (file.endsWith('.map')) await rm(join(swaggerUi, file));
  }
  for (const name of ARM64_NATIVE_PACKAGES) {
    if (!existsSync(join(outdir, 'node_modules', name, 'package.json'))) {
      throw new Error(`The Lambda asset lacks ${name}: npm did not install the linux-arm64 build`);
    }
  }
  return outdir;
}

/** The functions besides the API's, each a bundle of its own entry point that loads no native module. */
export const STANDALONE_ENTRIES = {
  events: 'src/entry/events-lambda.ts',
  'refresh-connections': 'src/entry/refresh-connections-lambda.ts',
} as const;

/**
 * The code folder of one of `STANDALONE_ENTRIES` (default `dist/lambda-<name>-asset/`): its own bundle
 * and nothing else (argon2 and sharp are imported only where passwords and images are handled, which
 * these functions never do), so its cold start and deploy stay small. Returns the folder.
 */
export async function buildStandaloneAsset(
  name: keyof typeof STANDALONE_ENTRIES,
  outdir = join(REPO_ROOT, `dist/lambda-${name}-asset`),
): Promise<string> {
  const script = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/build.mjs')).href)) as BuildScript;
  await rm(outdir, { recursive: true, force: true });
  await script.buildLambda(outdir, join(REPO_ROOT, STANDALONE_ENTRIES[name]));
  return outdir;
}

/** The event dispatcher's code folder (`src/entry/events-lambda.ts`). */
export const buildEventsAsset = (outdir?: string) => buildStandaloneAsset('events', outdir);

/** The proactive refresh's code folder (`src/entry/refresh-connections-lambda.ts`). */
export const buildRefreshConnectionsAsset = (outdir?: string) =>
  buildStandaloneAsset('refresh-connections', outdir);
