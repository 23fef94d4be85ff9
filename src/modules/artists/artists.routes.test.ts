import { createServer } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { callbackTokenArtist } from './callback-token.js';
import {
  AMPLY_ACCOUNT,
  callbackBody,
  createArtist,
  issueToken,
  newArtistId,
  postCallback,
} from './test-artists.js';

let t: TestApp;
let owner: { token: string; userId: string };
let intruder: { token: string; userId: string };

beforeAll(async () => {
  t = await createTestApp({
    env: { AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT, AMPLY_ARTIST_CONSOLE_REGION: 'eu-north-1' },
  });
  const a = await signedInUser(t, 'owner');
  const b = await signedInUser(t, 'intruder');
  owner = { token: a.accessToken, userId: a.userId };
  intruder = { token: b.accessToken, userId: b.userId };
});

describe('POST /artists', () => {
  it('claims an artistId for the signed-in user, with an ExternalId Amply generated', async () => {
    const artistId = newArtistId();
    const created = await t.call('POST', '/artists', {
      token: owner.token,
      body: { artistId, displayName: '  Sky\u0301wave  ', provider: 'aws' },
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toEqual({
      artistId,
      displayName: 'Skýwave',
      provider: 'aws',
      status: 'pending',
      externalId: expect.stringMatching(/^amply-[0-9a-f]{32}$/),
      createdAt: '2026-11-21T12:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('answers a repeated identical request with the same artist, and anything else with 409 ARTIST_ID_TAKEN', async () => {
    const artistId = newArtistId();
    const body = { artistId, displayName: 'Skywave', provider: 'aws' };
    const first = await t.call('POST', '/artists', { token: owner.token, body });
    const again = await t.call('POST', '/artists', { token: owner.token, body });
    expect(again.status).toBe(201);
    expect(again.json.data).toEqual(first.json.data);

    const renamed = await t.call('POST', '/artists', {
      token: owner.token,
      body: { ...body, displayName: 'Other' },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.json.error.code).toBe('ARTIST_ID_TAKEN');
    const stolen = await t.call('POST', '/artists', { token: intruder.token, body });
    expect(stolen.status).toBe(409);
    expect(stolen.json.error.code).toBe('ARTIST_ID_TAKEN');
  });

  it('keeps only one of two users racing for the same artistId', async () => {
    const artistId = newArtistId();
    const [a, b] = await Promise.all(
      [owner, intruder].map((user) =>
        t.call('POST', '/artists', {
          token: user.token,
          body: { artistId, displayName: 'Race', provider: 'aws' },
        }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([201, 409]);
  });

  it('holds artistIds to the slug rules and providers to aws, gcp and azure', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['too short', { artistId: 'ab' }, 'artistId'],
      ['too long', { artistId: 'a'.repeat(41) }, 'artistId'],
      ['upper case', { artistId: 'SkyWave' }, 'artistId'],
      ['an underscore', { artistId: 'sky_wave' }, 'artistId'],
      ['a leading hyphen', { artistId: '-skywave' }, 'artistId'],
      ['a trailing hyphen', { artistId: 'skywave-' }, 'artistId'],
      ['a double hyphen', { artistId: 'sky--wave' }, 'artistId'],
      ['another provider', { provider: 'oracle' }, 'provider'],
      ['an empty name', { displayName: '   ' }, 'displayName'],
      ['a control character', { displayName: 'Sky\u0007wave' }, 'displayName'],
      ['an unknown field', { externalId: 'mine' }, 'externalId'],
    ];
    for (const [label, override, field] of cases) {
      const response = await t.call('POST', '/artists', {
        token: owner.token,
        body: { artistId: newArtistId(), displayName: 'Skywave', provider: 'aws', ...override },
      });
      expect(response.status, label).toBe(400);
      expect(
        response.json.error.details.map((d: { field: string }) => d.field),
        label,
      ).toContain(field);
    }
    const fortyChars = `a${'b'.repeat(38)}c`;
    expect((await createArtist(t, owner.token, { artistId: fortyChars })).artistId).toBe(fortyChars);
  });

  it('needs a signed-in user', async () => {
    const response = await t.call('POST', '/artists', {
      body: { artistId: newArtistId(), displayName: 'Skywave', provider: 'aws' },
    });
    expect(response.status).toBe(401);
  });
});

describe('public views', () => {
  it('GET /artists/{artistId} shows name, provider and CDN (once ready) to anyone, never owner details', async () => {
    const { artistId } = await createArtist(t, owner.token);
    const before = await t.call('GET', `/artists/${artistId}`);
    expect(before.json.data).toEqual({
      artistId,
      displayName: 'Skywave',
      provider: 'aws',
      cdnDomain: null,
      ready: false,
      createdAt: expect.any(String),
    });
    const token = await issueToken(t, owner.token, artistId);
    await postCallback(t, callbackBody(artistId, token));
    const after = await t.call('GET', `/artists/${artistId}`);
    expect(after.json.data).toMatchObject({ ready: true, cdnDomain: 'd1234567abcdef.cloudfront.net' });
    expect(JSON.stringify(after.json)).not.toMatch(/externalId|ownerId|roleArn|tokenHash/);
    expect((await t.call('GET', `/artists/${newArtistId('missing')}`)).json.error.code).toBe(
      'ARTIST_NOT_FOUND',
    );
  });

  it('GET /artists lists every artist newest first, page by page, with a cursor that cannot be edited', async () => {
    const fresh = await createTestApp();
    const user = (await signedInUser(fresh, 'lister')).accessToken;
    const ids: string[] = [];
    for (let n = 0; n < 7; n += 1) {
      ids.push((await createArtist(fresh, user, { artistId: `listed-${n}` })).artistId);
      fresh.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<TestApp['call']>> = await fresh.call(
        'GET',
        `/artists?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.json.data.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.json.data.items.map((item: { artistId: string }) => item.artistId));
      cursor = page.json.data.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const first = await fresh.call('GET', '/artists?limit=2');
    const edited = `${first.json.data.nextCursor.slice(0, -2)}xx`;
    const refused = await fresh.call('GET', `/artists?cursor=${encodeURIComponent(edited)}`);
    expect(refused.status).toBe(400);
    expect((await fresh.call('GET', '/artists?limit=101')).status).toBe(400);
  });
});

describe('callback tokens', () => {
  it('issues amply_<artistId>_<unix-ms>_<32 hex>, valid 24 hours, and never answers it again', async () => {
    const { artistId } = await createArtist(t, owner.token);
    const issued = await t.call('POST', `/artists/${artistId}/callback-tokens`, { token: owner.token });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { token, expiresAt } = issued.json.data;
    expect(token).toMatch(new RegExp(`^amply_${artistId}_${t.clock.now()}_[0-9a-f]{32}$`));
    expect(callbackTokenArtist(token)).toBe(artistId);
    expect(expiresAt).toBe(new Date(t.clock.now() + 24 * 3600 * 1000).toISOString());
    const views = [
      await t.call('GET', `/artists/${artistId}/setup-status`, { token: owner.token }),
      await t.call('GET', '/user/export', { token: owner.token }),
      await t.call('GET', `/artists/${artistId}`),
    ];
    for (const view of views) expect(view.text).not.toContain(token.slice(-32));
  });

  it('can be issued from a bodyless POST, as curl -X POST and browsers send it', async () => {
    const { artistId } = await createArtist(t, owner.token);
    const response = await t.app.request(`/artists/${artistId}/callback-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(response.status).toBe(201);
  });
});

describe('GET /artists/{artistId}/templates/aws', () => {
  it('answers the template, where CloudFormation reads it, and a quick-create link without the token', async () => {
    const { artistId, externalId } = await createArtist(t, owner.token);
    const response = await t.call('GET', `/artists/${artistId}/templates/aws`, { token: owner.token });
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data.format).toBe('yaml');
    expect(data.templateBody).toContain(`arn:\${AWS::Partition}:iam::${AMPLY_ACCOUNT}:root`);
    expect(data.parameters).toEqual({
      ArtistName: artistId,
      AmplyCallbackUrl: 'http://amply.test/complete-artist-setup',
      AmplyExternalId: externalId,
    });
    expect(data.stackName).toBe(`amply-${artistId}`);

    const launch = new URL(data.launchUrl);
    expect(launch.origin).toBe('https://eu-north-1.console.aws.amazon.com');
    const quick = new URLSearchParams(launch.hash.replace('#/stacks/quickcreate?', ''));
    expect(Object.fromEntries(quick)).toEqual({
      templateURL: data.templateUrl,
      stackName: `amply-${artistId}`,
      param_ArtistName: artistId,
      param_AmplyCallbackUrl: 'http://amply.test/complete-artist-setup',
      param_AmplyExternalId: externalId,
    });
    expect(data.launchUrl).not.toMatch(/AmplyApiKey|amply_[a-z0-9-]+_\d{13}_/);

    // The local blob store serves the published template at its signed URL, as S3 would.
    const served = await t.app.request(data.templateUrl);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(data.templateBody);

    const json = await t.call('GET', `/artists/${artistId}/templates/aws?format=json`, {
      token: owner.token,
    });
    expect(JSON.parse(json.json.data.templateBody).Resources.AmplyAccessRole.Type).toBe('AWS::IAM::Role');
  });

  it('refuses an artist on another provider with 409, and answers 503 while Amply’s own account is unknown', async () => {
    const { artistId } = await createArtist(t, owner.token, { provider: 'gcp' });
    const other = await t.call('GET', `/artists/${artistId}/templates/aws`, { token: owner.token });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('ARTIST_PROVIDER_MISMATCH');

    // No AMPLY_AWS_ACCOUNT_ID, and STS (a closed loopback port here) cannot say whose credentials these are.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const unknown = await createTestApp({ env: { AMPLY_STS_ENDPOINT: `http://127.0.0.1:${port}` } });
    const user = (await signedInUser(unknown, 'no-account')).accessToken;
    const artist = await createArtist(unknown, user);
    const response = await unknown.call('GET', `/artists/${artist.artistId}/templates/aws`, { token: user });
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(response.headers.get('retry-after')).toBe('60');
  });
});

describe('another user against every owner route', () => {
  let artistId: string;
  beforeAll(async () => {
    artistId = (await createArtist(t, owner.token)).artistId;
  });

  const routes: Array<[string, () => string, () => unknown]> = [
    ['DELETE', () => `/artists/${artistId}`, () => undefined],
    ['POST', () => `/artists/${artistId}/callback-tokens`, () => undefined],
    ['GET', () => `/artists/${artistId}/templates/aws`, () => undefined],
    ['GET', () => `/artists/${artistId}/setup-status`, () => undefined],
    ['GET', () => `/artists/${artistId}/setup-events`, () => undefined],
    [
      'POST',
      () => '/verify-stack',
      () => ({ artistId, stackName: 'amply-x', provider: 'aws', accountId: '111122223333' }),
    ],
  ];
  for (const [method, path, body] of routes) {
    it(`${method} ${path().replace(/artist-\w+|undefined/, '{artistId}')} answers 404 ARTIST_NOT_FOUND and changes nothing`, async () => {
      const response = await t.call(method, path(), { token: intruder.token, body: body() });
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe('ARTIST_NOT_FOUND');
      const mine = await t.call('GET', `/artists/${artistId}/setup-status`, { token: owner.token });
      expect(mine.json.data).toMatchObject({ status: 'pending', version: 1 });
    });
  }
});

describe('DELETE /artists/{artistId}', () => {
  it('offboards: the artist, its config, tokens and index entry go, and the artistId is free again', async () => {
    const { artistId } = await createArtist(t, owner.token);
    const token = await issueToken(t, owner.token, artistId);
    await postCallback(t, callbackBody(artistId, token));
    expect(
      (await t.call('GET', '/amply-index.json')).json.artists.map((a: { artistId: string }) => a.artistId),
    ).toContain(artistId);

    const deleted = await t.app.request(`/artists/${artistId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(deleted.status).toBe(200);
    expect((await t.call('GET', `/artists/${artistId}`)).status).toBe(404);
    expect(
      (await t.call('GET', '/amply-index.json')).json.artists.map((a: { artistId: string }) => a.artistId),
    ).not.toContain(artistId);
    expect((await postCallback(t, callbackBody(artistId, token, { request_type: 'Delete' }))).status).toBe(
      401,
    );

    const reclaimed = await createArtist(t, intruder.token, { artistId });
    expect(reclaimed.artistId).toBe(artistId);
    const exported = await t.call('GET', '/user/export', { token: intruder.token });
    const trail = exported.json.data.artists.find(
      (a: { artistId: string }) => a.artistId === artistId,
    ).auditTrail;
    expect(trail.map((event: { type: string }) => event.type)).toEqual(['artist.created']);
  });
});

describe('account export and deletion', () => {
  it('export lists the user’s artists with setup and audit trail; deleting the account offboards them', async () => {
    const user = await signedInUser(t, 'leaving');
    const { artistId } = await createArtist(t, user.accessToken);
    const token = await issueToken(t, user.accessToken, artistId);
    await postCallback(t, callbackBody(artistId, token));

    const exported = await t.call('GET', '/user/export', { token: user.accessToken });
    expect(exported.json.data.artists).toEqual([
      expect.objectContaining({
        artistId,
        setup: expect.objectContaining({ status: 'complete' }),
        auditTrail: [
          expect.objectContaining({ type: 'artist.created' }),
          expect.objectContaining({ type: 'callback_token.issued' }),
          expect.objectContaining({ type: 'callback.accepted' }),
        ],
      }),
    ]);

    const gone = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(gone.status).toBe(200);
    expect((await t.call('GET', `/artists/${artistId}`)).status).toBe(404);
    const index = await t.call('GET', '/amply-index.json');
    expect(index.json.artists.map((a: { artistId: string }) => a.artistId)).not.toContain(artistId);
  });
});

describe('the OpenAPI document', () => {
  it('documents every artists operation with a unique operationId, its security and its 4xx answers', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    const mine = operations.filter(({ path }) =>
      /^\/(artists|complete-artist-setup|verify-stack|amply-index\.json)/.test(path),
    );
    expect(mine.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      'DELETE /artists/{artistId}',
      'GET /amply-index.json',
      'GET /artists',
      'GET /artists/{artistId}',
      'GET /artists/{artistId}/setup-events',
      'GET /artists/{artistId}/setup-status',
      'GET /artists/{artistId}/templates/aws',
      'POST /artists',
      'POST /artists/{artistId}/callback-tokens',
      'POST /complete-artist-setup',
      'POST /verify-stack',
    ]);
    const ids = operations.map(({ operation }) => operation.operationId).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of mine) {
      const name = `${method} ${path}`;
      expect(operation.operationId, name).toMatch(/^[a-z]+[A-Z]\w+$/);
      expect(Array.isArray(operation.security), name).toBe(true);
      expect(
        Object.keys(operation.responses).some((status) => status.startsWith('4')),
        name,
      ).toBe(true);
    }
    const publicOnes = mine
      .filter(({ operation }) => operation.security.length === 0)
      .map(({ operation }) => operation.operationId);
    expect(publicOnes.sort()).toEqual(['completeArtistSetup', 'getArtist', 'getArtistIndex', 'listArtists']);
  });
});
