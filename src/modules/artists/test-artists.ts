import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../test/helpers/test-app.js';

/** Amply's own AWS account in the artists tests (the principal of every artist role's trust policy). */
export const AMPLY_ACCOUNT = '999999999999';
/** The artists' AWS account in the tests. */
export const ARTIST_ACCOUNT = '111122223333';

/** A fresh, valid artistId. */
export const newArtistId = (label = 'artist') => `${label}-${randomBytes(4).toString('hex')}`;

/** Creates an artist through the API; throws unless it answers 201. */
export async function createArtist(
  t: TestApp,
  token: string,
  fields: { artistId?: string; displayName?: string; provider?: 'aws' | 'gcp' | 'azure' } = {},
) {
  const body = { artistId: newArtistId(), displayName: 'Skywave', provider: 'aws', ...fields };
  const created = await t.call('POST', '/artists', { token, body });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.text}`);
  return created.json.data as { artistId: string; externalId: string; provider: string };
}

/** Issues a callback token through the API. */
export async function issueToken(t: TestApp, token: string, artistId: string): Promise<string> {
  const issued = await t.call('POST', `/artists/${artistId}/callback-tokens`, { token });
  if (issued.status !== 201) throw new Error(`token answered ${issued.status}: ${issued.text}`);
  return issued.json.data.token as string;
}

/** AWS outputs a stack in ARTIST_ACCOUNT reports for the artist. */
export function awsOutputs(artistId: string, account = ARTIST_ACCOUNT) {
  return {
    BucketName: `amply-${artistId}-${account}`,
    CloudFrontDomain: 'd1234567abcdef.cloudfront.net',
    RoleArn: `arn:aws:iam::${account}:role/AmplyAccessRole-${artistId}`,
    DistributionId: 'E2QWRUHEXAMPLE',
  };
}

export const stackArn = (artistId: string, account = ARTIST_ACCOUNT) =>
  `arn:aws:cloudformation:eu-north-1:${account}:stack/amply-${artistId}/0b1c2d3e-4f50-11ef-9a6b-0a1b2c3d4e5f`;

/** A callback body as the stack's function sends it. */
export function callbackBody(
  artistId: string,
  callbackToken: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    artistId,
    provider: 'aws',
    stack_id: stackArn(artistId),
    outputs: awsOutputs(artistId),
    callback_token: callbackToken,
    callback_timestamp: '2026-11-21T12:00:00Z',
    ...overrides,
  };
}

/** Posts a callback with an exact body string and optional headers. */
export function postCallback(t: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return t.call('POST', '/complete-artist-setup', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });
}
