import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BrowserContext, chromium } from 'playwright-core';

/** How the browser tests start Debian's Chromium through playwright-core: headless, nothing in the background. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Aborts every request of `context` that would leave the machine, and records its URL in `blocked`. */
export async function blockNonLoopback(context: BrowserContext, blocked: string[]): Promise<void> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
}

/**
 * Debian's Chromium with a fresh profile in `profileDir`; every request that leaves the machine is
 * aborted and listed in `blocked`, so a test can assert it made none.
 */
export async function launchLoopbackBrowser(
  profileDir: string,
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const blocked: string[] = [];
  const context = await chromium.launchPersistentContext(profileDir, CHROMIUM);
  await blockNonLoopback(context, blocked);
  return { context, blocked };
}

/** A stand-in frontend on a loopback port: `html(path)` answers every request. */
export async function serveFrontend(
  html: (path: string) => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html(req.url?.split('?')[0] ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
