import type { BrowserContext } from 'playwright-core';
import { launchLoopbackBrowser } from '../helpers/loopback-browser.js';
import { makeTempDir, removeDir, type ServerProcess, startServer } from './server-process.js';

/** The started server and a Chromium on a fresh profile, as the browser tests run them. */
export interface BrowserRig {
  server: ServerProcess;
  context: BrowserContext;
  /** Every request the browser tried to send off the machine (aborted). */
  blocked: string[];
  /** Closes the browser, stops the server and removes both folders. */
  close(): Promise<void>;
}

/**
 * Starts the server the `npm start` way with `env` (data in a fresh folder named after `label`) and Debian's
 * Chromium with a fresh profile that aborts every request leaving the machine. A failure part way undoes
 * what was started.
 */
export async function startBrowserRig(label: string, env: Record<string, string>): Promise<BrowserRig> {
  const dataDir = await makeTempDir(label);
  const profileDir = await makeTempDir(`${label}-profile`);
  let server: ServerProcess | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await server?.stop();
    await Promise.all([dataDir, profileDir].map(removeDir));
  };
  try {
    server = await startServer({ dataDir, env });
    const browser = await launchLoopbackBrowser(profileDir);
    context = browser.context;
    return { server, context, blocked: browser.blocked, close };
  } catch (error) {
    await close();
    throw error;
  }
}
