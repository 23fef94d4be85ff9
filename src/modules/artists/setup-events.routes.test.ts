import { OpenAPIHono } from '@hono/zod-openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../../../test/helpers/sse-reader.js';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import type { AppEnv } from '../../http/context.js';
import { onError } from '../../http/errors.js';
import { requestContext } from '../../http/request-context.js';
import { createArtistsModule } from './index.js';
import { callbackBody, createArtist, issueToken, postCallback } from './test-artists.js';

let t: TestApp;
let owner: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = (await signedInUser(t, 'listener')).accessToken;
});

/** Opens the stream through `app` (the whole app by default); `env` stands in for the runtime's bindings. */
async function listen(
  artistId: string,
  init: { lastEventId?: string; app?: { request: OpenAPIHono<AppEnv>['request'] }; env?: object } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${owner}` };
  if (init.lastEventId) headers['last-event-id'] = init.lastEventId;
  const response = await (init.app ?? t.app).request(
    `/artists/${artistId}/setup-events`,
    { headers },
    init.env,
  );
  return { response, stream: response.body ? readSse(response.body) : undefined };
}

/**
 * A second instance of the artists module on the same table, with its own (in-process) notifier and
 * short heartbeat and poll intervals: it hears of another instance's changes only by re-reading.
 */
async function secondInstance() {
  const module = createArtistsModule(t.deps, t.modules.authenticator, {
    setupEvents: { heartbeatMs: 25, pollMs: 40 },
  });
  const app = new OpenAPIHono<AppEnv>();
  app.use(requestContext({ logger: t.deps.logger, remoteAddress: () => '198.51.100.9', trustedHops: 0 }));
  for (const router of module.routers) app.route('/', await router.load());
  app.onError(onError);
  return app;
}

describe('GET /artists/{artistId}/setup-events', () => {
  it('sends the current status, then the callback landing, then closes', async () => {
    const { artistId } = await createArtist(t, owner);
    const token = await issueToken(t, owner, artistId);
    const { response, stream } = await listen(artistId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');

    const first = await stream?.nextEvent();
    expect(first).toMatchObject({ event: 'status', id: '1' });
    expect(JSON.parse(first?.data ?? '{}')).toMatchObject({ artistId, status: 'pending', config: null });

    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
    const landed = await stream?.nextEvent();
    expect(landed).toMatchObject({ event: 'status', id: '2' });
    expect(JSON.parse(landed?.data ?? '{}')).toMatchObject({
      status: 'complete',
      config: { cdnDomain: 'd1234567abcdef.cloudfront.net' },
    });
    expect(await stream?.next()).toBeNull();
  });

  it('resumes after Last-Event-ID with only what is newer, and answers 204 once the last event was seen', async () => {
    const { artistId } = await createArtist(t, owner);
    const token = await issueToken(t, owner, artistId);
    await postCallback(t, callbackBody(artistId, token));

    const resumed = await listen(artistId, { lastEventId: '1' });
    expect(resumed.response.status).toBe(200);
    expect(await resumed.stream?.nextEvent()).toMatchObject({ id: '2' });
    expect(await resumed.stream?.next()).toBeNull();

    const seen = await listen(artistId, { lastEventId: '2' });
    expect(seen.response.status).toBe(204);
    const bad = await listen(artistId, { lastEventId: 'yesterday' });
    expect(bad.response.status).toBe(400);
  });

  it('hears a change made by another instance by re-reading, and keeps the connection open with heartbeats', async () => {
    const other = await secondInstance();
    const { artistId } = await createArtist(t, owner);
    const token = await issueToken(t, owner, artistId);
    const { stream } = await listen(artistId, { app: other });
    expect(await stream?.nextEvent()).toMatchObject({ id: '1' });
    expect(await stream?.next()).toEqual({ kind: 'comment', text: 'heartbeat' });

    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
    expect(await stream?.nextEvent()).toMatchObject({ id: '2' });
    expect(await stream?.nextEvent()).toBeNull();
  });

  it('tells a listener when the artist is deleted', async () => {
    const { artistId } = await createArtist(t, owner);
    const { stream } = await listen(artistId);
    expect(await stream?.nextEvent()).toMatchObject({ id: '1' });
    await t.call('DELETE', `/artists/${artistId}`, { token: owner });
    expect(await stream?.nextEvent()).toEqual({
      kind: 'event',
      event: 'deleted',
      id: undefined,
      data: JSON.stringify({ artistId }),
      retry: undefined,
    });
    expect((await listen(artistId)).response.status).toBe(404);
  });

  it('answers once with a retry hint on Lambda, where a response cannot stream (polling)', async () => {
    const { artistId } = await createArtist(t, owner);
    const { stream } = await listen(artistId, { env: { lambdaContext: { functionName: 'amply' } } });
    expect(await stream?.next()).toEqual({ kind: 'retry', retry: 10_000 });
    expect(await stream?.nextEvent()).toMatchObject({ event: 'status', id: '1' });
    expect(await stream?.next()).toBeNull();
  });
});
