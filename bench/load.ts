import autocannon from 'autocannon';
import { cpuSeconds } from './cpu.js';
import { round } from './stats.js';

export interface LoadSettings {
  /** Seconds measured per target. */
  duration: number;
  /** Seconds of load before measuring, thrown away (JIT, connection pools, lazy imports). */
  warmup: number;
  connections: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Responses other than 2xx plus connection errors and timeouts: a non-zero count makes the row suspect. */
  failures: number;
  /** CPU milliseconds per request of each watched process (the server, the engine) in the measured window. */
  cpuMsPerRequest: Record<string, number>;
}

/** Processes whose CPU use is measured alongside the load, by name. */
export type Watched = Record<string, number | undefined>;

function cpuSnapshot(watched: Watched): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(watched).map(([name, pid]) => [name, cpuSeconds(pid)]));
}

function cpuPerRequest(before: Record<string, number | undefined>, watched: Watched, requests: number) {
  const after = cpuSnapshot(watched);
  const perRequest: Record<string, number> = {};
  for (const [name, start] of Object.entries(before)) {
    const end = after[name];
    if (start !== undefined && end !== undefined && requests > 0) {
      perRequest[name] = round(((end - start) * 1000) / requests, 3);
    }
  }
  return perRequest;
}

export async function measureLoad(
  url: string,
  settings: LoadSettings,
  options: { headers?: Record<string, string>; watch?: Watched } = {},
): Promise<LoadResult> {
  const { headers = {}, watch = {} } = options;
  const run = (duration: number) => autocannon({ url, connections: settings.connections, duration, headers });
  if (settings.warmup > 0) await run(settings.warmup);
  const before = cpuSnapshot(watch);
  const result = await run(settings.duration);
  const requests = result.requests.total ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: cpuPerRequest(before, watch, requests),
  };
}
