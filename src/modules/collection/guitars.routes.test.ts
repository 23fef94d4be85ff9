import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { createGuitar, guitarBody } from './test-guitars.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await signedInUser(t, 'collector')).accessToken;
});

describe('POST /guitars and GET /guitars/{id}', () => {
  it('stores the whole Guitar Collection item and reads it back, money as decimal strings', async () => {
    const created = await t.call('POST', '/guitars', { token, body: guitarBody() });
    expect(created.status).toBe(201);
    const guitar = created.json.data;
    expect(guitar.id).toMatch(/^gtr_[0-9a-z]{26}$/);
    expect(guitar).toMatchObject({
      brand: 'Fender',
      model: 'Stratocaster',
      year: 1965,
      type: 'electric',
      color: 'Sunburst',
      numberOfFrets: 21,
      caseIncluded: true,
      bodyMaterial: null,
      detailedSpecs: { neckProfile: 'C', radius: '7.25"' },
      images: [],
      notes: [],
      version: 1,
      createdAt: '2026-11-21T12:00:00.000Z',
      privateInfo: {
        serialNumber: 'L12345',
        purchaseDate: '2021-06-30',
        purchasePrice: '1499.99',
        currentValue: '2100.50',
        originalRetailPrice: null,
        currency: 'EUR',
        receiptUrl: null,
      },
    });
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual(guitar);
  });

  it('answers GUITAR_VALIDATION_ERROR naming each bad field', async () => {
    const response = await t.call('POST', '/guitars', {
      token,
      body: guitarBody({ year: 1800, type: 'kazoo', brand: '', numberOfFrets: 99, colour: 'red' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
    const fields = response.json.error.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'type', 'brand', 'numberOfFrets', 'colour']));
  });

  it('refuses amounts without a currency, and more decimals than the currency has', async () => {
    const noCurrency = await t.call('POST', '/guitars', {
      token,
      body: guitarBody({ privateInfo: { purchasePrice: '10.00' } }),
    });
    expect(noCurrency.status).toBe(400);
    expect(noCurrency.json.error.details).toContainEqual({
      field: 'privateInfo.currency',
      message: 'Required when purchasePrice is given',
    });
    const yen = await t.call('POST', '/guitars', {
      token,
      body: guitarBody({ privateInfo: { purchasePrice: '1000.5', currency: 'JPY' } }),
    });
    expect(yen.status).toBe(400);
    expect(yen.json.error).toMatchObject({
      code: 'GUITAR_VALIDATION_ERROR',
      details: [{ field: 'privateInfo.purchasePrice', message: 'Too many decimals for JPY' }],
    });
    // A JSON number is an amount too (Guitar Collection clients send them), held to the same decimals.
    const float = await t.call('POST', '/guitars', {
      token,
      body: guitarBody({ privateInfo: { purchasePrice: 10.5, currency: 'JPY' } }),
    });
    expect(float.status).toBe(400);
    expect(float.json.error.details).toEqual([
      { field: 'privateInfo.purchasePrice', message: 'Too many decimals for JPY' },
    ]);
  });

  it('caps detailed specs so no item can outgrow DynamoDB’s 400 KB', async () => {
    const specs = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`spec${i}`, 'x']));
    const response = await t.call('POST', '/guitars', { token, body: guitarBody({ detailedSpecs: specs }) });
    expect(response.status).toBe(400);
    expect(response.json.error.details[0].field).toBe('detailedSpecs');
  });

  it('refuses spec names a JavaScript object already has (constructor, toString) with a field error', async () => {
    const guitar = await createGuitar(t, token);
    // Raw JSON, so the names arrive as a client would send them.
    const withSpecs = (specs: string) =>
      JSON.stringify(guitarBody()).replace(/"detailedSpecs":\{[^}]*\}/, `"detailedSpecs":${specs}`);
    for (const name of ['constructor', 'toString']) {
      const created = await t.call('POST', '/guitars', { token, body: withSpecs(`{"${name}":"x"}`) });
      expect(created.status, name).toBe(400);
      expect(created.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
      expect(created.json.error.details[0].field).toBe(`detailedSpecs.${name}`);
      const patched = await t.call('PATCH', `/guitars/${guitar.id}`, {
        token,
        body: `{"version":${guitar.version},"detailedSpecs":{"${name}":"x"}}`,
      });
      expect(patched.status, name).toBe(400);
      expect(patched.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
    }
    // zod drops a `__proto__` key before anything sees it.
    const proto = await t.call('POST', '/guitars', {
      token,
      body: withSpecs('{"__proto__":"x","nut":"Bone"}'),
    });
    expect(proto.status).toBe(201);
    expect(proto.json.data.detailedSpecs).toEqual({ nut: 'Bone' });
  });

  it('answers GUITAR_NOT_FOUND for an id that does not exist', async () => {
    const response = await t.call('GET', '/guitars/gtr_01jd8x4m9q2v7k3n5p6r8s0t1w', { token });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('GUITAR_NOT_FOUND');
  });
});

