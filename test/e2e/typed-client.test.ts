import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AmplyClient,
  createAmplyClient,
  type SetupStatus,
  unwrap,
} from '../../clients/typescript/src/index.js';
import { photo } from '../../src/modules/collection/test-images.js';
import { authorizeAtProvider } from '../helpers/oidc-provider.js';
import {
  E2E_PASSWORD,
  EVERY_MODULE_MANY_USERS_ENV,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
  uniqueAddress,
} from './server-process.js';

/*
 * `@amply/client` against the started server (`npm start`'s dist/node.mjs), one flow per module, as an
 * application using the package would call it: no hand-written request in a flow, only the client.
 */

let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeTempDir('typed-client');
  server = await startServer({
    dataDir,
    env: EVERY_MODULE_MANY_USERS_ENV,
  });
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) await removeDir(dataDir);
});

/** A confirmed user (the code read from the dev outbox) signed in through a fresh client. */
async function signedInClient(label: string): Promise<{ amply: AmplyClient; email: string }> {
  const amply = createAmplyClient({ baseUrl: server.baseUrl });
  const email = uniqueAddress(label);
  unwrap(
    await amply.api.POST('/auth/register', {
      body: { email, password: E2E_PASSWORD, name: `Client ${label}` },
    }),
  );
  const outbox = unwrap(await amply.api.GET('/dev/outbox', { params: { query: { to: email } } }));
  const code = /Your code: (\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1] as string;
  unwrap(await amply.api.POST('/auth/confirm', { body: { email, code } }));
  await expect(amply.auth.signIn(email, E2E_PASSWORD)).resolves.toEqual({ status: 'signed-in' });
  return { amply, email };
}

