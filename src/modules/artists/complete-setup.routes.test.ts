import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { createOutboxStore } from '../../events/outbox-store.js';
import { INDEX_BLOB_KEY } from './artist-index.js';
import { signCallback } from './callback-token.js';
import {
  AMPLY_ACCOUNT,
  awsOutputs,
  callbackBody,
  createArtist,
  issueToken,
  newArtistId,
  postCallback,
  stackArn,
} from './test-artists.js';

let t: TestApp;
let owner: string;

beforeAll(async () => {
  t = await createTestApp({ env: { AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT } });
  owner = (await signedInUser(t, 'artist-owner')).accessToken;
});

/** An artist with a live callback token. */
async function artistWithToken(fields: Parameters<typeof createArtist>[2] = {}) {
  const { artistId } = await createArtist(t, owner, fields);
  return { artistId, token: await issueToken(t, owner, artistId) };
}

const status = async (artistId: string) =>
  (await t.call('GET', `/artists/${artistId}/setup-status`, { token: owner })).json.data;

async function events(subject: string) {
  return createOutboxStore(await t.deps.db.documentClient(), t.deps.db.tableName).listBySubject(subject);
}

// The original Amply setup guide's curl example, character for character; only the token is replaced
// by one Amply issued.
const SEED_BODY = `{
    "artistId": "test-artist",
    "provider": "aws",
    "stack_id": "arn:aws:cloudformation:eu-north-1:123456:stack/...",
    "outputs": {
      "BucketName": "amply-test-artist-123456",
      "CloudFrontDomain": "d1234567.cloudfront.net",
      "RoleArn": "arn:aws:iam::123456:role/AmplyAccessRole-test-artist"
    },
    "callback_token": "amply_test_artist_1704499200_...",
    "callback_timestamp": "2024-01-05T12:00:00Z"
  }`;