describe('money sent as JSON numbers (as Guitar Collection clients do)', () => {
  it('reads 2499.99 exactly and answers decimal strings, in the guitar and the totals', async () => {
    const user = await signedInUser(t, 'numbers');
    const created = await t.call('POST', '/guitars', {
      token: user.accessToken,
      body: guitarBody({ privateInfo: { purchasePrice: 2499.99, currentValue: 0.1, currency: 'EUR' } }),
    });
    expect(created.status).toBe(201);
    expect(created.json.data.privateInfo).toMatchObject({ purchasePrice: '2499.99', currentValue: '0.10' });
    await t.call('POST', '/guitars', {
      token: user.accessToken,
      body: guitarBody({ privateInfo: { purchasePrice: 0.01, currentValue: 0.2, currency: 'EUR' } }),
    });
    const stats = (await t.call('GET', '/guitars/stats', { token: user.accessToken })).json.data;
    expect(stats.byCurrency).toEqual([
      { currency: 'EUR', guitars: 2, totalPurchasePrice: '2500.00', totalCurrentValue: '0.30' },
    ]);
    const patched = await t.call('PATCH', `/guitars/${created.json.data.id}`, {
      token: user.accessToken,
      body: { version: 1, privateInfo: { currentValue: 3100.5 } },
    });
    expect(patched.json.data.privateInfo.currentValue).toBe('3100.50');
    const kwd = await t.call('POST', '/guitars', {
      token: user.accessToken,
      body: guitarBody({ privateInfo: { purchasePrice: 1.234, currency: 'KWD' } }),
    });
    expect(kwd.json.data.privateInfo.purchasePrice).toBe('1.234');
  });

  it('refuses more decimals than the currency has, float noise, exponents and negative amounts, naming the field', async () => {
    for (const [purchasePrice, currency] of [
      [2499.999, 'EUR'],
      [1500.5, 'JPY'],
      [0.30000000000000004, 'EUR'],
      [1e21, 'EUR'],
      [1e-7, 'EUR'],
      [-5, 'EUR'],
      [1234567890, 'EUR'],
    ] as const) {
      const response = await t.call('POST', '/guitars', {
        token,
        body: guitarBody({ privateInfo: { purchasePrice, currency } }),
      });
      expect({ purchasePrice, status: response.status }).toEqual({ purchasePrice, status: 400 });
      expect(response.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
      expect(response.json.error.details).toEqual([
        { field: 'privateInfo.purchasePrice', message: expect.any(String) },
      ]);
    }
  });
});

describe('validation messages', () => {
  it('say what to send: Required, the allowed values, the bounds, the type', async () => {
    const response = await t.call('POST', '/guitars', {
      token,
      body: { model: 'x'.repeat(101), year: '1965', type: 'banjo', numberOfFrets: 99, caseIncluded: 'yes' },
    });
    const messages = Object.fromEntries(
      response.json.error.details.map((detail: { field: string; message: string }) => [
        detail.field,
        detail.message,
      ]),
    );
    expect(messages).toMatchObject({
      brand: 'Required',
      model: 'At most 100 characters',
      year: 'Expected a number',
      type: expect.stringMatching(/^Expected one of: electric, acoustic, /),
      numberOfFrets: 'At most 36',
      caseIncluded: 'Expected true or false',
    });
  });
});

describe('PUT and PATCH /guitars/{id}', () => {
  it('PUT replaces the writable fields and moves the version on', async () => {
    const guitar = await createGuitar(t, token);
    const replaced = await t.call('PUT', `/guitars/${guitar.id}`, {
      token,
      body: { brand: 'Gibson', model: 'Les Paul', year: 1959, type: 'electric', version: 1 },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.data).toMatchObject({
      brand: 'Gibson',
      model: 'Les Paul',
      year: 1959,
      color: null,
      detailedSpecs: {},
      version: 2,
      privateInfo: { purchasePrice: null, currency: null },
    });
  });

  it('PATCH merges: untouched fields stay, null removes, nested objects merge key by key', async () => {
    const guitar = await createGuitar(t, token);
    const patched = await t.call('PATCH', `/guitars/${guitar.id}`, {
      token,
      body: {
        version: 1,
        color: null,
        finish: 'Nitro',
        detailedSpecs: { radius: null, nut: 'Bone' },
        privateInfo: { currentValue: '2500', serialNumber: null },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({
      model: 'Stratocaster',
      color: null,
      finish: 'Nitro',
      detailedSpecs: { neckProfile: 'C', nut: 'Bone' },
      version: 2,
      privateInfo: { currentValue: '2500.00', purchasePrice: '1499.99', serialNumber: null, currency: 'EUR' },
    });
    expect(patched.json.data.detailedSpecs).not.toHaveProperty('radius');
  });

  it('PATCH checks the merged guitar: removing the currency under amounts is refused', async () => {
    const guitar = await createGuitar(t, token);
    const patched = await t.call('PATCH', `/guitars/${guitar.id}`, {
      token,
      body: { version: 1, privateInfo: { currency: null } },
    });
    expect(patched.status).toBe(400);
    expect(patched.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
  });

  it('answers 409 CONFLICT to a stale version and leaves the guitar as it was', async () => {
    const guitar = await createGuitar(t, token);
    const first = await t.call('PATCH', `/guitars/${guitar.id}`, {
      token,
      body: { version: 1, model: 'First' },
    });
    expect(first.status).toBe(200);
    for (const [method, body] of [
      ['PATCH', { version: 1, model: 'Stale' }],
      ['PUT', { ...guitarBody({ model: 'Stale' }), version: 1 }],
    ] as const) {
      const stale = await t.call(method, `/guitars/${guitar.id}`, { token, body });
      expect(stale.status).toBe(409);
      expect(stale.json.error.code).toBe('CONFLICT');
    }
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.json.data).toMatchObject({ model: 'First', version: 2 });
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const guitar = await createGuitar(t, token);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((model) =>
        t.call('PATCH', `/guitars/${guitar.id}`, { token, body: { version: 1, model } }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409]);
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.json.data.version).toBe(2);
  });

  it('requires the version', async () => {
    const guitar = await createGuitar(t, token);
    const response = await t.call('PATCH', `/guitars/${guitar.id}`, { token, body: { model: 'X' } });
    expect(response.status).toBe(400);
    expect(response.json.error.details).toContainEqual({ field: 'version', message: 'Required' });
  });
});

describe('DELETE /guitars/{id}', () => {
  it('deletes the guitar; afterwards it is GUITAR_NOT_FOUND', async () => {
    const guitar = await createGuitar(t, token);
    const deleted = await t.call('DELETE', `/guitars/${guitar.id}`, { token });
    expect(deleted.status).toBe(200);
    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).status).toBe(404);
    expect((await t.call('DELETE', `/guitars/${guitar.id}`, { token })).json.error.code).toBe(
      'GUITAR_NOT_FOUND',
    );
  });
});

describe('notes', () => {
  it('adds and deletes notes; an unknown note is NOTE_NOT_FOUND', async () => {
    const guitar = await createGuitar(t, token);
    const added = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      body: { content: 'New strings' },
    });
    expect(added.status).toBe(201);
    expect(added.json.data).toMatchObject({ content: 'New strings', createdAt: '2026-11-21T12:00:00.000Z' });
    const noteId = added.json.data.id;
    expect(noteId).toMatch(/^note_/);
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.json.data.notes).toEqual([added.json.data]);
    expect(read.json.data.version).toBe(2);

    const removed = await t.call('DELETE', `/guitars/${guitar.id}/notes/${noteId}`, { token });
    expect(removed.status).toBe(200);
    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.notes).toEqual([]);
    const again = await t.call('DELETE', `/guitars/${guitar.id}/notes/${noteId}`, { token });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('NOTE_NOT_FOUND');
  });

  it('keeps every one of many concurrent notes (no lost update)', async () => {
    const guitar = await createGuitar(t, token);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: `note ${i}` } }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([201, 201, 201, 201]);
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.json.data.notes.map((note: { content: string }) => note.content).sort()).toEqual([
      'note 0',
      'note 1',
      'note 2',
      'note 3',
    ]);
  });

  it('keeps all of 20 notes added at once, none refused as a conflict', async () => {
    const guitar = await createGuitar(t, token);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: `note ${i}` } }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(201));
    const read = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(read.notes).toHaveLength(20);
    expect(read.version).toBe(21);
  });

  it('removes notes at once while others are added, losing none of the others', async () => {
    const guitar = await createGuitar(t, token);
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: `old ${i}` } }),
      ),
    );
    const results = await Promise.all([
      ...first.map((note) => t.call('DELETE', `/guitars/${guitar.id}/notes/${note.json.data.id}`, { token })),
      ...Array.from({ length: 10 }, (_, i) =>
        t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: `new ${i}` } }),
      ),
    ]);
    expect(results.filter((result) => result.status >= 300)).toEqual([]);
    const read = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(read.notes.map((note: { content: string }) => note.content).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `new ${i}`).sort(),
    );
  });

  it('never loses a note to a PUT of the same guitar racing it', async () => {
    const guitar = await createGuitar(t, token);
    const [note, replaced] = await Promise.all([
      t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: 'Racing' } }),
      t.call('PUT', `/guitars/${guitar.id}`, {
        token,
        body: { ...guitarBody({ color: 'Black' }), version: 1 },
      }),
    ]);
    expect(note.status).toBe(201);
    expect([200, 409]).toContain(replaced.status);
    const read = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(read.notes.map((entry: { content: string }) => entry.content)).toEqual(['Racing']);
    expect(read.color).toBe(replaced.status === 200 ? 'Black' : 'Sunburst');
  });

  it('stores a note sent ten times at once with one Idempotency-Key once, and answers each with it', async () => {
    const guitar = await createGuitar(t, token);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('POST', `/guitars/${guitar.id}/notes`, {
          token,
          headers: { 'idempotency-key': 'same-note' },
          body: { content: 'Once only' },
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((result) => result.json.data.id)).size).toBe(1);
    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.notes).toHaveLength(1);
  });

  it('refuses a note past the cap of 50 and one longer than 1,000 characters', async () => {
    const guitar = await createGuitar(t, token);
    const long = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      body: { content: 'x'.repeat(1001) },
    });
    expect(long.status).toBe(400);
    for (let i = 0; i < 50; i += 1) {
      const added = await t.call('POST', `/guitars/${guitar.id}/notes`, {
        token,
        body: { content: `n${i}` },
      });
      expect(added.status).toBe(201);
    }
    const over = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      body: { content: 'one more' },
    });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({ code: 'GUITAR_VALIDATION_ERROR', details: [{ field: 'notes' }] });
  });

  it('with an Idempotency-Key, a retried note is stored once', async () => {
    const guitar = await createGuitar(t, token);
    const headers = { 'idempotency-key': 'note-key-1' };
    const first = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      headers,
      body: { content: 'Once' },
    });
    const retry = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      headers,
      body: { content: 'Once' },
    });
    expect(retry.json.data).toEqual(first.json.data);
    const other = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      headers,
      body: { content: 'Twice' },
    });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.notes).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('documents 409 on every write that can meet a concurrent change (or a busy Idempotency-Key)', async () => {
    const paths = (await t.call('GET', '/openapi.json')).json.paths;
    for (const [path, method] of [
      ['/guitars', 'post'],
      ['/guitars/{id}', 'put'],
      ['/guitars/{id}', 'patch'],
      ['/guitars/{id}', 'delete'],
      ['/guitars/{id}/notes', 'post'],
      ['/guitars/{id}/notes/{noteId}', 'delete'],
      ['/guitars/{id}/images/{imageId}', 'delete'],
      ['/images/upload-complete', 'post'],
    ] as const) {
      expect(Object.keys(paths[path][method].responses), `${method} ${path}`).toContain('409');
    }
  });
});
