import { beforeAll, describe, expect, it } from 'vitest';
import {
  concretePath,
  type OpenApiOperations,
  type Operation,
  readOperations,
  type Schema,
} from '../../test/helpers/openapi.js';
import { createTestApp, STRONG_PASSWORD, type TestApp, uniqueEmail } from '../../test/helpers/test-app.js';

/*
 * Bad input of every kind against every route in the OpenAPI document: whatever a client sends, the
 * answer is a clear 4xx in the envelope. New routes are covered as soon as they are documented.
 */

let t: TestApp;
let adminToken: string;
let adminId: string;
let operations: Operation[];
let resolve: OpenApiOperations['resolve'];

/** Well-formed ids of things that do not exist: the route validates, then answers 404. */
const PATH_IDS: Record<string, string> = {
  id: 'gtr_01jd8x4m9q2v7k3n5p6r8s0t1w',
  noteId: 'note_01jd8x4m9q2v7k3n5p6r8s0t1w',
  imageId: 'img_01jd8x4m9q2v7k3n5p6r8s0t1w',
  platform: 'spotify',
  provider: 'google',
  itemId: 'pfi_01jd8x4m9q2v7k3n5p6r8s0t1w',
  applicationId: 'app_01jd8x4m9q2v7k3n5p6r8s0t1w',
  passkeyId: 'pky_01jd8x4m9q2v7k3n5p6r8s0t1w',
  username: 'nobody-here',
};
/** Under `/castings`, `{id}` is a casting's. */
const CASTING_IDS: Record<string, string> = { ...PATH_IDS, id: 'cst_01jd8x4m9q2v7k3n5p6r8s0t1w' };

/** The ids a documented path is filled with: under `/castings`, `{id}` is a casting's. */
function idsFor(path: string): Record<string, string> {
  return {
    ...(path.startsWith('/castings/') ? CASTING_IDS : PATH_IDS),
    userId: adminId,
    recruiterId: adminId,
  };
}

/** A module may name its validation errors (`GUITAR_VALIDATION_ERROR`, decision 21). */
const VALIDATION_CODE = /^(?:[A-Z]+_)?VALIDATION_ERROR$/;

function typesOf(schema: Schema | undefined): string[] {
  const resolved = resolve(schema);
  if (!resolved) return [];
  if (resolved.anyOf) return resolved.anyOf.flatMap(typesOf);
  return Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : [];
}

beforeAll(async () => {
  const adminEmail = uniqueEmail('admin');
  t = await createTestApp({ env: { AMPLY_ADMIN_EMAILS: adminEmail } });
  await t.call('POST', '/auth/register', {
    body: { email: adminEmail, password: STRONG_PASSWORD, name: 'Admin' },
  });
  const confirmed = await t.call('POST', '/auth/confirm', {
    body: { email: adminEmail, code: t.mail.lastCode(adminEmail) },
  });
  adminId = confirmed.json.data.userId;
  adminToken = (
    await t.call('POST', '/auth/login', { body: { email: adminEmail, password: STRONG_PASSWORD } })
  ).json.data.accessToken;

  ({ operations, resolve } = readOperations((await t.call('GET', '/openapi.json')).json));
});

function send(
  operation: Operation,
  init: { body?: string; contentType?: string; token?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? adminToken : init.token;
  if (token && operation.secured) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  return t.app.request(concretePath(operation.path, idsFor(operation.path)), {
    method: operation.method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}

async function expectError(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  const json: any = await response.json();
  expect(json.success).toBe(false);
  expect(json.error.statusCode).toBe(status);
  expect(json.error.requestId).toBe(response.headers.get('x-request-id'));
  if (code === 'VALIDATION_ERROR') expect(json.error.code).toMatch(VALIDATION_CODE);
  else if (code) expect(json.error.code).toBe(code);
  return json;
}

describe('every documented route', () => {
  it('is covered: the document lists the identity, connections, collection and casting routes', () => {
    const listed = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /auth/register',
        'GET /user/profile',
        'POST /admin/users/{userId}/confirm',
        'PATCH /guitars/{id}',
        'DELETE /guitars/{id}/notes/{noteId}',
        'POST /images/upload-complete',
        'POST /auth/{provider}/login',
        'DELETE /user/auth-providers/{provider}',
        'POST /auth/passkey/verify',
        'PATCH /user/passkeys/{passkeyId}',
        'POST /platforms/{platform}/refresh',
        'PUT /users/me',
        'POST /castings/{id}/applications',
        'PATCH /castings/{id}/applications/{applicationId}',
      ]),
    );
  });

  it('refuses a secured route without a token (401 in the envelope)', async () => {
    for (const operation of operations.filter((candidate) => candidate.secured)) {
      await expectError(
        await send(operation, { token: null, ...(operation.body ? { body: '{}' } : {}) }),
        401,
      );
    }
  });

  it('refuses a body that is not JSON with 415', async () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      await expectError(
        await send(operation, { body: 'email=a@b.c', contentType: 'application/x-www-form-urlencoded' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      await expectError(
        await send(operation, { body: 'hello', contentType: 'text/plain' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    for (const operation of operations.filter((candidate) => candidate.body)) {
      await expectError(await send(operation, { body: big }), 413, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('refuses malformed JSON, a JSON array and a JSON string with 400', async () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      await expectError(await send(operation, { body: '{"email": ' }), 400, 'VALIDATION_ERROR');
      await expectError(await send(operation, { body: '[]' }), 400, 'VALIDATION_ERROR');
      await expectError(await send(operation, { body: '"text"' }), 400, 'VALIDATION_ERROR');
    }
  });

  it('names an unknown field in details', async () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      const json = await expectError(await send(operation, { body: JSON.stringify({ surprise: 1 }) }), 400);
      expect(json.error.details).toEqual(
        expect.arrayContaining([{ field: 'surprise', message: 'Unknown field' }]),
      );
    }
  });

  it('names every missing required field in details', async () => {
    for (const operation of operations.filter((candidate) => (candidate.body?.required ?? []).length > 0)) {
      const json = await expectError(await send(operation, { body: '{}' }), 400, 'VALIDATION_ERROR');
      const fields = json.error.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(operation.body?.required ?? []));
    }
  });

  it('names each field sent with the wrong type', async () => {
    for (const operation of operations.filter((candidate) => candidate.body?.properties)) {
      for (const [field, schema] of Object.entries(operation.body?.properties ?? {})) {
        const wrong = typesOf(schema).includes('object') ? 12345 : { wrong: [1] };
        const json = await expectError(
          await send(operation, { body: JSON.stringify({ [field]: wrong }) }),
          400,
        );
        expect(json.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
      }
    }
  });

  it('answers an unknown route with 404 and a wrong method with 405 and Allow', async () => {
    await expectError(await t.app.request('/no/such/route'), 404, 'NOT_FOUND');
    const wrongMethod = await t.app.request('/auth/login', { method: 'GET' });
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    await expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
  });
});
