import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photo } from '../../src/modules/collection/test-images.js';
import { expectAccessible, expectNotBlank } from '../helpers/console-browser.js';
import { type BrowserRig, startBrowserRig } from './browser-rig.js';
import {
  childEnv,
  E2E_PASSWORD,
  EVERY_MODULE_MANY_USERS_ENV,
  makeTempDir,
  removeDir,
  request,
  runNode,
  type ServerProcess,
} from './server-process.js';

/*
 * The Amply console in real Chromium, as `npm start` serves it on the dev stage (dist/console at /console),
 * each module's main journey clicked and typed through the page, a screenshot of each page checked not to
 * be blank and axe-core's WCAG A/AA rules run on it. The dev OpenID provider stands in for Google and
 * Spotify; every request that leaves the machine is blocked, and the page must log no error.
 */

let server: ServerProcess;
let consoleUrl: string;
let rig: BrowserRig;
let context: BrowserContext;
let blocked: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  rig = await startBrowserRig('console', EVERY_MODULE_MANY_USERS_ENV);
  ({ server, context, blocked } = rig);
  consoleUrl = `${server.baseUrl}/console`;
});

afterAll(async () => {
  await rig?.close();
});

/**
 * A fresh tab that records the page's uncaught errors, its console errors and any 5xx answer. (A 4xx the
 * console expects, such as 404 for a casting profile not made yet, is logged by Chromium as a failed
 * resource; those lines are left out.)
 */
async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) pageErrors.push(`${response.status()} from ${response.url()}`);
  });
  return page;
}

