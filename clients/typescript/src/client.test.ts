import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../../src/dev/oidc-provider.js';
import {
  AMPLY_ACCOUNT,
  callbackBody,
  issueToken,
  newArtistId,
  postCallback,
} from '../../../src/modules/artists/test-artists.js';
import { photo } from '../../../src/modules/collection/test-images.js';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  returnToApp,
  startTestOidcProvider,
} from '../../../test/helpers/oidc-provider.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../test/helpers/test-app.js';
import { AmplyApiError, AmplyFlowError, createAmplyClient, type SetupStatus, unwrap } from './index.js';

/*
 * The typed client against the whole app in-process (its `fetch` is the app's): the token lifecycle, the
 * SSO sign-in with its state check, links, platform connects, the upload flow and the setup events.
 */

let dev: DevOidcProvider;
let t: TestApp;

beforeAll(async () => {
  dev = await startTestOidcProvider();
  t = await createTestApp({
    env: { ...oidcProviderEnv(dev, ['google', 'github', 'spotify']), AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT },
  });
});
afterAll(() => dev.close());

const HOUR = 3600 * 1000;

interface Sent {
  route: string;
  authorization: string | null;
  lastEventId: string | null;
}

/** A client whose requests go into the app; `sent` lists them (method, path, the token it carried). */
function client(
  options: { onSessionEnded?: () => void; rewrite?: (response: Response, request: Request) => Response } = {},
) {
  const sent: Sent[] = [];
  const amply = createAmplyClient({
    baseUrl: 'http://amply.test',
    fetch: async (request) => {
      const url = new URL(request.url);
      sent.push({
        route: `${request.method} ${url.pathname}`,
        authorization: request.headers.get('authorization'),
        lastEventId: request.headers.get('last-event-id'),
      });
      // In-process there is no wire: add the Content-Length an HTTP client sends with a body it knows.
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      const headers = new Headers(request.headers);
      if (body) headers.set('content-length', String(body.byteLength));
      const response = await t.app.request(
        new Request(request.url, { method: request.method, headers, body }),
      );
      return options.rewrite ? options.rewrite(response, request) : response;
    },
    ...(options.onSessionEnded ? { onSessionEnded: options.onSessionEnded } : {}),
  });
  return { amply, sent };
}

/** A confirmed account with a password, signed in through the client. */
async function signedInClient(options: Parameters<typeof client>[0] = {}) {
  const { email } = await signedInUser(t, 'client');
  const made = client(options);
  expect(await made.amply.auth.signIn(email, STRONG_PASSWORD)).toEqual({ status: 'signed-in' });
  return { ...made, email };
}

