import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { shippedContext, stageSettings } from '../../infra/lib/stages.js';
import {
  ARTIST_ACCOUNT,
  awsOutputs,
  callbackBody,
  stackArn,
} from '../../src/modules/artists/test-artists.js';
import { castingBody } from '../../src/modules/casting/test-casting.js';
import type { JsonResult } from '../../test/helpers/json-response.js';
import type { Harness } from './harness.js';
import type { FunctionName } from './model.js';

/**
 * The operations the cost model measures, as data: what one API request of each kind costs is measured
 * by running it through the real app, and the usage profile says how often an average monthly active
 * user makes it. Event delivery runs in the dispatcher's function instead: how often follows from the
 * events the API's operations were measured recording (`deliversEvents`), or from the schedule.
 */
export interface Operation<Input = unknown> {
  /** The request, e.g. `POST /auth/login`, and a word on the case measured. */
  name: string;
  module: 'identity' | 'connections' | 'collection' | 'artists' | 'casting' | 'events';
  /** Requests per monthly active user per month (the usage profile); 0 for the dispatcher's work. */
  perUserMonth: number;
  /** The function that runs it (default the API's, behind API Gateway, CloudFront and the WAF). */
  fn?: FunctionName;
  /** The dispatcher's work per event: for the events recorded on their own, or carried on a change's write. */
  deliversEvents?: 'published' | 'carried';
  /** Runs a month regardless of users (the one-minute sweep). */
  fixedPerMonth?: number;
  /** Lambda invocations per run (a carried event reaches the dispatcher twice: its item's write and its copy). */
  invocations?: number;
  /** Time a run waits on a remote party (a webhook receiver, a platform's token endpoint) that loopback does not show, ms. */
  waitsMs?: number;
  /** Items one run handles: the figures are divided by it (per connection of a proactive refresh run). */
  batch?: number;
  /** Unmeasured: makes what one run consumes (a fresh account to confirm, a refresh token to spend, …). */
  prepare(h: Harness, persona: Persona): Promise<Input>;
  /** Measured: the one request. */
  run(h: Harness, persona: Persona, input: Input): Promise<JsonResult>;
  expect: number;
}

/** A signed-in user with a collection and two platform connections, made once. */
export interface Persona {
  email: string;
  password: string;
  accessToken: string;
  guitarIds: string[];
  /** The guitar edited by PATCH, with its current version. */
  edited: { id: string; version: number };
  /** A JPEG the size of a phone photo (the image pipeline's real input). */
  photo: Buffer;
  /** The persona's casting profile (artist role) and a recruiter posting castings, with one open casting. */
  username: string;
  recruiter: { accessToken: string; castingId: string };
  /** An artist of the persona's whose stack is not set up yet (template, setup status). */
  artistId: string;
}

export const PASSWORD = 'Violet-Harbour-Lantern-42';

/**
 * A 12 MP JPEG that compresses like a phone photo (shapes and colour under film grain, about 2.4 MB), so
 * both the stored image and its thumbnail have realistic sizes.
 */
export async function phonePhoto(): Promise<Buffer> {
  const [width, height] = [4032, 3024];
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const circles = Array.from({ length: 120 }, () => {
    const [r, g, b] = [random(), random(), random()].map((value) => Math.floor(value * 255));
    return `<circle cx="${Math.floor(random() * width)}" cy="${Math.floor(random() * height)}" r="${Math.floor(40 + random() * 500)}" fill="rgb(${r},${g},${b})" fill-opacity="0.55"/>`;
  });
  const scene = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3a2a1a"/><stop offset="1" stop-color="#d9b98a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${circles.join('')}</svg>`,
  );
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 22 },
    },
  })
    .raw()
    .toBuffer();
  return sharp(await sharp(scene).png().toBuffer())
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A guitar as a collector records one: specs and private purchase info (about 1 KB stored). */
export function sampleGuitar(index: number) {
  return {
    brand: ['Fender', 'Gibson', 'Ibanez', 'PRS', 'Martin'][index % 5] as string,
    model: `Model ${index}`,
    year: 1960 + (index % 60),
    type: index % 3 === 0 ? 'acoustic' : 'electric',
    bodyMaterial: 'Alder',
    neckMaterial: 'Maple',
    fretboardMaterial: 'Rosewood',
    numberOfFrets: 22,
    scaleLength: '25.5"',
    pickupConfiguration: 'SSS',
    color: 'Sunburst',
    finish: 'Nitrocellulose',
    countryOfOrigin: 'USA',
    caseIncluded: true,
    privateInfo: {
      serialNumber: `SN${100000 + index}`,
      purchaseDate: '2019-05-04',
      purchasePrice: '1499.99',
      currentValue: '1800.00',
      currency: 'USD',
      purchaseLocation: 'A shop in Nashville',
    },
  };
}

