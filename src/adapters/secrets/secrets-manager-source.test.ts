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
const where = { region: 'us-east-1' };

async function readError(secretId: string): Promise<SecretReadError> {
  const error = await source()
    .read([secretId], where)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SecretReadError);
  return error as SecretReadError;
}

describe('Secrets Manager secret source', () => {
  it('reads every secret (ARN or name) with GetSecretValue and returns their JSON objects in order', async () => {
    const before = fake.requests.length;
    const documents = await source().read([KEYS_ARN, 'amply-prod/oauth'], where);
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
    expect(await source().read([], where)).toEqual([]);
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

  describe('with the runtime’s credentials in the environment (as on Lambda)', () => {
    const lambdaWhere = () => ({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      credentials: {
        accessKeyId: 'test',
        secretAccessKey: 'test',
        sessionToken: 'session-token-of-the-role',
      },
    });

    it('reads each secret with one GetSecretValue request the service accepts as signed, session token included', async () => {
      const before = fake.requests.length;
      const documents = await createSecretsManagerSource().read(
        [KEYS_ARN, 'amply-prod/oauth'],
        lambdaWhere(),
      );
      expect(documents).toEqual([
        { secretId: KEYS_ARN, values: { AMPLY_HMAC_SECRET: 'h'.repeat(40) } },
        { secretId: 'amply-prod/oauth', values: { AMPLY_OAUTH_GOOGLE_CLIENT_SECRET: 'google-secret' } },
      ]);
      expect(fake.requests.slice(before)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            target: 'secretsmanager.GetSecretValue',
            secretId: KEYS_ARN,
            accessKeyId: 'test',
            sessionToken: 'session-token-of-the-role',
          }),
        ]),
      );
      expect(fake.requests.length - before).toBe(2);
    });

    it('names a refused signature, a missing secret and an unknown key without retrying them', async () => {
      const wrongKey = {
        ...lambdaWhere(),
        credentials: {
          accessKeyId: 'test',
          secretAccessKey: 'not-the-key',
          sessionToken: 'token-of-the-role',
        },
      };
      const before = fake.requests.length;
      const refused = await createSecretsManagerSource()
        .read([KEYS_ARN], wrongKey)
        .catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(SecretReadError);
      expect((refused as Error).message).toContain(
        'InvalidSignatureException: The request signature we calculated',
      );
      // AWS's message goes on to quote the signed request, the session token among its headers.
      expect((refused as Error).message).not.toContain('token-of-the-role');
      expect(fake.requests.length - before).toBe(1);

      const missing = await createSecretsManagerSource()
        .read(['amply-prod/missing'], lambdaWhere())
        .catch((caught: unknown) => caught);
      expect((missing as Error).message).toMatch(/amply-prod\/missing: ResourceNotFoundException/);
    });

    it('refuses a value that is not a JSON object without quoting it, as the SDK path does', async () => {
      for (const secretId of ['not-json', 'json-array', 'binary']) {
        const error = await createSecretsManagerSource()
          .read([secretId], lambdaWhere())
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SecretReadError);
        expect((error as Error).message).not.toContain('hunter2');
      }
    });
  });
});