describe('POST /complete-artist-setup', () => {
  it("accepts the original setup guide's curl example unchanged (with a token Amply issued) and answers as the guide shows", async () => {
    await createArtist(t, owner, { artistId: 'test-artist' });
    const token = await issueToken(t, owner, 'test-artist');
    const body = SEED_BODY.replace('amply_test_artist_1704499200_...', token);

    const response = await postCallback(t, body, { 'user-agent': 'curl/8.5.0' });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      success: true,
      artistId: 'test-artist',
      provider: 'aws',
      message: 'Artist configuration saved successfully',
      data: { artistId: 'test-artist', provider: 'aws', message: 'Artist configuration saved successfully' },
    });
    const setup = await status('test-artist');
    expect(setup).toMatchObject({ status: 'complete', version: 2, reason: null });
    expect(setup.config).toEqual({
      provider: 'aws',
      stackId: 'arn:aws:cloudformation:eu-north-1:123456:stack/...',
      bucketName: 'amply-test-artist-123456',
      cloudfrontDomain: 'd1234567.cloudfront.net',
      cdnDomain: 'd1234567.cloudfront.net',
      // The example's six-digit account is read as a 12-digit id that lost its leading zeros.
      roleArn: 'arn:aws:iam::000000123456:role/AmplyAccessRole-test-artist',
      outputs: {
        BucketName: 'amply-test-artist-123456',
        CloudFrontDomain: 'd1234567.cloudfront.net',
        RoleArn: 'arn:aws:iam::123456:role/AmplyAccessRole-test-artist',
      },
      callbackTimestamp: '2024-01-05T12:00:00Z',
      completedAt: expect.any(String),
      completedVia: 'callback',
    });
    expect(t.logLines.join('\n')).not.toContain(token);
  });

  it('publishes artist.setup_completed and records the callback in the artist’s audit trail', async () => {
    const { artistId, token } = await artistWithToken();
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);

    expect(await events(artistId)).toEqual([
      expect.objectContaining({
        type: 'artist.setup_completed',
        subject: artistId,
        data: {
          artistId,
          provider: 'aws',
          cdnDomain: 'd1234567abcdef.cloudfront.net',
          completedVia: 'callback',
          completedAt: expect.any(String),
        },
      }),
    ]);
    const exported = await t.call('GET', '/user/export', { token: owner });
    const mine = exported.json.data.artists.find((a: { artistId: string }) => a.artistId === artistId);
    expect(mine.auditTrail.map((e: { type: string }) => e.type)).toEqual([
      'artist.created',
      'callback_token.issued',
      'callback.accepted',
    ]);
    expect(mine.auditTrail[2]).toMatchObject({ ip: '198.51.100.7', stackId: stackArn(artistId) });
    expect(JSON.stringify(exported.json)).not.toContain(token);
  });

  it('answers a replay with 409 CALLBACK_ALREADY_RECEIVED and keeps the first config', async () => {
    const { artistId, token } = await artistWithToken();
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
    const replay = await postCallback(
      t,
      callbackBody(artistId, token, {
        outputs: { ...awsOutputs(artistId), CloudFrontDomain: 'd9.cloudfront.net' },
      }),
    );
    expect(replay.status).toBe(409);
    expect(replay.json.error.code).toBe('CALLBACK_ALREADY_RECEIVED');
    expect((await status(artistId)).config.cloudfrontDomain).toBe('d1234567abcdef.cloudfront.net');
  });

  it('lets exactly one of 10 concurrent callbacks with the same token through; the rest are replays', async () => {
    const { artistId, token } = await artistWithToken();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postCallback(t, callbackBody(artistId, token))),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect((await status(artistId)).version).toBe(2);
    expect((await events(artistId)).filter((e) => e.type === 'artist.setup_completed')).toHaveLength(1);
  });

  it('refuses an unknown token, another artist’s token, a revoked token and a non-token with 401', async () => {
    const { artistId, token } = await artistWithToken();
    const other = await artistWithToken();
    const forged = token.replace(/[0-9a-f]{32}$/, '0'.repeat(32));
    const newer = await issueToken(t, owner, artistId);

    for (const [label, candidate, forArtist] of [
      ['unknown', forged, artistId],
      ["another artist's", other.token, artistId],
      ['revoked by a newer one', token, artistId],
      ['not a token', 'let-me-in', artistId],
    ] as const) {
      const response = await postCallback(t, callbackBody(forArtist, candidate));
      expect(response.status, label).toBe(401);
      expect(response.json.error.code, label).toBe('CALLBACK_TOKEN_INVALID');
    }
    expect((await status(artistId)).status).toBe('pending');
    expect((await postCallback(t, callbackBody(artistId, newer))).status).toBe(200);
  });

  it('refuses a token after its 24 hours with 401 CALLBACK_TOKEN_EXPIRED', async () => {
    const { artistId, token } = await artistWithToken();
    t.clock.advance(24 * 3600 * 1000);
    try {
      const response = await postCallback(t, callbackBody(artistId, token));
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('CALLBACK_TOKEN_EXPIRED');
    } finally {
      t.clock.advance(-24 * 3600 * 1000);
    }
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
  });

  it('answers a malformed body with 400 naming the field, and a body that is not JSON with 400 or 415', async () => {
    const { artistId, token } = await artistWithToken();
    const valid = callbackBody(artistId, token);
    const cases: Array<[string, unknown, string]> = [
      ['missing stack_id', { ...valid, stack_id: undefined }, 'stack_id'],
      [
        'camelCase instead of the callback’s snake_case',
        { ...valid, callback_token: undefined, callbackToken: token },
        'callbackToken',
      ],
      ['an unknown provider', { ...valid, provider: 'oracle' }, 'provider'],
      ['a timestamp that is not one', { ...valid, callback_timestamp: 'yesterday' }, 'callback_timestamp'],
      ['outputs that are not strings', { ...valid, outputs: { BucketName: 42 } }, 'outputs.BucketName'],
      ['an artistId that is not a slug', { ...valid, artistId: 'Test Artist' }, 'artistId'],
    ];
    for (const [label, body, field] of cases) {
      const response = await postCallback(t, body);
      expect(response.status, label).toBe(400);
      expect(
        response.json.error.details.map((d: { field: string }) => d.field),
        label,
      ).toContain(field);
    }
    expect((await postCallback(t, '{"artistId": ')).status).toBe(400);
    const asText = await t.call('POST', '/complete-artist-setup', {
      body: JSON.stringify(valid),
      headers: { 'content-type': 'text/plain' },
    });
    expect(asText.status).toBe(415);
    expect((await postCallback(t, valid)).status).toBe(200);
  });

  it('checks the outputs (bucket rules, ARN shapes, the role in the stack’s account) and keeps the token for a corrected retry', async () => {
    const { artistId, token } = await artistWithToken();
    const outputs = awsOutputs(artistId);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an upper-case bucket', { outputs: { ...outputs, BucketName: 'Amply-Bucket' } }, 'outputs.BucketName'],
      ['an IP-shaped bucket', { outputs: { ...outputs, BucketName: '192.168.1.10' } }, 'outputs.BucketName'],
      [
        'a role in another account',
        { outputs: { ...outputs, RoleArn: `arn:aws:iam::444455556666:role/AmplyAccessRole-${artistId}` } },
        'outputs.RoleArn',
      ],
      [
        'another role name',
        { outputs: { ...outputs, RoleArn: 'arn:aws:iam::111122223333:role/Admin' } },
        'outputs.RoleArn',
      ],
      ['not a role ARN', { outputs: { ...outputs, RoleArn: 'admin' } }, 'outputs.RoleArn'],
      [
        'not a CloudFront domain',
        { outputs: { ...outputs, CloudFrontDomain: 'evil.example.com' } },
        'outputs.CloudFrontDomain',
      ],
      [
        'a missing output',
        { outputs: { BucketName: outputs.BucketName, RoleArn: outputs.RoleArn } },
        'outputs.CloudFrontDomain',
      ],
      ['a stack id that is not a stack ARN', { stack_id: 'my-stack' }, 'stack_id'],
    ];
    for (const [label, override, field] of cases) {
      const response = await postCallback(t, callbackBody(artistId, token, override));
      expect(response.status, label).toBe(400);
      expect(
        response.json.error.details.map((d: { field: string }) => d.field),
        label,
      ).toContain(field);
    }
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
  });

  it('reads GCP- and Azure-style output keys into the config fields', async () => {
    const gcp = await artistWithToken({ provider: 'gcp' });
    const gcpOutputs = {
      bucket_name: 'amply-gcp-artist',
      service_account_email: 'amply-access@amply-artist-42.iam.gserviceaccount.com',
      project_id: 'amply-artist-42',
      cdn_domain: 'cdn.gcp.example.com',
    };
    const gcpAnswer = await postCallback(
      t,
      callbackBody(gcp.artistId, gcp.token, {
        provider: 'gcp',
        stack_id: 'projects/amply-artist-42/deployments/amply',
        outputs: gcpOutputs,
      }),
    );
    expect(gcpAnswer.status).toBe(200);
    expect((await status(gcp.artistId)).config).toMatchObject({
      provider: 'gcp',
      bucketName: 'amply-gcp-artist',
      serviceAccountEmail: 'amply-access@amply-artist-42.iam.gserviceaccount.com',
      projectId: 'amply-artist-42',
      cdnDomain: 'cdn.gcp.example.com',
      outputs: gcpOutputs,
    });

    const azure = await artistWithToken({ provider: 'azure' });
    const azureAnswer = await postCallback(
      t,
      callbackBody(azure.artistId, azure.token, {
        provider: 'azure',
        stack_id: '/subscriptions/0000/resourceGroups/amply/providers/Microsoft.Resources/deployments/amply',
        outputs: {
          StorageAccountName: 'amplyartist42',
          ContainerName: 'media',
          CdnEndpointHostname: 'amply.azureedge.net',
        },
      }),
    );
    expect(azureAnswer.status).toBe(200);
    expect((await status(azure.artistId)).config).toMatchObject({
      storageAccount: 'amplyartist42',
      bucketName: 'media',
      cdnDomain: 'amply.azureedge.net',
    });
  });

  it('refuses a callback that names another provider than the artist’s', async () => {
    const { artistId, token } = await artistWithToken({ provider: 'gcp' });
    const response = await postCallback(t, callbackBody(artistId, token));
    expect(response.status).toBe(400);
    expect(response.json.error.details).toEqual([
      { field: 'provider', message: 'This artist deploys on gcp' },
    ]);
  });
});