const email = (label: string) => `cost-${label}-${randomBytes(5).toString('hex')}@example.com`;

async function expectOk(result: Promise<JsonResult>, status: number, step: string): Promise<JsonResult> {
  const answered = await result;
  if (answered.status !== status)
    throw new Error(`${step}: expected ${status}, got ${answered.status} ${answered.text}`);
  return answered;
}

/** Registers and confirms an account; answers its tokens. */
export async function signedUp(h: Harness, label: string) {
  const address = email(label);
  await expectOk(
    h.call('POST', '/auth/register', { body: { email: address, password: PASSWORD, name: 'Cost' } }),
    202,
    'register',
  );
  await expectOk(
    h.call('POST', '/auth/confirm', { body: { email: address, code: h.lastCode(address) } }),
    200,
    'confirm',
  );
  const login = await expectOk(
    h.call('POST', '/auth/login', { body: { email: address, password: PASSWORD } }),
    200,
    'login',
  );
  return { email: address, ...(login.json.data as { accessToken: string; refreshToken: string }) };
}

/**
 * Connects a platform as a browser and its frontend would: start, consent at the local OAuth server,
 * Amply's callback, then the frontend redeems the one-time code the dashboard redirect carries.
 */
async function connect(h: Harness, token: string, platform: string) {
  const started = await expectOk(h.call('POST', `/platforms/${platform}/connect`, { token }), 200, 'connect');
  const callback = await h.platforms.authorize(started.json.data.authUrl as string);
  const landed = await h.app.request(`${callback.pathname}${callback.search}`);
  const code = new URL(landed.headers.get('location') ?? '', 'http://frontend').searchParams.get(
    'connect_code',
  );
  if (!code) throw new Error(`connecting ${platform} ended at ${landed.headers.get('location')}`);
  await expectOk(
    h.call('POST', `/platforms/${platform}/complete`, { token, body: { code } }),
    200,
    'complete',
  );
}

export async function makePersona(h: Harness, photo: Buffer): Promise<Persona> {
  const user = await signedUp(h, 'persona');
  const guitarIds: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const created = await expectOk(
      h.call('POST', '/guitars', { token: user.accessToken, body: sampleGuitar(index) }),
      201,
      'guitar',
    );
    guitarIds.push(created.json.data.id as string);
  }
  // SoundCloud's token lives an hour (refreshes answer it from the table), Spotify's a minute (each
  // refresh goes to the platform).
  h.platforms.accessTokenTtl = 3600;
  await connect(h, user.accessToken, 'soundcloud');
  h.platforms.accessTokenTtl = 60;
  await connect(h, user.accessToken, 'spotify');
  const first = await expectOk(
    h.call('GET', `/guitars/${guitarIds[0]}`, { token: user.accessToken }),
    200,
    'read',
  );
  const username = `cost${randomBytes(4).toString('hex')}`;
  await expectOk(
    h.call('PUT', '/users/me', {
      token: user.accessToken,
      body: { username, roles: ['artist'], displayName: 'Cost Persona', skills: ['Jazz', 'Vocals'] },
    }),
    200,
    'profile',
  );
  const recruiter = await signedUp(h, 'recruiter');
  await expectOk(
    h.call('PUT', '/users/me', {
      token: recruiter.accessToken,
      body: { username: `hire${randomBytes(4).toString('hex')}`, roles: ['recruiter'] },
    }),
    200,
    'recruiter profile',
  );
  // A board of 40 open castings to list and search, and the artists' index with READY_ARTISTS entries.
  const castingIds: string[] = [];
  for (let index = 0; index < 40; index += 1)
    castingIds.push(await postCasting(h, recruiter.accessToken, index));
  for (let index = 0; index < READY_ARTISTS; index += 1) {
    const artistId = await createArtist(h, user.accessToken);
    const token = await issueCallbackToken(h, user.accessToken, artistId);
    await expectOk(
      h.call('POST', '/complete-artist-setup', { body: callbackBody(artistId, token) }),
      200,
      'callback',
    );
  }
  return {
    email: user.email,
    password: PASSWORD,
    accessToken: user.accessToken,
    guitarIds,
    edited: { id: guitarIds[0] as string, version: first.json.data.version as number },
    photo,
    username,
    recruiter: { accessToken: recruiter.accessToken, castingId: castingIds[0] as string },
    artistId: await createArtist(h, user.accessToken),
  };
}

