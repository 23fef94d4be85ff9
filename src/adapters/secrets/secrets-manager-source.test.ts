import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretsManagerFake } from '../../../test/helpers/secrets-manager-fake.js';
import { SecretReadError } from './secret-source.js';
import { createSecretsManagerSource } from './secrets-manager-source.js';

// Secrets Manager itself is played by a loopback FAKE speaking its wire protocol; the SDK client is real.
let fake: Awaited<ReturnType<typeof startSecretsManagerFake>>;
const KEYS_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:amply-prod/app-AbCdEf';

beforeAll(async () => {
  fake = await startSecretsManagerFake({
    [KEYS_ARN]: { text: JSON.stringify({ AMPLY_HMAC_SECRET: 'h'.repeat(40) }) },
    'amply-prod/oauth': { text: JSON.stringify({ AMPLY_OAUTH_GOOGLE_CLIENT_SECRET: 'google-secret' }) },
    'not-json': { text: 'password=hunter2-value' },
    'json-array': { text: '["hunter2-value"]' },
    binary: { binary: Buffer.from('hunter2-value') },
  });
});
afterAll(() => fake.close());

const source = () => createSecretsManagerSource({ client: fake.client() });

async function readError(secretId: string): Promise<SecretReadError> {
  const error = await source()
    .read([secretId], 'us-east-1')
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SecretReadError);
  return error as SecretReadError;
}

describe('Secrets Manager secret source', () => {
  it('reads every secret (ARN or name) with GetSecretValue and returns their JSON objects in order', async () => {
    const before = fake.requests.length;
    const documents = await source().read([KEYS_ARN, 'amply-prod/oauth'], 'us-east-1');
    expect(documents).toEqual([
      { secretId: KEYS_ARN, values: { AMPLY_HMAC_SECRET: 'h'.repeat(40) } },
      { secretId: 'amply-prod/oauth', values: { AMPLY_OAUTH_GOOGLE_CLIENT_SECRET: 'google-secret' } },
    ]);
    const made = fake.requests.slice(before);
    expect(made.map((request) => request.target)).toEqual([
      'secretsmanager.GetSecretValue',
      'secretsmanager.GetSecretValue',
    ]);
    expect(made.map((request) => request.secretId).sort()).toEqual([KEYS_ARN, 'amply-prod/oauth'].sort());
  });

  it('asks nothing when no secret is configured', async () => {
    const before = fake.requests.length;
    expect(await source().read([], 'us-east-1')).toEqual([]);
    expect(fake.requests.length).toBe(before);
  });

  it('names a missing secret and the service error', async () => {
    const error = await readError('amply-prod/missing');
    expect(error.secretId).toBe('amply-prod/missing');
    expect(error.message).toContain('ResourceNotFoundException');
  });

  it('refuses a value that is not a JSON object without ever quoting it', async () => {
    for (const secretId of ['not-json', 'json-array', 'binary']) {
      const error = await readError(secretId);
      expect(error.message).toContain(secretId);
      expect(error.message).not.toContain('hunter2');
    }
  });
});
