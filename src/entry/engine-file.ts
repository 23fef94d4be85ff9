import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A local server records its embedded engine in `<dataDir>/engine.json`, so the CLI and the DB admin UI
 * can use that engine while it runs (LevelDB lets one process open a folder).
 */
const ENGINE_FILE = 'engine.json';

export interface RunningEngine {
  endpoint: string;
  pid: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The engine of a server still running on this data folder, if any (a file left by a dead one is ignored). */
export async function runningEngine(dataDir: string): Promise<RunningEngine | undefined> {
  try {
    const recorded = JSON.parse(await readFile(join(dataDir, ENGINE_FILE), 'utf8')) as RunningEngine;
    return recorded.pid !== process.pid && isAlive(recorded.pid) ? recorded : undefined;
  } catch {
    return undefined;
  }
}

export async function recordEngine(dataDir: string, endpoint: string): Promise<void> {
  await writeFile(join(dataDir, ENGINE_FILE), `${JSON.stringify({ endpoint, pid: process.pid })}\n`);
}

export async function forgetEngine(dataDir: string): Promise<void> {
  await rm(join(dataDir, ENGINE_FILE), { force: true });
}
