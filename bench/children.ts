import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: every child runs here so `node_modules` (and the Lambda bundle's externals) resolve. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first match of `pattern` in its stdout; rejects if the child exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Whether it still runs (or how it ended) and the tail of its stderr: for error messages. */
  status(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts `node <args>` in the repository root, remembering it so `stopAll` can end it on any exit path. */
export function startNode(args: string[], env: Record<string, string> = {}): Child {
  // Stdout goes to a file, not a pipe: a server logging every request would otherwise make this process
  // (which also runs the load generator) read thousands of lines a second.
  const dir = mkdtempSync(join(tmpdir(), 'amply-bench-out-'));
  const stdoutFile = join(dir, 'stdout');
  const fd = openSync(stdoutFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  running.add(child);
  const readStdout = () => {
    try {
      return readFileSync(stdoutFile, 'utf8');
    } catch {
      return '';
    }
  };
  // Kept past the exit, so what a child printed just before it ended is still found.
  let finalStdout: string | undefined;
  child.once('exit', () => {
    finalStdout = readStdout();
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  });
  const stdout = () => finalStdout ?? readStdout();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  return {
    process: child,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const match = pattern.exec(stdout());
          if (match) return resolve(match);
          if (child.exitCode !== null || child.signalCode !== null) {
            return reject(
              new Error(
                `node ${args.join(' ')} exited (${child.exitCode}) before printing ${pattern}:\n${stderr}`,
              ),
            );
          }
          if (Date.now() > deadline) {
            return reject(
              new Error(`node ${args.join(' ')} did not print ${pattern} in ${timeoutMs} ms:\n${stderr}`),
            );
          }
          setTimeout(poll, 25);
        };
        poll();
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
