import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { newSecretVariables } from '../src/security/new-secrets.js';
import { ROOT } from './children.js';
import { median, percentile, round } from './stats.js';

interface BuildScript {
  buildLambda(outdir: string, entry: string): Promise<{ metafile: Metafile }>;
}

export interface BundleInfo {
  files: number;
  /** Every emitted .mjs file. */
  totalBytes: number;
  entryBytes: number;
  /** The entry plus every chunk it imports statically: what a cold start must load before the first event. */
  startupBytes: number;
  /** The source files and packages inside those chunks. */
  startupInputs: string[];
}

/**
 * Builds `entry` with the project's own Lambda settings (imported from scripts/build.mjs, not copied).
 * Returns the path of the emitted `index.mjs` and its sizes.
 */
export async function buildBundle(
  outdir: string,
  entry: string,
): Promise<{ entryFile: string; info: BundleInfo }> {
  // A computed specifier: the build script is plain JavaScript without type declarations.
  const script = pathToFileURL(join(ROOT, 'scripts/build.mjs')).href;
  const { buildLambda } = (await import(script)) as BuildScript;
  const { metafile } = await buildLambda(outdir, join(ROOT, entry));
  const outputs = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const entryOutput = outputs.find(([path]) => basename(path) === 'index.mjs');
  if (!entryOutput) throw new Error(`no index.mjs among the outputs of ${entry}`);
  const startup = staticClosure(metafile, entryOutput[0]);
  const info = {
    files: outputs.length,
    totalBytes: outputs.reduce((sum, [, output]) => sum + output.bytes, 0),
    entryBytes: entryOutput[1].bytes,
    startupBytes: startup.reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0),
    startupInputs: [...new Set(startup.flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {})))],
  };
  return { entryFile: join(outdir, 'index.mjs'), info };
}

/** The output files a cold start loads before running anything: the entry and its static imports. */
function staticClosure(metafile: Metafile, entryPath: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    const output = metafile.outputs[path];
    if (!output || seen.has(path)) return;
    seen.add(path);
    for (const imported of output.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryPath);
  return [...seen];
}

/** Compiles the driver to plain JavaScript so the timed process runs no TypeScript loader. */
export async function compileDriver(outdir: string): Promise<string> {
  const outfile = join(outdir, 'lambda-driver.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench/lambda-driver.ts')],
    outfile,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    logLevel: 'warning',
  });
  return outfile;
}

/** The environment a prod Lambda reads: fresh secrets, SES mail, no endpoint (the SDK must not be needed). */
export async function lambdaEnvironment(): Promise<Record<string, string>> {
  return {
    AMPLY_STAGE: 'prod',
    AMPLY_PUBLIC_URL: 'https://api.example.com',
    ...(await newSecretVariables()),
    AMPLY_MAIL_TRANSPORT: 'ses',
    AMPLY_S3_BUCKET: 'amply-bench-media',
    AMPLY_TABLE_NAME: 'amply-bench',
    AWS_REGION: 'us-east-1',
  };
}

/**
 * The Node.js that Lambda's `nodejs24.x` runtime matches: this one when it is 24 or newer, else the Node 24
 * that `.ci/run` fetches from the npm registry into `.tools/node24/`.
 */
export function lambdaNode(): { path: string; version: string } {
  if (Number(process.versions.node.split('.')[0]) >= 24)
    return { path: process.execPath, version: process.version };
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const fetched = join(ROOT, `.tools/node24/node_modules/node-linux-${arch}/bin/node`);
  if (!existsSync(fetched)) {
    throw new Error(
      `Lambda runs Node.js 24 and this is ${process.version}: put Node 24 first on PATH, or run .ci/run once to fetch it`,
    );
  }
  return { path: fetched, version: execFileSync(fetched, ['--version']).toString().trim() };
}

export interface ColdStart {
  path: string;
  runs: number;
  /** Spawn to exit, as the bench process sees it. */
  medianMs: number;
  minMs: number;
  p90Ms: number;
  /** Medians of the driver's own marks, in ms since its process started: bundle loaded, event answered. */
  importedAtMs: number;
  handledAtMs: number;
  /** Every status code the runs answered with. */
  statuses: number[];
  /** The message of the first error the app logged, if any. */
  loggedError?: string;
}