describe('X-Amply-Signature', () => {
  it('accepts a signature made with the token over the body as sent, within 5 minutes either way', async () => {
    for (const skewSeconds of [-290, 0, 290]) {
      const { artistId, token } = await artistWithToken();
      const body = JSON.stringify(callbackBody(artistId, token));
      const signature = signCallback(token, body, t.clock.now() + skewSeconds * 1000);
      const response = await postCallback(t, body, { 'x-amply-signature': signature });
      expect(response.status, `skew ${skewSeconds} s`).toBe(200);
    }
  });

  it('refuses a tampered body, another key, a stale or future time and a malformed header with 401', async () => {
    const { artistId, token } = await artistWithToken();
    const body = JSON.stringify(callbackBody(artistId, token));
    const now = t.clock.now();
    const tampered = body.replace('d1234567abcdef.cloudfront.net', 'evil0000.cloudfront.net');
    const cases: Array<[string, string, string]> = [
      ['a tampered body', tampered, signCallback(token, body, now)],
      ['signed with another key', body, signCallback('not-the-token', body, now)],
      ['six minutes old', body, signCallback(token, body, now - 360_000)],
      ['six minutes ahead', body, signCallback(token, body, now + 360_000)],
      ['without v1', body, `t=${Math.floor(now / 1000)}`],
      ['not the format', body, 'sha256=abc'],
    ];
    for (const [label, sent, signature] of cases) {
      const response = await postCallback(t, sent, { 'x-amply-signature': signature });
      expect(response.status, label).toBe(401);
      expect(response.json.error.code, label).toBe('CALLBACK_SIGNATURE_INVALID');
    }
    expect((await status(artistId)).status).toBe('pending');
    expect(
      (await postCallback(t, body, { 'x-amply-signature': signCallback(token, body, now) })).status,
    ).toBe(200);
  });
});

