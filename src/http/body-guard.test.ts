import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcProviderEnv, startTestOidcProvider } from '../../test/helpers/oidc-provider.js';
import { concretePath, type Operation, readOperations, takesNoBody } from '../../test/helpers/openapi.js';
import { type RawResponse, rawRequest, serveOnNode } from '../../test/helpers/raw-http.js';
import { createTestApp, signedInUser, type TestApp, uniqueEmail } from '../../test/helpers/test-app.js';
import type { DevOidcProvider } from '../dev/oidc-provider.js';

/*
 * Requests without a body, as browsers and curl send them: neither Content-Length nor Transfer-Encoding
 * (Node's fetch always adds `Content-Length: 0`, so these go byte by byte through the Node adapter that
 * `npm start` uses). Every route whose body is optional must take them.
 */

let dev: DevOidcProvider;
let t: TestApp;
let served: Awaited<ReturnType<typeof serveOnNode>>;
let bodyOptional: Operation[];

const OTHER_IDS: Record<string, string> = {
  noteId: 'note_01jd8x4m9q2v7k3n5p6r8s0t1w',
  imageId: 'img_01jd8x4m9q2v7k3n5p6r8s0t1w',
  platform: 'spotify',
  provider: 'github',
};

beforeAll(async () => {
  dev = await startTestOidcProvider();
  const admin = uniqueEmail('admin');
  t = await createTestApp({
    env: { ...oidcProviderEnv(dev, ['google', 'github', 'spotify']), AMPLY_ADMIN_EMAILS: admin },
  });
  served = await serveOnNode(t.app.fetch);
  bodyOptional = readOperations((await t.call('GET', '/openapi.json')).json).operations.filter(takesNoBody);
});

afterAll(async () => {
  await served?.close();
  await dev?.close();
});

/** A request with no body and no framing headers, as `curl -X <method>` sends it. */
function bodyless(method: string, path: string, token?: string, extra: string[] = []) {
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: amply.test',
    ...(token ? [`Authorization: Bearer ${token}`] : []),
    ...extra,
  ].join('\r\n');
  return rawRequest(served.port, head);
}

function expectEnvelope(response: RawResponse) {
  expect(response.headers['x-request-id']).toBeTruthy();
  expect(typeof response.json?.success).toBe('boolean');
}

describe('a request without Content-Length or Transfer-Encoding', () => {
  it('is answered by every body-optional POST, PUT, PATCH and DELETE route, never with 415', async () => {
    const user = await signedInUser(t, 'bodyless-all');
    const guitar = await t.call('POST', '/guitars', {
      token: user.accessToken,
      body: { brand: 'Fender', model: 'Stratocaster', year: 1965, type: 'electric' },
    });
    const ids: Record<string, string> = { ...OTHER_IDS, id: guitar.json.data.id, userId: user.userId };
    // The account's own deletion and sign-out end the token: they come last, and are checked below.
    const last = new Set(['DELETE /user', 'POST /auth/logout']);
    const operations = bodyOptional.filter(({ method, path }) => !last.has(`${method} ${path}`));
    expect(operations.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'DELETE /guitars/{id}',
        'POST /auth/{provider}/login',
        'POST /platforms/{platform}/connect',
        'POST /platforms/{platform}/refresh',
        'DELETE /user/platforms/{platform}',
        'DELETE /guitars/{id}/notes/{noteId}',
        'POST /user/auth-providers/{provider}/link',
      ]),
    );
    for (const { method, path } of operations) {
      const response = await bodyless(method, concretePath(path, ids), user.accessToken);
      expect({ route: `${method} ${path}`, status: response.status }).not.toMatchObject({ status: 415 });
      expect(response.status, `${method} ${path}: ${response.body}`).toBeLessThan(500);
      expectEnvelope(response);
    }
  });

  it('deletes a guitar (DELETE /guitars/{id}, as a browser sends it)', async () => {
    const user = await signedInUser(t, 'bodyless-delete');
    const created = await t.call('POST', '/guitars', {
      token: user.accessToken,
      body: { brand: 'Gibson', model: 'Les Paul', year: 1959, type: 'electric' },
    });
    const deleted = await bodyless('DELETE', `/guitars/${created.json.data.id}`, user.accessToken);
    expect(deleted.status).toBe(200);
    expect(
      (await t.call('GET', `/guitars/${created.json.data.id}`, { token: user.accessToken })).status,
    ).toBe(404);
  });

  it('starts an SSO sign-in with no body, and with a JSON type but no body (as MultiMusic v2’s frontend sends it)', async () => {
    const plain = await bodyless('POST', '/auth/google/login');
    expect(plain.status).toBe(200);
    expect(plain.json.data.authUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const typed = await bodyless('POST', '/auth/google/login', undefined, ['Content-Type: application/json']);
    expect(typed.status).toBe(200);
    expect(typed.json.data.state).toEqual(expect.any(String));
  });

  it('starts and ends platform connections', async () => {
    const user = await signedInUser(t, 'bodyless-platforms');
    const connect = await bodyless('POST', '/platforms/spotify/connect', user.accessToken);
    expect(connect.status).toBe(200);
    expect(connect.json.data.authUrl).toEqual(expect.any(String));
    const refresh = await bodyless('POST', '/platforms/spotify/refresh', user.accessToken);
    expect(refresh.json.error.code).toBe('PLATFORM_NOT_CONNECTED');
    const disconnect = await bodyless('DELETE', '/user/platforms/spotify', user.accessToken);
    expect(disconnect.json.error.code).toBe('PLATFORM_NOT_CONNECTED');
  });

  it('signs out, and deletes the account, sent without a body', async () => {
    const user = await signedInUser(t, 'bodyless-account');
    const logout = await bodyless('POST', '/auth/logout', user.accessToken);
    expect(logout.status).toBe(200);
    const other = await signedInUser(t, 'bodyless-delete-account');
    const deleted = await bodyless('DELETE', '/user', other.accessToken);
    expect(deleted.status).toBe(200);
  });

  it('still refuses a body that is not JSON, and one over 1 MiB', async () => {
    const user = await signedInUser(t, 'bodyless-guard');
    const text = await rawRequest(
      served.port,
      [
        'POST /guitars HTTP/1.1',
        'Host: amply.test',
        `Authorization: Bearer ${user.accessToken}`,
        'Content-Type: text/plain',
        'Content-Length: 5',
      ].join('\r\n'),
      'hello',
    );
    expect(text.status).toBe(415);
    const chunked = await rawRequest(
      served.port,
      [
        'POST /guitars HTTP/1.1',
        'Host: amply.test',
        `Authorization: Bearer ${user.accessToken}`,
        'Transfer-Encoding: chunked',
      ].join('\r\n'),
      '5\r\nhello\r\n0\r\n\r\n',
    );
    expect(chunked.status).toBe(415);
    const big = await rawRequest(
      served.port,
      [
        'POST /guitars HTTP/1.1',
        'Host: amply.test',
        `Authorization: Bearer ${user.accessToken}`,
        'Content-Type: application/json',
        `Content-Length: ${2 * 1024 * 1024}`,
      ].join('\r\n'),
      '{"brand":"x"}',
    );
    expect(big.status).toBe(413);
  });
});