/** Ready artists in the central index while its rebuild is measured (about 1 % of 10,000 monthly users). */
export const READY_ARTISTS = 100;

async function postCasting(h: Harness, token: string, index: number): Promise<string> {
  const created = await expectOk(
    h.call('POST', '/castings', {
      token,
      body: castingBody(h.deps, { title: `Jazz vocalist for a trio, ${index}`, questions: undefined }),
    }),
    201,
    'casting',
  );
  return created.json.data.id as string;
}

/** A new artist of `token`'s user; answers its id (and the ExternalId its role must demand). */
async function newArtist(h: Harness, token: string): Promise<{ artistId: string; externalId: string }> {
  const artistId = `cost-${randomBytes(5).toString('hex')}`;
  const created = await expectOk(
    h.call('POST', '/artists', { token, body: { artistId, displayName: 'Cost Artist', provider: 'aws' } }),
    201,
    'artist',
  );
  return { artistId, externalId: created.json.data.externalId as string };
}

const createArtist = async (h: Harness, token: string) => (await newArtist(h, token)).artistId;

async function issueCallbackToken(h: Harness, token: string, artistId: string): Promise<string> {
  const issued = await expectOk(
    h.call('POST', `/artists/${artistId}/callback-tokens`, { token }),
    201,
    'token',
  );
  return issued.json.data.token as string;
}

/** An artist of the persona's whose stack (and its role, trusting Amply) exists in the fake artist account. */
async function deployedArtist(h: Harness, p: Persona): Promise<string> {
  const { artistId, externalId } = await newArtist(h, p.accessToken);
  h.artistAccount.addRole({
    roleArn: `arn:aws:iam::${ARTIST_ACCOUNT}:role/AmplyAccessRole-${artistId}`,
    externalId,
  });
  h.artistAccount.addStack({
    stackId: stackArn(artistId),
    stackName: `amply-${artistId}`,
    status: 'CREATE_COMPLETE',
    outputs: awsOutputs(artistId),
  });
  return artistId;
}

let uploads = 0;

/** A fresh sign-in of the persona (a session to refresh or end). */
async function signIn(h: Harness, p: Persona) {
  const login = await expectOk(
    h.call('POST', '/auth/login', { body: { email: p.email, password: p.password } }),
    200,
    'login',
  );
  return login.json.data as { accessToken: string; refreshToken: string };
}

const askUploadUrl = (h: Harness, p: Persona) =>
  h.call('POST', '/images/upload-url', {
    token: p.accessToken,
    body: { fileName: 'guitar.jpg', fileType: 'image/jpeg', fileSize: p.photo.length, kind: 'image' },
  });

/**
 * How long a webhook receiver takes to answer a delivery (ms): the dispatcher's function waits for it,
 * billed time a loopback receiver does not show. A receiver that acknowledges first and works later.
 */
export const RECEIVER_ANSWER_MS = 100;

