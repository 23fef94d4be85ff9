import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: every child runs here so `node_modules` (and the Lambda bundle's externals) resolve. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first match of `pattern` in a stdout line; rejects if the child exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Whether it still runs (or how it ended) and the tail of its stderr: for error messages. */
  status(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts `node <args>` in the repository root, remembering it so `stopAll` can end it on any exit path. */
export function startNode(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    for (const listener of listeners) listener(line);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  return {
    process: child,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          listeners.delete(onLine);
          child.off('exit', onExit);
          outcome();
        };
        const fail = (why: string) => settle(() => reject(new Error(`node ${args.join(' ')} ${why}`)));
        const onLine = (line: string) => {
          const match = pattern.exec(line);
          if (match) settle(() => resolve(match));
        };
        const onExit = (code: number | null) =>
          fail(`exited (${code}) before printing ${pattern}:\n${stderr}`);
        const timer = setTimeout(
          () => fail(`did not print ${pattern} in ${timeoutMs} ms:\n${stderr}`),
          timeoutMs,
        );
        listeners.add(onLine);
        child.once('exit', onExit);
        for (const line of lines) onLine(line);
        if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode);
      });
    },
    status() {
      const state =
        child.exitCode === null && child.signalCode === null
          ? 'still running'
          : `exited (${child.exitCode ?? child.signalCode})`;
      return `node ${args.join(' ')}: ${state}${stderr ? `; stderr:\n${stderr}` : ''}`;
    },
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL if the child has not gone within five seconds. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

/** Runs `node <args>` in the repository root to completion; rejects on a non-zero exit. */
export async function runNode(args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  running.add(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  running.delete(child);
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
}
