import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFrontend } from '../helpers/loopback-browser.js';
import { type BrowserRig, startBrowserRig } from './browser-rig.js';
import { request, type ServerProcess, signedUpUser } from './server-process.js';

/*
 * The artist's setup page in real Chromium: it listens on GET /artists/{artistId}/setup-events (read with
 * fetch, because EventSource cannot send the Authorization header) while the stack calls back, and shows
 * the setup complete when the callback lands. The page is served on another loopback origin, so CORS is
 * part of it; every request that leaves the machine is blocked.
 */

const SETUP_PAGE = `<!doctype html>
<title>Artist setup</title>
<p>Setup: <strong id="status">connecting</strong></p>
<ol id="events"></ol>
<script>
  const params = new URLSearchParams(location.hash.slice(1));
  const api = params.get('api');
  const artistId = params.get('artist');
  const show = (setup) => {
    document.getElementById('status').textContent = setup.status;
    const item = document.createElement('li');
    item.textContent = setup.status + (setup.config ? ' ' + setup.config.cdnDomain : '');
    document.getElementById('events').append(item);
  };
  const streamUrl = api + '/artists/' + artistId + '/setup-events';
  let lastEventId = '';
  (async () => {
    const response = await fetch(streamUrl, { headers: { Authorization: 'Bearer ' + params.get('token') } });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf('\\n\\n'); end >= 0; end = buffer.indexOf('\\n\\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\\n');
        const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
        const id = lines.find((line) => line.startsWith('id:'));
        if (id) lastEventId = id.slice(3).trim();
        if (data.length > 0) show(JSON.parse(data.join('\\n')));
      }
    }
    document.body.dataset.stream = 'closed';
    // Reconnecting as an event-stream client would, with the last id: nothing newer, so 204 (stop).
    const again = await fetch(streamUrl, {
      headers: { Authorization: 'Bearer ' + params.get('token'), 'Last-Event-ID': lastEventId },
    });
    document.body.dataset.reconnect = String(again.status);
  })().catch((error) => {
    document.getElementById('status').textContent = 'error: ' + error.message;
  });
</script>`;

let frontend: Awaited<ReturnType<typeof serveFrontend>>;
let server: ServerProcess;
let rig: BrowserRig;
let context: BrowserContext;
let blocked: string[];

beforeAll(async () => {
  frontend = await serveFrontend(() => SETUP_PAGE);
  rig = await startBrowserRig('browser-artist', {
    AMPLY_STAGE: 'dev',
    AMPLY_AWS_ACCOUNT_ID: '999999999999',
    FRONTEND_URL: frontend.url,
  });
  ({ server, context, blocked } = rig);
});

afterAll(async () => {
  await rig?.close();
  await frontend?.close();
});

describe('the setup page in a browser', () => {
  it('listens on setup-events and shows the setup complete when the stack calls back', async () => {
    const { accessToken } = await signedUpUser(server.baseUrl, 'browser-artist');
    const artistId = 'browser-artist';
    await request(server.baseUrl, 'POST', '/artists', {
      token: accessToken,
      body: { artistId, displayName: 'Browser Artist', provider: 'aws' },
    });
    const issued = await request(server.baseUrl, 'POST', `/artists/${artistId}/callback-tokens`, {
      token: accessToken,
    });

    const page = await context.newPage();
    const hash = new URLSearchParams({ api: server.baseUrl, artist: artistId, token: accessToken });
    await page.goto(`${frontend.url}/setup#${hash}`);
    await page.locator('#status', { hasText: 'pending' }).waitFor();

    // The stack calls back (as its function does; it is not the browser).
    const callback = await request(server.baseUrl, 'POST', '/complete-artist-setup', {
      body: {
        artistId,
        provider: 'aws',
        stack_id: `arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-${artistId}/0b1c2d3e`,
        outputs: {
          BucketName: `amply-${artistId}-111122223333`,
          CloudFrontDomain: 'd3browserexample.cloudfront.net',
          RoleArn: `arn:aws:iam::111122223333:role/AmplyAccessRole-${artistId}`,
        },
        callback_token: issued.json.data.token,
        callback_timestamp: new Date().toISOString(),
      },
    });
    expect(callback.status).toBe(200);

    await page.locator('#status', { hasText: 'complete' }).waitFor();
    await page.locator('body[data-stream="closed"]').waitFor();
    await page.locator('body[data-reconnect]').waitFor();
    expect(await page.locator('body').getAttribute('data-reconnect')).toBe('204');
    expect(await page.locator('#events li').allTextContents()).toEqual([
      'pending',
      'complete d3browserexample.cloudfront.net',
    ]);
    expect(blocked).toEqual([]);
  });
});
