import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BrowserContext, chromium } from 'playwright-core';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Headless Debian Chromium (`/usr/bin/chromium`) with a fresh profile in `profileDir`. Every request that
 * would leave the machine is aborted and listed in `blocked`, so a test can assert there were none.
 */
export async function launchLoopbackBrowser(
  profileDir: string,
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const blocked: string[] = [];
  const context = await chromium.launchPersistentContext(profileDir, {
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
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  return { context, blocked };
}

/** A stand-in web app on loopback: every path answers the page `render` makes for it. */
export async function serveFrontend(
  render: (path: string) => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(render(req.url?.split('?')[0] ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