describe('@amply/client against the started server', () => {
  it('identity: signs in, refreshes once on a 401 with the refresh token rotated, and signs out', async () => {
    const { amply, email } = await signedInClient('identity');
    const first = amply.session.tokens();
    expect(first).not.toBeNull();
    // An access token the server refuses (its signature broken): the next call answers 401 once.
    const broken = `${first?.accessToken.slice(0, -6)}AAAAAA`;
    amply.session.setTokens({ ...(first as NonNullable<typeof first>), accessToken: broken });
    const profile = unwrap(await amply.api.GET('/user/profile'));
    expect(profile.email).toBe(email);
    const rotated = amply.session.tokens();
    expect(rotated?.accessToken).not.toBe(broken);
    expect(rotated?.refreshToken).not.toBe(first?.refreshToken);

    await amply.auth.signOut();
    expect(amply.session.tokens()).toBeNull();
    // The rotated refresh token ended with the session: a client holding it is signed out.
    const stale = createAmplyClient({ baseUrl: server.baseUrl });
    stale.session.setTokens({ ...(rotated as NonNullable<typeof rotated>), accessToken: broken });
    const refused = await stale.api.GET('/user/profile');
    expect(refused.response.status).toBe(401);
    expect(stale.session.tokens()).toBeNull();
  });

  it('connections: connects Spotify through the dev provider and gets a fresh platform token', async () => {
    const { amply } = await signedInClient('connections');
    const authUrl = await amply.platforms.startConnect('spotify');
    const callback = await authorizeAtProvider(authUrl, { email: uniqueAddress('listener') });
    expect(callback.origin).toBe(server.baseUrl);
    const landed = await fetch(callback, { redirect: 'manual' });
    const dashboard = new URL(landed.headers.get('location') as string);
    expect(dashboard.pathname).toBe('/console/dashboard');
    await expect(amply.platforms.completeConnect(dashboard.search)).resolves.toEqual({
      platform: 'spotify',
      connected: true,
    });
    const connections = unwrap(await amply.api.GET('/user/platforms')).items;
    expect(connections).toEqual([expect.objectContaining({ platform: 'spotify', status: 'healthy' })]);
    const token = unwrap(
      await amply.api.POST('/platforms/{platform}/refresh', { params: { path: { platform: 'spotify' } } }),
    );
    expect(token.expiresIn).toBeGreaterThan(0);
  });

  it('collection: adds a guitar and uploads a photo (upload URL, PUT, complete) whose thumbnail is served', async () => {
    const { amply } = await signedInClient('collection');
    const guitar = unwrap(
      await amply.api.POST('/guitars', {
        body: { brand: 'Fender', model: 'Jazzmaster', year: 1962, type: 'electric' },
      }),
    );
    const image = await amply.uploads.guitarImage({
      guitarId: guitar.id,
      file: new Blob([await photo('jpeg')], { type: 'image/jpeg' }),
      fileName: 'jazzmaster.jpg',
      caption: 'Front',
      isPrimary: true,
    });
    const listed = unwrap(await amply.api.GET('/guitars', { params: { query: { brand: 'Fender' } } })).items;
    expect(listed.map((item) => item.id)).toEqual([guitar.id]);
    const shown = listed[0]?.images[0];
    expect(shown).toMatchObject({ caption: 'Front', isPrimary: true, thumbnailUrl: image.thumbnailUrl });
    const thumbnail = await fetch(image.thumbnailUrl as string);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toMatch(/^image\//);
  });

  it('artists: follows the setup over server-sent events until the stack calls back', async () => {
    const { amply } = await signedInClient('artists');
    const artistId = `client-${randomBytes(3).toString('hex')}`;
    unwrap(
      await amply.api.POST('/artists', { body: { artistId, displayName: 'Client Artist', provider: 'aws' } }),
    );
    const token = unwrap(
      await amply.api.POST('/artists/{artistId}/callback-tokens', { params: { path: { artistId } } }),
    );
    const seen: SetupStatus[] = [];
    let pending!: () => void;
    const firstSeen = new Promise<void>((resolve) => {
      pending = resolve;
    });
    const watched = amply.watchSetup(artistId, {
      onStatus: (status) => {
        seen.push(status);
        pending();
      },
    });
    await firstSeen;
    // The stack's function calls back, with the single-use token; the stream then ends with `complete`.
    const callback = await fetch(`${server.baseUrl}/complete-artist-setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        artistId,
        provider: 'aws',
        stack_id: `arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-${artistId}/0b1c2d3e`,
        outputs: {
          BucketName: `amply-${artistId}-111122223333`,
          CloudFrontDomain: 'd3client.cloudfront.net',
          RoleArn: `arn:aws:iam::111122223333:role/AmplyAccessRole-${artistId}`,
        },
        callback_token: token.token,
        callback_timestamp: new Date().toISOString(),
      }),
    });
    expect(callback.status).toBe(200);
    const final = await watched;
    expect(final?.status).toBe('complete');
    expect(seen.map((status) => status.status)).toEqual(['pending', 'complete']);
  });

  it('casting: a recruiter posts, an artist applies, the recruiter shortlists and the artist sees it', async () => {
    const { amply: recruiter } = await signedInClient('recruiter');
    const { amply: artist } = await signedInClient('artist');
    unwrap(
      await recruiter.api.PUT('/users/me', {
        body: { username: `rec${randomBytes(3).toString('hex')}`, roles: ['recruiter'] },
      }),
    );
    unwrap(
      await artist.api.PUT('/users/me', {
        body: { username: `art${randomBytes(3).toString('hex')}`, roles: ['artist'] },
      }),
    );
    const casting = unwrap(
      await recruiter.api.POST('/castings', {
        body: {
          title: 'Bassist for a tour',
          description: 'Three weeks in spring, mostly clubs.',
          roleType: 'instrumentalist',
          location: 'Hamburg',
          compensationType: 'paid',
          expiresAt: new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString(),
        },
      }),
    );
    const application = unwrap(
      await artist.api.POST('/castings/{id}/applications', {
        params: { path: { id: casting.id } },
        body: { message: 'Five years on the road.' },
      }),
    );
    unwrap(
      await recruiter.api.PATCH('/castings/{id}/applications/{applicationId}', {
        params: { path: { id: casting.id, applicationId: application.id } },
        body: { status: 'shortlisted' },
      }),
    );
    const mine = unwrap(await artist.api.GET('/user/applications')).items;
    expect(mine).toEqual([expect.objectContaining({ castingId: casting.id, status: 'shortlisted' })]);
  });
});