/** Platform connections (healthy, with a refresh token) of an average monthly active user; the persona has two. */
export const CONNECTIONS_PER_USER = 1.5;
/** How long a platform's token endpoint takes to answer a refresh, ms (loopback answers at once). */
export const PLATFORM_ANSWER_MS = 150;
const refreshEvery = stageSettings('prod', shippedContext()['amply:prod']).refreshConnections.everyMinutes;
/** Proactive refresh runs a month as prod schedules them (each refreshes every connection once). */
export const REFRESH_RUNS_PER_MONTH = refreshEvery ? (30 * 24 * 60) / refreshEvery : 0;

/** The operations and the usage profile: an average monthly active user (most never open a collection). */
export const OPERATIONS: Operation<any>[] = [
  {
    name: 'POST /auth/register',
    module: 'identity',
    perUserMonth: 0.1, // a tenth of the month's users are new
    prepare: async () => email('new'),
    run: (h, _p, address: string) =>
      h.call('POST', '/auth/register', { body: { email: address, password: PASSWORD, name: 'New' } }),
    expect: 202,
  },
  {
    name: 'POST /auth/confirm',
    module: 'identity',
    perUserMonth: 0.1,
    async prepare(h) {
      const address = email('confirm');
      await expectOk(
        h.call('POST', '/auth/register', { body: { email: address, password: PASSWORD, name: 'New' } }),
        202,
        'register',
      );
      return { email: address, code: h.lastCode(address) };
    },
    run: (h, _p, body) => h.call('POST', '/auth/confirm', { body }),
    expect: 200,
  },
  {
    name: 'POST /auth/login',
    module: 'identity',
    perUserMonth: 4,
    prepare: async () => undefined,
    run: (h, p) => h.call('POST', '/auth/login', { body: { email: p.email, password: p.password } }),
    expect: 200,
  },
  {
    name: 'POST /auth/refresh',
    module: 'identity',
    perUserMonth: 20, // access tokens live an hour; a few sessions of an hour or two a month
    prepare: async (h, p) => (await signIn(h, p)).refreshToken,
    run: (h, _p, refreshToken: string) => h.call('POST', '/auth/refresh', { body: { refreshToken } }),
    expect: 200,
  },
  {
    name: 'GET /user/profile',
    module: 'identity',
    perUserMonth: 8,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/user/profile', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /auth/logout',
    module: 'identity',
    perUserMonth: 1,
    prepare: async (h, p) => (await signIn(h, p)).accessToken,
    run: (h, _p, token: string) => h.call('POST', '/auth/logout', { token, body: {} }),
    expect: 200,
  },
  {
    name: 'POST /platforms/{p}/refresh, stored token',
    module: 'connections',
    perUserMonth: 6,
    prepare: async () => undefined,
    run: (h, p) => h.call('POST', '/platforms/soundcloud/refresh', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /platforms/{p}/refresh, upstream',
    module: 'connections',
    perUserMonth: 3,
    prepare: async () => undefined,
    run: (h, p) => h.call('POST', '/platforms/spotify/refresh', { token: p.accessToken }),
    waitsMs: PLATFORM_ANSWER_MS,
    expect: 200,
  },
  {
    name: 'GET /user/platforms',
    module: 'connections',
    perUserMonth: 2,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/user/platforms', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /guitars?limit=20',
    module: 'collection',
    perUserMonth: 4,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/guitars?limit=20', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /guitars/{id}',
    module: 'collection',
    perUserMonth: 6,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', `/guitars/${p.guitarIds[1]}`, { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /guitars (Idempotency-Key)',
    module: 'collection',
    perUserMonth: 0.3,
    prepare: async () => randomBytes(8).toString('hex'),
    run: (h, p, key: string) =>
      h.call('POST', '/guitars', {
        token: p.accessToken,
        body: sampleGuitar(7),
        headers: { 'idempotency-key': key },
      }),
    expect: 201,
  },
  {
    name: 'PATCH /guitars/{id}',
    module: 'collection',
    perUserMonth: 1,
    prepare: async () => undefined,
    async run(h, p) {
      const result = await h.call('PATCH', `/guitars/${p.edited.id}`, {
        token: p.accessToken,
        body: { version: p.edited.version, color: `Sunburst ${p.edited.version}` },
      });
      if (result.status === 200) p.edited.version = result.json.data.version as number;
      return result;
    },
    expect: 200,
  },
  {
    name: 'POST /guitars/{id}/notes',
    module: 'collection',
    perUserMonth: 0.5,
    prepare: async () => undefined,
    run: (h, p) =>
      h.call('POST', `/guitars/${p.guitarIds[2]}/notes`, {
        token: p.accessToken,
        body: { content: 'Restrung with 10s.' },
      }),
    expect: 201,
  },
  {
    name: 'GET /guitars/brands',
    module: 'collection',
    perUserMonth: 1,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/guitars/brands', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /guitars/stats',
    module: 'collection',
    perUserMonth: 1,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/guitars/stats', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /images/upload-url',
    module: 'collection',
    perUserMonth: 0.3,
    prepare: async () => undefined,
    run: (h, p) => askUploadUrl(h, p),
    expect: 200,
  },
  {
    name: 'POST /images/upload-complete (12 MP JPEG)',
    module: 'collection',
    perUserMonth: 0.3,
    async prepare(h, p) {
      const ticket = await expectOk(askUploadUrl(h, p), 200, 'upload-url');
      const url = new URL(ticket.json.data.uploadUrl as string);
      // The browser's PUT goes straight to storage (S3 on AWS), not through the function.
      const put = await h.app.request(`${url.pathname}${url.search}`, {
        method: 'PUT',
        headers: ticket.json.data.headers as Record<string, string>,
        body: new Uint8Array(p.photo),
      });
      if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
      uploads += 1;
      return {
        imageKey: ticket.json.data.imageKey as string,
        guitarId: p.guitarIds[3 + (uploads % 7)] as string,
      };
    },
    run: (h, p, body) => h.call('POST', '/images/upload-complete', { token: p.accessToken, body }),
    expect: 200,
  },

  // Casting: most users look; a few recruiters post; artists apply and hear back.
  {
    name: 'PUT /users/me (profile update)',
    module: 'casting',
    perUserMonth: 0.3,
    prepare: async () => undefined,
    run: (h, p) =>
      h.call('PUT', '/users/me', {
        token: p.accessToken,
        body: { username: p.username, roles: ['artist'], bio: `Singer, ${randomBytes(3).toString('hex')}` },
      }),
    expect: 200,
  },
  {
    name: 'GET /users/by-username/{u}',
    module: 'casting',
    perUserMonth: 3,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', `/users/by-username/${p.username}`, { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /castings',
    module: 'casting',
    perUserMonth: 0.05, // one user in twenty posts a casting a month
    prepare: async () => undefined,
    run: (h, p) =>
      h.call('POST', '/castings', {
        token: p.recruiter.accessToken,
        body: castingBody(h.deps, { questions: undefined }),
      }),
    expect: 201,
  },
  {
    name: 'GET /castings?limit=20',
    module: 'casting',
    perUserMonth: 3,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/castings?limit=20', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /castings?q=jazz',
    module: 'casting',
    perUserMonth: 1,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', '/castings?q=jazz&limit=20', { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /castings/{id}',
    module: 'casting',
    perUserMonth: 2,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', `/castings/${p.recruiter.castingId}`, { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /castings/{id}/applications',
    module: 'casting',
    perUserMonth: 0.3,
    prepare: (h, p) => postCasting(h, p.recruiter.accessToken, 7),
    run: (h, p, castingId: string) =>
      h.call('POST', `/castings/${castingId}/applications`, {
        token: p.accessToken,
        body: { message: 'I sing jazz standards and scat; free on Thursdays.' },
      }),
    expect: 201,
  },
  {
    name: 'PATCH /castings/{id}/applications/{a} (mails, event)',
    module: 'casting',
    perUserMonth: 0.3, // each application is decided once
    async prepare(h, p) {
      const castingId = await postCasting(h, p.recruiter.accessToken, 8);
      const applied = await expectOk(
        h.call('POST', `/castings/${castingId}/applications`, { token: p.accessToken, body: {} }),
        201,
        'apply',
      );
      return { castingId, applicationId: applied.json.data.id as string };
    },
    run: (h, p, { castingId, applicationId }: { castingId: string; applicationId: string }) =>
      h.call('PATCH', `/castings/${castingId}/applications/${applicationId}`, {
        token: p.recruiter.accessToken,
        body: { status: 'shortlisted' },
      }),
    expect: 200,
  },

  // Artists: one user in a hundred onboards an artist a month; platforms' frontends read the directory.
  {
    name: 'POST /artists',
    module: 'artists',
    perUserMonth: 0.01,
    prepare: async () => `cost-${randomBytes(5).toString('hex')}`,
    run: (h, p, artistId: string) =>
      h.call('POST', '/artists', {
        token: p.accessToken,
        body: { artistId, displayName: 'Cost Artist', provider: 'aws' },
      }),
    expect: 201,
  },
  {
    name: 'GET /artists/{id}/templates/aws',
    module: 'artists',
    perUserMonth: 0.02, // opened about twice per onboarding
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', `/artists/${p.artistId}/templates/aws`, { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'POST /artists/{id}/callback-tokens',
    module: 'artists',
    perUserMonth: 0.01,
    prepare: async () => undefined,
    run: (h, p) => h.call('POST', `/artists/${p.artistId}/callback-tokens`, { token: p.accessToken }),
    expect: 201,
  },
  {
    name: `POST /complete-artist-setup (index rebuild, ${READY_ARTISTS} ready)`,
    module: 'artists',
    perUserMonth: 0.01,
    async prepare(h, p) {
      const artistId = await createArtist(h, p.accessToken);
      return callbackBody(artistId, await issueCallbackToken(h, p.accessToken, artistId));
    },
    run: (h, _p, body) => h.call('POST', '/complete-artist-setup', { body }),
    expect: 200,
  },
  {
    name: 'POST /verify-stack (STS + CloudFormation)',
    module: 'artists',
    perUserMonth: 0.03, // the polling fallback: a few polls per onboarding
    prepare: (h, p) => deployedArtist(h, p),
    run: (h, p, artistId: string) =>
      h.call('POST', '/verify-stack', {
        token: p.accessToken,
        body: { artistId, stackName: stackArn(artistId), provider: 'aws' },
      }),
    expect: 200,
  },
  {
    name: 'GET /artists/{id}/setup-status',
    module: 'artists',
    perUserMonth: 0.05,
    prepare: async () => undefined,
    run: (h, p) => h.call('GET', `/artists/${p.artistId}/setup-status`, { token: p.accessToken }),
    expect: 200,
  },
  {
    name: 'GET /artists?limit=20',
    module: 'artists',
    perUserMonth: 0.5,
    prepare: async () => undefined,
    run: (h) => h.call('GET', '/artists?limit=20'),
    expect: 200,
  },
  {
    name: `GET /amply-index.json (${READY_ARTISTS} ready)`,
    module: 'artists',
    perUserMonth: 0.5,
    prepare: async () => undefined,
    run: (h) => h.call('GET', '/amply-index.json'),
    expect: 200,
  },

  // Event delivery, in the dispatcher's function: how often follows from the events measured above.
  {
    name: 'deliver an event recorded on its own (lease, read, POST, state, release)',
    module: 'events',
    perUserMonth: 0,
    fn: 'dispatcher',
    deliversEvents: 'published',
    invocations: 1,
    waitsMs: RECEIVER_ANSWER_MS,
    async prepare(h) {
      await drainEvents(h);
      const subject = `usr_cost${randomBytes(6).toString('hex')}`;
      await h.deps.events.publish({ type: 'user.deleted', subject, data: { userId: subject } });
      return subject;
    },
    run: (h, _p, subject: string) => dispatched(h, { subjects: [subject], sweep: false }, 1),
    expect: 200,
  },
  {
    name: 'deliver a carried event (also copy check, clear the item)',
    module: 'events',
    perUserMonth: 0,
    fn: 'dispatcher',
    deliversEvents: 'carried',
    waitsMs: RECEIVER_ANSWER_MS,
    // The carrier's write and the copy's insert each reach the function through the stream.
    invocations: 2,
    async prepare(h, p) {
      await drainEvents(h);
      await signIn(h, p); // user.signed_in, carried on the new session's item
      const store = await outboxStore(h);
      const carriers = [];
      let subjects: string[] = [];
      for (let shard = 0; shard < 4; shard += 1) {
        const due = await store.due(`OUTBOX#${shard}`, Date.now() + 60_000, 100);
        carriers.push(...due.carriers.map((carrier) => carrier.key));
        subjects = [...subjects, ...due.subjects];
      }
      if (carriers.length !== 1) throw new Error(`expected one carried event, found ${carriers.length}`);
      return { carriers, subjects };
    },
    run: (h, _p, input) => dispatched(h, { ...input, sweep: false }, 1),
    expect: 200,
  },
  {
    name: 'sweep with nothing due (every minute)',
    module: 'events',
    perUserMonth: 0,
    fn: 'dispatcher',
    fixedPerMonth: 60 * 24 * 30,
    invocations: 1,
    prepare: (h) => drainEvents(h),
    run: (h) => dispatched(h, { sweep: true }, 0),
    expect: 200,
  },

  // The proactive refresh (its own function, on prod's schedule): every connection, every run.
  {
    name: 'proactive refresh, per connection (scheduled run, upstream)',
    module: 'connections',
    perUserMonth: CONNECTIONS_PER_USER * REFRESH_RUNS_PER_MONTH,
    fn: 'refresh',
    // A run's invocation is counted as its cold start (FunctionSettings.minColdStarts), not per connection.
    invocations: 0,
    // The persona's two connections, refreshed side by side (a run takes four at a time): one wait for both.
    batch: 2,
    waitsMs: PLATFORM_ANSWER_MS,
    prepare: (h) => drainEvents(h),
    async run(h) {
      const report = await h.modules.connections.refreshExpiring({ withinMs: 24 * 3600 * 1000 });
      const text = JSON.stringify(report);
      const ok = report.refreshed === 2 && report.failed === 0 && report.needsReauth === 0;
      return { status: ok ? 200 : 500, headers: new Headers(), json: report, text };
    },
    expect: 200,
  },
];

async function outboxStore(h: Harness) {
  const { createOutboxStore } = await import('../../src/events/outbox-store.js');
  return createOutboxStore(await h.deps.db.documentClient(), h.deps.db.tableName);
}

/** Delivers everything due, so the next measured pass finds only the event its preparation recorded. */
async function drainEvents(h: Harness): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const report = await h.deps.eventDispatcher.dispatch({ sweep: true });
    if (report.delivered + report.relayed + report.retrying === 0) return;
  }
  throw new Error('the outbox did not drain');
}

/** One dispatcher pass, answered as a request would be: 200 when it delivered `expected` events. */
async function dispatched(
  h: Harness,
  input: Parameters<Harness['deps']['eventDispatcher']['dispatch']>[0],
  expected: number,
): Promise<JsonResult> {
  const report = await h.deps.eventDispatcher.dispatch(input);
  const text = JSON.stringify(report);
  return { status: report.delivered === expected ? 200 : 500, headers: new Headers(), json: report, text };
}

/** What an average monthly active user does outside the API (served by CloudFront and S3 directly). */
export const MEDIA_PROFILE = {
  /** Thumbnails loaded from the media CDN (lists show them). */
  thumbnailViewsPerUserMonth: 30,
  /** Full images opened. */
  imageViewsPerUserMonth: 1,
  /** Images kept per user (a fifth of users keep a collection of ten guitars with one photo each). */
  storedImagesPerUser: 2,
  /** Share of CloudFront image requests that miss the cache and read S3. */
  cacheMissRatio: 0.1,
};