/** The accessible name of the focused element: its label's text, or its own text for links and buttons. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element) return '';
    const label = element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
    return (label ? label.textContent : element.textContent || '').trim();
  })()`) as Promise<string>;
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
    // This sign-in with the keyboard alone: the skip link comes first, then the form is reached by Tab.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('Skip to content');
    for (let presses = 0; presses < 20 && (await focusedName(page)) !== 'Email'; presses += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(focusedName(page)).resolves.toBe('Email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toBe('Password');
    await page.keyboard.type(E2E_PASSWORD);
    await page.keyboard.press('Enter');
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

describe('the console: devices', () => {
  it('lists the signed-in devices with this one marked, and signs another device out', async () => {
    const page = await newPage();
    const { email } = await signUpInConsole(page, 'devices');
    // The same account signed in from another device: a Firefox on Windows.
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const other = await fetch(`${server.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': firefox },
      body: JSON.stringify({ email, password: E2E_PASSWORD }),
    });
    const { refreshToken } = ((await other.json()) as { data: { refreshToken: string } }).data;

    await navigate(page, 'Devices');
    await page.getByRole('heading', { name: 'Devices and passkeys' }).waitFor();
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    const firefoxRow = devices.getByRole('listitem').filter({ hasText: 'Firefox on Windows' });
    await firefoxRow.waitFor();
    await devices.getByRole('listitem').filter({ hasText: '(this one)' }).waitFor();
    await page.getByText('No passkey yet.').waitFor();
    await checkPage(page, 'devices');

    await firefoxRow.getByRole('button', { name: 'Sign this device out' }).click();
    await firefoxRow.waitFor({ state: 'detached' });
    await expect(devices.getByRole('listitem').count()).resolves.toBe(1);
    // The device signed out can no longer refresh.
    const refresh = await request(server.baseUrl, 'POST', '/auth/refresh', { body: { refreshToken } });
    expect(refresh.status).toBe(401);
    await finish(page);
  });
});

describe('the console: collection', () => {
  it('adds guitars, uploads a photo that shows as a thumbnail, filters the gallery and shows brands and totals', async () => {
    const page = await newPage();
    await signUpInConsole(page, 'collection');
    await navigate(page, 'Guitars');
    await page.getByRole('heading', { name: 'Guitars', exact: true }).waitFor();
    await page.getByText('No guitars match.').waitFor();

    const add = page.getByRole('form', { name: 'Add a guitar' });
    await add.getByLabel('Brand', { exact: true }).fill('Fender');
    await add.getByLabel('Model', { exact: true }).fill('Stratocaster');
    await add.getByLabel('Year', { exact: true }).fill('1965');
    await add.getByRole('button', { name: 'Add guitar' }).click();
    await page.getByRole('heading', { name: 'Fender Stratocaster' }).waitFor();

    // The upload flow (upload URL → PUT → complete) from a file the user picks.
    await page.getByLabel('Photo (JPEG, PNG, WebP or HEIC, up to 10 MB)', { exact: true }).setInputFiles({
      name: 'strat.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo('jpeg'),
    });
    await page.getByLabel('Caption', { exact: true }).fill('Front');
    await page.getByLabel('Use as the main photo', { exact: true }).check();
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await page.getByText('Photo added.').waitFor();
    const thumbnail = page.getByRole('list', { name: 'Photos' }).getByRole('img', { name: 'Front' });
    await thumbnail.waitFor();
    // The thumbnail really loaded (a decoded image, not a broken one), within its 200×200 box.
    await expect
      .poll(() =>
        thumbnail.evaluate((element) => {
          const image = element as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(0);
    await checkPage(page, 'guitar');

    await page.getByRole('link', { name: 'All guitars' }).click();
    await add.getByLabel('Brand', { exact: true }).fill('Gibson');
    await add.getByLabel('Model', { exact: true }).fill('Les Paul');
    await add.getByLabel('Year', { exact: true }).fill('1959');
    await add.getByRole('button', { name: 'Add guitar' }).click();
    await page.getByRole('heading', { name: 'Gibson Les Paul' }).waitFor();
    await page.getByRole('link', { name: 'All guitars' }).click();

    const gallery = page.getByRole('list', { name: 'Guitars' });
    await gallery.getByText('Gibson Les Paul, 1959').waitFor();
    await expect(gallery.getByRole('listitem').allTextContents()).resolves.toHaveLength(2);
    // The Fender's card shows its main photo's thumbnail; the Gibson has none.
    await expect(
      gallery.getByRole('listitem').filter({ hasText: 'Fender' }).locator('img').count(),
    ).resolves.toBe(1);
    await page.getByText('2 guitars').waitFor();
    const brands = page.getByRole('list', { name: 'Brands' });
    await expect(brands.getByRole('listitem').allTextContents()).resolves.toEqual(['Fender 1', 'Gibson 1']);
    await checkPage(page, 'guitars');

    const filters = page.getByRole('form', { name: 'Filter guitars' });
    await filters.getByLabel('Brand', { exact: true }).selectOption('Gibson');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(() => gallery.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('Gibson Les Paul, 1959')]);
    await filters.getByLabel('Brand', { exact: true }).selectOption('');
    await filters.getByLabel('From year', { exact: true }).fill('1960');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(() => gallery.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('Fender Stratocaster, 1965')]);
    await finish(page);
  });
});

describe('the console: casting', () => {
  it('a recruiter posts a casting, an artist applies, the recruiter shortlists and the artist sees it', async () => {
    const recruiter = await newPage();
    await signUpInConsole(recruiter, 'recruiter');
    await navigate(recruiter, 'Castings');
    const recruiterName = `rec${randomBytes(3).toString('hex')}`;
    const profile = recruiter.getByRole('form', { name: 'Casting profile' });
    await profile.getByLabel('Username', { exact: true }).fill(recruiterName);
    await profile.getByLabel('recruiter', { exact: true }).check();
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await recruiter.getByText(`${recruiterName} · recruiter`).waitFor();

    const word = `gig${randomBytes(3).toString('hex')}`;
    const title = `Singer for a night ${word}`;
    const post = recruiter.getByRole('form', { name: 'Post a casting call' });
    await post.getByLabel('Title', { exact: true }).fill(title);
    await post.getByLabel('Location', { exact: true }).fill('Berlin');
    await post.getByLabel('Role', { exact: true }).selectOption('vocalist');
    await post.getByLabel('Description', { exact: true }).fill('A jazz evening in a small club; two sets.');
    await post.getByLabel(/^Questions for applicants/).fill('Which standards do you sing?');
    await checkPage(recruiter, 'castings');
    await post.getByRole('button', { name: 'Post casting' }).click();
    await recruiter.getByRole('heading', { name: title }).waitFor();
    await recruiter.getByText('No applications yet.').waitFor();
    await checkPage(recruiter, 'casting (recruiter)');
    const castingUrl = recruiter.url();

    // Another tab is another session (the console keeps tokens per tab).
    const artist = await newPage();
    await signUpInConsole(artist, 'artist');
    await navigate(artist, 'Castings');
    const artistName = `art${randomBytes(3).toString('hex')}`;
    const artistProfile = artist.getByRole('form', { name: 'Casting profile' });
    await artistProfile.getByLabel('Username', { exact: true }).fill(artistName);
    await artistProfile.getByLabel('artist', { exact: true }).check();
    await artistProfile.getByRole('button', { name: 'Save profile' }).click();
    await artist.getByText(`${artistName} · artist`).waitFor();
    const search = artist.getByRole('form', { name: 'Search castings' });
    // Search words come from the title (and skills): this casting's own word finds it alone.
    await search.getByLabel('Words', { exact: true }).fill(word);
    await search.getByRole('button', { name: 'Search' }).click();
    const found = artist.getByRole('list', { name: 'Open castings' }).getByRole('link');
    await expect.poll(() => found.allTextContents()).toEqual([title]);
    await found.click();
    await artist.getByRole('heading', { name: title }).waitFor();
    const apply = artist.getByRole('form', { name: 'Apply' });
    await apply.getByLabel('Message', { exact: true }).fill('I sing standards every week.');
    await apply.getByLabel('Which standards do you sing?', { exact: true }).fill('Autumn Leaves, Misty');
    await checkPage(artist, 'casting (artist)');
    await apply.getByRole('button', { name: 'Send application' }).click();
    await artist.getByText('Your application is in.').waitFor();

    await recruiter.goto(castingUrl);
    const received = recruiter.getByRole('listitem').filter({ hasText: 'I sing standards every week.' });
    await received.getByText('submitted').waitFor();
    await received.getByRole('button', { name: 'Shortlist' }).click();
    await received.getByText('shortlisted', { exact: true }).waitFor();
    await expect(received.getByRole('button', { name: 'Shortlist' }).isDisabled()).resolves.toBe(true);
    await checkPage(recruiter, 'applications');

    await navigate(artist, 'Castings');
    const mine = artist.getByRole('region', { name: 'Your applications' });
    await mine.getByRole('link', { name: title }).waitFor();
    await mine.getByText('shortlisted', { exact: true }).waitFor();
    await finish(artist);
    await finish(recruiter);
  });
});

describe('the console: connections', () => {
  it('connects Spotify through the dev provider, shows it healthy and hands out a fresh token', async () => {
    const page = await newPage();
    await signUpInConsole(page, 'connections');
    await navigate(page, 'Platforms');
    await page.getByRole('heading', { name: 'Platforms' }).waitFor();
    await checkPage(page, 'platforms (none)');
    await page.getByRole('button', { name: 'Connect Spotify' }).click();
    await page.waitForURL((url) => !url.href.startsWith(consoleUrl));
    // The dev provider asks for a sign-in unless this browser has one with it already, then for consent.
    const allow = page.getByRole('button', { name: 'Allow' });
    const email = page.getByLabel('Email', { exact: true });
    await allow.or(email).waitFor();
    if (await email.isVisible()) {
      await email.fill(uniqueAddress('spotify'));
      await page.getByLabel('Name', { exact: true }).fill('Spotify Listener');
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await allow.click();

    // Back at the console's /dashboard, which redeems the one-time code with this session.
    await page.getByText('spotify is connected.').waitFor();
    const row = page.getByRole('row', { name: /Spotify/ });
    await row.getByText('healthy').waitFor();
    await checkPage(page, 'platforms');
    await row.getByRole('button', { name: 'Refresh Spotify token' }).click();
    await page.getByText(/A usable spotify access token \(….{4}\), valid for \d+ seconds\./).waitFor();
    await row.getByRole('button', { name: 'Disconnect Spotify' }).click();
    await row.getByRole('button', { name: 'Connect Spotify' }).waitFor();
    await finish(page);
  });
});

describe('the console: artists', () => {
  it('onboards an artist: template download, callback token, and the setup status live as the stack calls back', async () => {
    const page = await newPage();
    await signUpInConsole(page, 'artists');
    await navigate(page, 'Artists');
    const artistId = `console-${randomBytes(3).toString('hex')}`;
    const create = page.getByRole('form', { name: 'Become an artist' });
    await create.getByLabel('Artist id', { exact: true }).fill(artistId);
    await create.getByLabel('Name', { exact: true }).fill('Console Artist');
    await create.getByLabel('Cloud', { exact: true }).selectOption('aws');
    await checkPage(page, 'artists');
    await create.getByRole('button', { name: 'Create artist' }).click();
    await page.getByRole('heading', { name: `Artist ${artistId}` }).waitFor();
    const status = page.getByTestId('setup-status');
    await status.getByText('pending').waitFor();

    await page.getByRole('button', { name: 'Issue callback token' }).click();
    const token = (await page.getByTestId('callback-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);

    await page.getByRole('button', { name: 'Prepare the CloudFormation template' }).click();
    const link = page.getByRole('link', { name: `Download amply-${artistId}.yaml` });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`amply-${artistId}.yaml`);
    const template = await readFile((await download.path()) as string, 'utf8');
    expect(template).toContain('AWSTemplateFormatVersion');
    expect(template).toContain('AmplyApiKey');
    await checkPage(page, 'artist');

    // The stack's function calls back (it is not the browser); the page shows it without a reload.
    const callback = await request(server.baseUrl, 'POST', '/complete-artist-setup', {
      body: {
        artistId,
        provider: 'aws',
        stack_id: `arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-${artistId}/0b1c2d3e`,
        outputs: {
          BucketName: `amply-${artistId}-111122223333`,
          CloudFrontDomain: 'd3console.cloudfront.net',
          RoleArn: `arn:aws:iam::111122223333:role/AmplyAccessRole-${artistId}`,
        },
        callback_token: token,
        callback_timestamp: new Date().toISOString(),
      },
    });
    expect(callback.status).toBe(200);
    await status.getByText('complete').waitFor();
    await page.getByText('d3console.cloudfront.net').waitFor();
    await finish(page);
  });
});

describe('the console as static files on another origin', () => {
  it('is built for the API at another address and signs in and lists guitars from a plain static host', async () => {
    const dir = await makeTempDir('console-static');
    const built = await runNode(
      ['scripts/build-console.mjs', `--outdir=${dir}`],
      childEnv({ AMPLY_CONSOLE_API_URL: server.baseUrl, AMPLY_CONSOLE_BASE: '/' }),
    );
    expect(built.code, built.stderr).toBe(0);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    // The page carries its own policy (a static host sends none): its scripts, and calls to the API's origin.
    expect(html).toContain(`<meta name="amply-api-url" content="${server.baseUrl}">`);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'/);
    expect(html).toContain(`connect-src 'self' ${server.baseUrl}`);

    // A static host: the files as they are, and the page for any other path (the console's own addresses).
    const TYPES: Record<string, string> = {
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.map': 'application/json',
    };
    const host = createServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      const type = TYPES[extname(path)];
      const file = type && !path.includes('..') ? join(dir, path) : join(dir, 'index.html');
      res.setHeader('content-type', type ?? 'text/html; charset=utf-8');
      res.end(await readFile(file).catch(() => ''));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      const page = await newPage();
      await page.goto(`${hostUrl}/`);
      await page.getByRole('heading', { name: 'Welcome to Amply' }).waitFor();
      await expect(page.getByRole('contentinfo').textContent()).resolves.toContain(server.baseUrl);
      await navigate(page, 'Castings');
      await page.getByRole('heading', { name: 'Castings' }).waitFor();
      await page.getByRole('link', { name: 'Sign in' }).first().click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await checkPage(page, 'static sign-in');
      // Signed up and in across origins (the token goes to the API's address), then an authenticated page.
      const email = uniqueAddress('static');
      await page.goto(`${hostUrl}/sign-up`);
      await page.getByLabel('Name', { exact: true }).fill('Static Host');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Confirm your address' }).waitFor();
      // The dev outbox is never readable by a page of another origin: the console says so.
      await page.getByRole('button', { name: 'Check the dev outbox' }).click();
      await page.getByText('readable from this machine only').waitFor();
      // The person reads the mail (here: the test, from this machine) and types the code.
      const outbox = await request(server.baseUrl, 'GET', `/dev/outbox?to=${encodeURIComponent(email)}`);
      const code = /Your code: (\d{6})/.exec(outbox.json.data.items[0]?.text ?? '')?.[1] as string;
      await page.getByLabel('Code', { exact: true }).fill(code);
      await page.getByRole('button', { name: 'Confirm', exact: true }).click();
      await page.getByText('Your address is confirmed').waitFor();
      await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Hello, Static Host' }).waitFor();
      await navigate(page, 'Guitars');
      await page.getByText('No guitars match.').waitFor();
      // Reloading a console address on the static host answers the page, which reads its route.
      await page.reload();
      await page.getByRole('heading', { name: 'Guitars', exact: true }).waitFor();
      await finish(page);
    } finally {
      await new Promise((resolve) => host.close(resolve));
      await removeDir(dir);
    }
  });
});

describe('the page checks themselves', () => {
  it('call a blank page blank, and the console shell before its script ran', async () => {
    const page = await newPage();
    await page.setContent('<!doctype html><title>blank</title><body></body>');
    await expect(expectNotBlank(page, 'blank')).rejects.toThrow(/distinct colours|non-background/);
    await page.setContent('<!doctype html><title>shell</title><p>Loading…</p>');
    await expect(expectNotBlank(page, 'shell')).rejects.toThrow(/distinct colours|non-background/);
    await finish(page);
  });
});
