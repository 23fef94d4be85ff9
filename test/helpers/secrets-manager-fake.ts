import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** What a secret holds in the fake: text (as most secrets) or bytes (a binary secret). */
export type FakeSecret = { text: string } | { binary: Buffer };

/**
 * A FAKE of AWS Secrets Manager on loopback (nothing local plays it): it answers `GetSecretValue` in the
 * service's JSON 1.1 protocol, so the real SDK client runs against it. `requests` records each secret id
 * asked for, in order.
 */
export async function startSecretsManagerFake(secrets: Record<string, FakeSecret>) {
  const requests: { target: string; secretId: string }[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const target = String(request.headers['x-amz-target'] ?? '');
    const secretId = String((JSON.parse(body || '{}') as { SecretId?: string }).SecretId ?? '');
    requests.push({ target, secretId });
    const answer = (status: number, payload: unknown, errorType?: string) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    if (target !== 'secretsmanager.GetSecretValue') {
      return answer(400, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
    }
    const secret = secrets[secretId];
    if (!secret) {
      return answer(
        400,
        { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
        'ResourceNotFoundException',
      );
    }
    answer(200, {
      ARN: secretId.startsWith('arn:')
        ? secretId
        : `arn:aws:secretsmanager:us-east-1:123456789012:secret:${secretId}`,
      Name: secretId,
      VersionId: 'v1',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_700_000_000,
      ...('text' in secret
        ? { SecretString: secret.text }
        : { SecretBinary: secret.binary.toString('base64') }),
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    requests,
    /** The real SDK client, pointed at the fake with dummy credentials. */
    client: () =>
      new SecretsManagerClient({
        region: 'us-east-1',
        endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