describe('the stack’s delete callback', () => {
  it('offboards with the token the setup was saved with: config and index entry go, the artist stays', async () => {
    const { artistId, token } = await artistWithToken();
    expect((await postCallback(t, callbackBody(artistId, token))).status).toBe(200);
    const indexed = await t.call('GET', '/amply-index.json');
    expect(indexed.json.artists.map((a: { artistId: string }) => a.artistId)).toContain(artistId);

    const otherStack = await postCallback(
      t,
      callbackBody(artistId, token, {
        request_type: 'Delete',
        stack_id: stackArn(artistId).replace('0b1c', 'ffff'),
      }),
    );
    expect(otherStack.status).toBe(409);
    expect(otherStack.json.error.code).toBe('ARTIST_STACK_MISMATCH');

    const deleted = await postCallback(t, callbackBody(artistId, token, { request_type: 'Delete' }));
    expect(deleted.status).toBe(200);
    expect(deleted.json.message).toBe('Artist configuration removed');
    expect(await status(artistId)).toMatchObject({ status: 'pending', config: null });
    const after = await t.call('GET', '/amply-index.json');
    expect(after.json.artists.map((a: { artistId: string }) => a.artistId)).not.toContain(artistId);
    expect((await t.call('GET', `/artists/${artistId}`)).json.data).toMatchObject({
      ready: false,
      cdnDomain: null,
    });

    const again = await postCallback(t, callbackBody(artistId, token, { request_type: 'Delete' }));
    expect(again.status).toBe(401);
  });
});

describe('rate limit', () => {
  it('allows 30 callbacks a minute per IP by default and answers the next with 429 and Retry-After', async () => {
    const limited = await createTestApp({
      env: { AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT, AMPLY_RATE_LIMIT_ARTIST_CALLBACK: '' },
    });
    expect(limited.deps.config.rateLimits.artistCallback).toEqual({ points: 30, seconds: 60 });
    limited.setIp('203.0.113.30');
    const body = callbackBody(newArtistId(), 'amply_nobody_1764331200000_0123456789abcdef0123456789abcdef');
    const answers = [];
    for (let n = 0; n < 31; n += 1) answers.push((await postCallback(limited, body)).status);
    expect(answers.slice(0, 30).every((code) => code === 401)).toBe(true);
    const last = await postCallback(limited, body);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    limited.setIp('203.0.113.31');
    expect((await postCallback(limited, body)).status).toBe(401);
  });
});

describe('GET /amply-index.json', () => {
  it('holds all 20 artists whose callbacks land at the same moment', async () => {
    const fresh = await createTestApp({ env: { AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT } });
    const user = (await signedInUser(fresh, 'many')).accessToken;
    const artists = [];
    for (let n = 0; n < 20; n += 1) {
      const { artistId } = await createArtist(fresh, user, { displayName: `Artist ${n}` });
      artists.push({ artistId, token: await issueToken(fresh, user, artistId) });
    }

    const answers = await Promise.all(
      artists.map(({ artistId, token }) => postCallback(fresh, callbackBody(artistId, token))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));

    const blob = JSON.parse((await fresh.deps.blobs.read(INDEX_BLOB_KEY))?.toString('utf8') ?? '{}');
    const ids = artists.map((a) => a.artistId).sort();
    expect(blob.artists.map((a: { artistId: string }) => a.artistId)).toEqual(ids);
    expect(blob.count).toBe(20);
    const served = await fresh.call('GET', '/amply-index.json');
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=60');
    expect(served.json).toEqual(blob);
    expect(served.json.artists[0]).toEqual({
      artistId: ids[0],
      displayName: expect.stringMatching(/^Artist \d+$/),
      provider: 'aws',
      cdnDomain: 'd1234567abcdef.cloudfront.net',
      readyAt: expect.any(String),
    });
  });

  it('is an empty index before any artist is ready', async () => {
    const fresh = await createTestApp();
    const served = await fresh.call('GET', '/amply-index.json');
    expect(served.status).toBe(200);
    expect(served.json).toMatchObject({ version: 1, count: 0, artists: [] });
  });
});
