import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { JsonResult } from '../../test/helpers/json-response.js';
import type { Harness } from './harness.js';

/**
 * The operations the cost model measures, as data: what one API request of each kind costs is measured
 * by running it through the real app, and the usage profile says how often an average monthly active
 * user makes it. Artists' and casting's operations join this list as those modules land.
 */
export interface Operation<Input = unknown> {
  /** The request, e.g. `POST /auth/login`, and a word on the case measured. */
  name: string;
  module: 'identity' | 'connections' | 'collection' | 'artists' | 'casting';
  /** Requests per monthly active user per month (the usage profile). */
  perUserMonth: number;
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

/** Connects a platform as a browser would: start, consent at the local OAuth server, Amply's callback. */
async function connect(h: Harness, token: string, platform: string) {
  const started = await expectOk(h.call('POST', `/platforms/${platform}/connect`, { token }), 200, 'connect');
  const callback = await h.platforms.authorize(started.json.data.authUrl as string);
  const landed = await h.app.request(`${callback.pathname}${callback.search}`);
  if (!landed.headers.get('location')?.includes(`connected=${platform}`)) {
    throw new Error(`connecting ${platform} ended at ${landed.headers.get('location')}`);
  }
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
  return {
    email: user.email,
    password: PASSWORD,
    accessToken: user.accessToken,
    guitarIds,
    edited: { id: guitarIds[0] as string, version: first.json.data.version as number },
    photo,
  };
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
];

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