interface StartSample {
  wallMs: number;
  importedAt: number;
  handledAt: number;
  status: number;
  loggedError?: string;
}

/** The `err.message` of the first error line in the app's JSON log. */
function firstLoggedError(stdout: string): string | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"err"')) continue;
    try {
      return (JSON.parse(line) as { err?: { message?: string } }).err?.message;
    } catch {}
  }
  return undefined;
}

/** Wall time from spawning `node driver bundle path` to its exit, which follows the first handled event. */
async function timeOneStart(
  driver: string,
  bundle: string,
  path: string,
  env: Record<string, string>,
): Promise<StartSample> {
  const started = performance.now();
  const child = spawn(lambdaNode().path, [driver, bundle, path], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  const timing = /^bench-timing (.*)$/m.exec(stdout)?.[1];
  if (code !== 0 || !timing) {
    throw new Error(`cold start of ${bundle} ${path} failed (exit ${code}): ${stderr.slice(0, 2000)}`);
  }
  const marks = JSON.parse(timing) as { importedAt: number; handledAt: number; status: number };
  const loggedError = firstLoggedError(stdout);
  return { wallMs, ...marks, ...(loggedError ? { loggedError } : {}) };
}

/** One cold-start probe: a bundle, the event's path (and the status it must answer, if any), the environment. */
export interface ColdStartProbe {
  bundle: string;
  request: { path: string; expect?: number };
  env: Record<string, string>;
}

/**
 * Median and minimum of `runs` cold starts of each probe, after one unmeasured start of each that fills the
 * OS file cache (as on a Lambda host that has just fetched the code). The probes take turns, one start each
 * per round and each round beginning one probe later, so a machine that speeds up or slows down during the
 * run weighs on every probe alike: their ratios are what the targets compare. With `expect`, any other
 * status is an error.
 */
export async function measureColdStarts<const P extends readonly ColdStartProbe[]>(
  driver: string,
  probes: P,
  runs: number,
): Promise<{ [K in keyof P]: ColdStart }> {
  for (const probe of probes) await timeOneStart(driver, probe.bundle, probe.request.path, probe.env);
  const measured = probes.map((probe) => ({ probe, samples: [] as StartSample[] }));
  for (let i = 0; i < runs; i += 1) {
    // Each round starts one probe later, so no probe always runs first or right after the same neighbour.
    const round = [...measured.slice(i % measured.length), ...measured.slice(0, i % measured.length)];
    for (const { probe, samples } of round) {
      samples.push(await timeOneStart(driver, probe.bundle, probe.request.path, probe.env));
    }
  }
  // One result per probe, in the probes' order.
  return measured.map(({ probe, samples }) => summarise(probe.request, samples, runs)) as {
    [K in keyof P]: ColdStart;
  };
}

/** `measureColdStarts` for one probe. */
export async function measureColdStart(
  driver: string,
  bundle: string,
  request: { path: string; expect?: number },
  env: Record<string, string>,
  runs: number,
): Promise<ColdStart> {
  const [result] = await measureColdStarts(driver, [{ bundle, request, env }], runs);
  return result;
}

function summarise(request: ColdStartProbe['request'], samples: StartSample[], runs: number): ColdStart {
  const statuses = [...new Set(samples.map((sample) => sample.status))];
  const loggedError = samples.find((sample) => sample.loggedError)?.loggedError;
  if (request.expect !== undefined && statuses.some((status) => status !== request.expect)) {
    throw new Error(
      `${request.path} answered ${statuses.join(', ')}, not ${request.expect}${loggedError ? `: ${loggedError}` : ''}`,
    );
  }
  const wall = samples.map((sample) => sample.wallMs);
  return {
    path: request.path,
    runs,
    medianMs: round(median(wall)),
    minMs: round(Math.min(...wall)),
    p90Ms: round(percentile(wall, 90)),
    importedAtMs: round(median(samples.map((sample) => sample.importedAt))),
    handledAtMs: round(median(samples.map((sample) => sample.handledAt))),
    statuses,
    ...(loggedError ? { loggedError } : {}),
  };
}