describe('the token lifecycle', () => {
  it('sends the access token only to routes that take it', async () => {
    const { amply, sent } = await signedInClient();
    unwrap(await amply.api.GET('/user/profile'));
    // Optional there: a casting's page shows its owner more.
    const id = 'cst_01jd8x4m9q2v7k3n5p6r8s0t1w';
    expect((await amply.api.GET('/castings/{id}', { params: { path: { id } } })).response.status).toBe(404);
    unwrap(await amply.api.GET('/castings', { params: { query: { limit: 5 } } }));
    await amply.api.GET('/health');
    const bearer = `Bearer ${amply.session.tokens()?.accessToken}`;
    expect(sent.slice(-4).map(({ route, authorization }) => [route, authorization])).toEqual([
      ['GET /user/profile', bearer],
      [`GET /castings/${id}`, bearer],
      ['GET /castings', null],
      ['GET /health', null],
    ]);
  });

  it('refreshes once on a 401, stores the rotated refresh token and sends the request again', async () => {
    const { amply, sent, email } = await signedInClient();
    const before = amply.session.tokens();
    t.clock.advance(HOUR + 60_000);

    const profile = unwrap(await amply.api.GET('/user/profile'));

    expect(profile.email).toBe(email);
    expect(sent.slice(-3).map(({ route }) => route)).toEqual([
      'GET /user/profile',
      'POST /auth/refresh',
      'GET /user/profile',
    ]);
    const after = amply.session.tokens();
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(sent.at(-1)?.authorization).toBe(`Bearer ${after?.accessToken}`);
  });

  it('refreshes once for five requests that meet the expired token together', async () => {
    const { amply, sent } = await signedInClient();
    t.clock.advance(HOUR + 60_000);
    const start = sent.length;

    const answers = await Promise.all(Array.from({ length: 5 }, () => amply.api.GET('/user/profile')));

    expect(answers.map(({ response }) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sent.slice(start).filter(({ route }) => route === 'POST /auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused, and answers the 401', async () => {
    let ended = 0;
    const { amply } = await signedInClient({ onSessionEnded: () => (ended += 1) });
    const tokens = amply.session.tokens();
    amply.session.setTokens({
      ...(tokens as NonNullable<typeof tokens>),
      refreshToken: `${tokens?.refreshToken}x`,
    });
    t.clock.advance(HOUR + 60_000);

    const answer = await amply.api.GET('/user/profile');

    expect(answer.response.status).toBe(401);
    expect(() => unwrap(answer)).toThrow(AmplyApiError);
    expect(amply.session.tokens()).toBeNull();
    expect(ended).toBe(1);
  });

  it('signs out with the refresh token alone once the access token has expired', async () => {
    const { amply } = await signedInClient();
    const { refreshToken } = amply.session.tokens() as { refreshToken: string };
    t.clock.advance(2 * HOUR);

    await amply.auth.signOut();

    expect(amply.session.tokens()).toBeNull();
    const reused = await t.call('POST', '/auth/refresh', { body: { refreshToken } });
    expect(reused.status).toBe(401);
  });
});

describe('SSO, links and platform connects', () => {
  it('finishes a sign-in it started, and refuses a redirect whose state it did not start', async () => {
    const { amply, sent } = client();
    const email = uniqueEmail('sso');
    const authUrl = await amply.auth.startSsoSignIn('google');
    const back = await returnToApp(t, await authorizeAtProvider(authUrl, { email }));

    expect(await amply.auth.completeSsoRedirect(back.location.hash)).toEqual({ status: 'signed-in' });
    expect(unwrap(await amply.api.GET('/user/profile')).email).toBe(email);

    // Someone else's sign-in, sent to this browser (login CSRF): nothing is exchanged.
    const other = client();
    const theirs = await returnToApp(
      t,
      await authorizeAtProvider(await other.amply.auth.startSsoSignIn('google'), {
        email: uniqueEmail('csrf'),
      }),
    );
    const exchanges = sent.filter(({ route }) => route === 'POST /auth/token').length;
    await expect(amply.auth.completeSsoRedirect(theirs.location.hash)).rejects.toMatchObject({
      reason: 'state_mismatch',
    });
    // The finished redirect again (a reload): its state was used up.
    await expect(amply.auth.completeSsoRedirect(back.location.hash)).rejects.toBeInstanceOf(AmplyFlowError);
    expect(sent.filter(({ route }) => route === 'POST /auth/token')).toHaveLength(exchanges);
  });

  it('links another provider with the link code, only for the link it started', async () => {
    const { amply } = await signedInClient();
    const authUrl = await amply.auth.startLink('github', { currentPassword: STRONG_PASSWORD });
    const back = await returnToApp(t, await authorizeAtProvider(authUrl, { email: uniqueEmail('gh') }));
    expect(back.location.hash).toContain('link_code=');

    expect(await amply.auth.completeSsoRedirect(back.location.hash)).toEqual({
      status: 'linked',
      provider: 'github',
    });
    const providers = unwrap(await amply.api.GET('/user/auth-providers')).items;
    expect(providers.find(({ provider }) => provider === 'github')).toMatchObject({ linked: true });
  });

  it('redeems a platform connect code with the session that started it', async () => {
    const { amply } = await signedInClient();
    const authUrl = await amply.platforms.startConnect('spotify');
    const back = await returnToApp(t, await authorizeAtProvider(authUrl, { email: uniqueEmail('spotify') }));
    expect(back.location.pathname).toBe('/dashboard');

    expect(await amply.platforms.completeConnect(back.location.search)).toEqual({
      platform: 'spotify',
      connected: true,
    });
    expect(await amply.platforms.completeConnect('?tab=overview')).toBeNull();
    const platforms = unwrap(await amply.api.GET('/user/platforms')).items;
    expect(platforms).toEqual([expect.objectContaining({ platform: 'spotify', connected: true })]);
  });
});

describe('uploads', () => {
  it('uploads an image to a guitar: upload URL, PUT straight to storage, complete', async () => {
    const { amply, sent } = await signedInClient();
    const guitar = unwrap(
      await amply.api.POST('/guitars', {
        body: { brand: 'Fender', model: 'Jazzmaster', year: 1962, type: 'electric' },
      }),
    );
    const bytes = await photo('jpeg');

    const done = await amply.uploads.guitarImage({
      guitarId: guitar.id,
      file: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
      fileName: 'front.jpg',
      caption: 'Front',
      isPrimary: true,
    });

    expect(done.thumbnailUrl).toMatch(/^http:\/\/amply\.test\/media\/images\//);
    const put = sent.find(({ route }) => route.startsWith('PUT /media/upload/'));
    expect(put?.authorization).toBeNull();
    const stored = unwrap(await amply.api.GET('/guitars/{id}', { params: { path: { id: guitar.id } } }));
    expect(stored.images).toEqual([
      expect.objectContaining({ caption: 'Front', isPrimary: true, width: 600, height: 800 }),
    ]);
  });
});

describe('setup events', () => {
  it('follows a setup to complete, reconnecting with Last-Event-ID after the stream drops', async () => {
    let reconnected: () => void = () => {};
    const reconnect = new Promise<void>((resolve) => {
      reconnected = resolve;
    });
    // The first stream drops after its first event, as a flaky network would.
    const { amply, sent } = await signedInClient({
      rewrite: (response, request) => {
        if (!new URL(request.url).pathname.endsWith('/setup-events') || !response.body) return response;
        if (request.headers.has('last-event-id')) {
          reconnected();
          return response;
        }
        const reader = response.body.getReader();
        const cut = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { value } = await reader.read();
            if (value) controller.enqueue(value);
            await reader.cancel();
            controller.close();
          },
        });
        return new Response(cut, response);
      },
    });
    const artistId = newArtistId('watch');
    unwrap(await amply.api.POST('/artists', { body: { artistId, displayName: 'Watched', provider: 'aws' } }));
    const token = await issueToken(t, amply.session.tokens()?.accessToken as string, artistId);
    const seen: SetupStatus['status'][] = [];

    const watching = amply.watchSetup(artistId, {
      onStatus: (status) => seen.push(status.status),
      retryMs: 10,
    });
    await reconnect;
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
    const final = await watching;

    expect(final?.status).toBe('complete');
    expect(final?.config?.bucketName).toBe(`amply-${artistId}-111122223333`);
    expect(seen).toEqual(['pending', 'complete']);
    const streams = sent.filter(({ route }) => route.endsWith('/setup-events'));
    expect(streams.map(({ lastEventId }) => lastEventId)).toEqual([null, '1']);
  });
});
