import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../test/helpers/test-app.js';
import { guitarBody } from '../modules/collection/test-guitars.js';

/*
 * Every free-text field of identity and the collection, as the routes take it: NFC, trimmed, and without
 * lone surrogates, control characters (line breaks only where text is multi-line), bidi overrides or
 * invisible-only content, each refused with a 400 that names the field.
 */

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await signedInUser(t, 'unicode')).accessToken;
});

const BAD: Array<[string, string]> = [
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', 'Gib\udfffson'],
  ['NUL', 'Fen\u0000der'],
  ['a bell', 'Fen\u0007der'],
  ['a line break', 'Fen\nder'],
  ['a right-to-left override', 'Fen\u202Eder'],
  ['zero-width characters only', '\u200B\u200B'],
];

function expectFieldError(response: { status: number; json: any }, code: string, field: string) {
  expect(response.status).toBe(400);
  expect(response.json.error.code).toBe(code);
  expect(response.json.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
}

describe('guitar text fields', () => {
  it.each(BAD)('refuses %s in brand, model, a spec and the serial number', async (_label, value) => {
    for (const [field, body] of [
      ['brand', guitarBody({ brand: value })],
      ['model', guitarBody({ model: value })],
      ['color', guitarBody({ color: value })],
      ['detailedSpecs.neckProfile', guitarBody({ detailedSpecs: { neckProfile: value } })],
      ['privateInfo.serialNumber', guitarBody({ privateInfo: { serialNumber: value } })],
    ] as const) {
      expectFieldError(await t.call('POST', '/guitars', { token, body }), 'GUITAR_VALIDATION_ERROR', field);
    }
  });

  it('stores text as NFC, so composed and decomposed brands are one brand with one counter', async () => {
    const decomposed = await t.call('POST', '/guitars', {
      token,
      body: guitarBody({ brand: 'Ame\u0301rica', model: 'Cafe\u0301' }),
    });
    expect(decomposed.status).toBe(201);
    expect(decomposed.json.data).toMatchObject({ brand: 'Am\u00e9rica', model: 'Caf\u00e9' });
    await t.call('POST', '/guitars', { token, body: guitarBody({ brand: 'Am\u00e9rica' }) });
    const brands = (await t.call('GET', '/guitars/brands', { token })).json.data.items;
    expect(brands.filter((entry: { brand: string }) => entry.brand.toLowerCase().startsWith('am'))).toEqual([
      { brand: 'Am\u00e9rica', count: 2 },
    ]);
    const listed = await t.call('GET', `/guitars?brand=${encodeURIComponent('ame\u0301rica')}`, { token });
    expect(listed.json.data.items).toHaveLength(2);
  });

  it('takes line breaks in notes but no other control character, and no lone surrogate in a brand filter', async () => {
    const guitar = (await t.call('POST', '/guitars', { token, body: guitarBody() })).json.data;
    const note = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      body: { content: 'New strings\n\tand a setup' },
    });
    expect(note.status).toBe(201);
    expectFieldError(
      await t.call('POST', `/guitars/${guitar.id}/notes`, { token, body: { content: 'Beep\u0007' } }),
      'GUITAR_VALIDATION_ERROR',
      'content',
    );
    const filter = await t.call('GET', `/guitars?brand=${encodeURIComponent('\u202Efender')}`, { token });
    expect(filter.status).toBe(400);
    expect(filter.json.error.details[0].field).toBe('brand');
  });
});

describe('names', () => {
  it.each(BAD)(
    'refuses %s in a display name at registration, in /user/name and /user/profile',
    async (_label, value) => {
      const name = `Ada ${value}`.replace(/^Ada (\u200B+)$/, '$1');
      expectFieldError(
        await t.call('POST', '/auth/register', {
          body: { email: uniqueEmail(), password: STRONG_PASSWORD, name },
        }),
        'VALIDATION_ERROR',
        'name',
      );
      expectFieldError(
        await t.call('PUT', '/user/name', { token, body: { name } }),
        'VALIDATION_ERROR',
        'name',
      );
      expectFieldError(
        await t.call('PUT', '/user/profile', { token, body: { displayName: name } }),
        'VALIDATION_ERROR',
        'displayName',
      );
    },
  );

  it('keeps a name as NFC', async () => {
    const renamed = await t.call('PUT', '/user/name', { token, body: { name: ' Zoe\u0308 ' } });
    expect(renamed.status).toBe(200);
    expect((await t.call('GET', '/user/profile', { token })).json.data.displayName).toBe('Zo\u00eb');
  });
});
