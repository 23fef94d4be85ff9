import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNotBlank } from '../helpers/console-browser.js';
import { launchLoopbackBrowser } from '../helpers/loopback-browser.js';
import { E2E_PASSWORD, makeTempDir, removeDir, type ServerProcess, startServer } from './server-process.js';

/*
 * The Amply console in real Chromium, as `npm start` serves it on the dev stage (dist/console at /console),
 * each module's main journey clicked and typed through the page, a screenshot of each page checked not to
 * be blank and axe-core's WCAG A/AA rules run on it. The dev OpenID provider stands in for Google and
 * Spotify; every request that leaves the machine is blocked, and the page must log no error.
 */

let server: ServerProcess;
let consoleUrl: string;
let dataDir: string;
let profileDir: string;
let context: BrowserContext;
let blocked: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await makeTempDir('console');
  profileDir = await makeTempDir('console-profile');
  server = await startServer({
    dataDir,
    env: { AMPLY_STAGE: 'dev', AMPLY_DEV_OIDC: 'on', AMPLY_AWS_ACCOUNT_ID: '999999999999' },
  });
  consoleUrl = `${server.baseUrl}/console`;
  ({ context, blocked } = await launchLoopbackBrowser(profileDir));
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  await Promise.all([dataDir, profileDir].filter(Boolean).map(removeDir));
});

/** A fresh tab that records the page's uncaught errors and console errors. */
async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** Follows a link of the main navigation. */
function navigate(page: Page, link: string): Promise<void> {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: link, exact: true })
    .click();
}

/** Closes the tab; nothing left the machine and the page logged no error. */
async function finish(page: Page): Promise<void> {
  await page.close();
  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
}

/** Screenshot not blank, and no serious accessibility violation, on the page as it stands. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectNotBlank(page, name);
  await expectAccessible(page, name);
}

const uniqueAddress = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.com`;

/** Signs up through the console, confirms with the code from the dev outbox, and signs in with the password. */
async function signUpInConsole(page: Page, label: string, check = false) {
  const email = uniqueAddress(label);
  const name = `Console ${label}`;
  await page.goto(`${consoleUrl}/sign-up`);
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  if (check) await checkPage(page, 'sign-up');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.getByRole('heading', { name: 'Confirm your address' }).waitFor();
  await page.getByRole('button', { name: 'Check the dev outbox' }).click();
  const useCode = page.getByRole('button', { name: /^Use code \d{6}$/ });
  await useCode.waitFor();
  if (check) await checkPage(page, 'confirm');
  await useCode.click();
  await expect(page.getByLabel('Code', { exact: true }).inputValue()).resolves.toMatch(/^\d{6}$/);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();

  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('Your address is confirmed').waitFor();
  await expect(page.getByLabel('Email', { exact: true }).inputValue()).resolves.toBe(email);
  if (check) await checkPage(page, 'sign-in');
  await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: `Hello, ${name}` }).waitFor();
  return { email, name };
}

describe('the console: identity', () => {
  it('signs up, confirms from the dev outbox, signs in, turns on TOTP and signs in again with a code', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/`);
    await page.getByRole('heading', { name: 'Welcome to Amply' }).waitFor();
    await checkPage(page, 'home');

    const { email, name } = await signUpInConsole(page, 'identity', true);
    await checkPage(page, 'overview');

    await navigate(page, 'Profile');
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByText(`${email} (verified)`).waitFor();
    await checkPage(page, 'profile');

    // TOTP: set up (no password needed just after signing in), turn on with the app's code.
    await page.getByRole('button', { name: 'Set up TOTP' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Code from the app', { exact: true }).fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on TOTP' }).click();
    await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
    await page.getByText('On: sign-ins ask for a code').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The next step's code: the one just used to turn TOTP on cannot be replayed.
    const code = page.getByLabel('Code from your authenticator app', { exact: true });
    await code.waitFor();
    await checkPage(page, 'second factor');
    await code.fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: `Hello, ${name}` }).waitFor();
    await finish(page);
  });

  it('signs in with SSO through the dev provider and lands signed in', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    // The development provider's own sign-in and consent pages.
    await page.waitForURL((url) => !url.href.startsWith(consoleUrl));
    await page.getByLabel('Email', { exact: true }).fill(uniqueAddress('sso'));
    await page.getByLabel('Name', { exact: true }).fill('Console SSO');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'Hello, Console SSO' }).waitFor();
    // The one-time code was taken out of the address bar.
    expect(new URL(page.url()).hash).toBe('');
    await navigate(page, 'Profile');
    await page
      .getByRole('row', { name: /google/ })
      .getByText(/@example\.com/)
      .waitFor();
    await finish(page);
  });
});
