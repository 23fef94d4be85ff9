import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

/** What a secret holds in the fake: text (as most secrets) or bytes (a binary secret). */
export type FakeSecret = { text: string } | { binary: Buffer };

/** The access keys the fake knows (id → secret key); the clients in tests, bench and e2e use `test`. */
const KNOWN_KEYS: Record<string, string> = { test: 'test' };

/**
 * Checks a request's SigV4 signature as the service would: the same canonical request rebuilt from what
 * arrived on the wire (method, path, the headers it says it signed, the body) and signed again with the
 * key its credential names, by the SDK's own signer. Answers why it is refused (as the service would), or null.
 */
async function signatureProblem(
  request: IncomingMessage,
  body: string,
  keys: Record<string, string>,
): Promise<Refusal | null> {
  const authorization = String(request.headers.authorization ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return plainRefusal('MissingAuthenticationTokenException');
  const [, accessKeyId = '', , region = '', service = '', signedHeaders = ''] = match;
  const secretAccessKey = keys[accessKeyId];
  if (secretAccessKey === undefined) return plainRefusal('UnrecognizedClientException');
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const headers = Object.fromEntries(
    signedHeaders.split(';').map((name) => [name, String(request.headers[name] ?? '')]),
  );
  const sessionToken = request.headers['x-amz-security-token']?.toString();
  const signer = new SignatureV4({
    service,
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: 'x-amz-content-sha256' in headers,
  });
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const url = new URL(request.url ?? '/', 'http://fake');
  const expected = await signer.sign(
    {
      method: request.method ?? 'POST',
      protocol: 'http:',
      hostname: String(request.headers.host ?? '').split(':')[0] ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    },
    { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(headers)) },
  );
  if (expected.headers.authorization === authorization) return null;
  // AWS's wording, which goes on to quote the request as it should have been signed: its signed headers
  // and their values, a session token among them.
  const lines = Object.entries(headers).map(([name, value]) => `${name}:${value}`);
  return {
    type: 'InvalidSignatureException',
    status: 403,
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
      'Access Key and signing method. Consult the service documentation for details.\n\n' +
      `The Canonical String for this request should have been\n'${request.method}\n${request.url}\n\n` +
      `${lines.join('\n')}\n\n${signedHeaders}'\n`,
  };
}

interface Refusal {
  type: string;
  status: number;
  message: string;
}

const plainRefusal = (type: string): Refusal => ({ type, status: 400, message: type });

/**
 * A FAKE of AWS Secrets Manager on loopback (nothing local plays it): it answers `GetSecretValue` in the
 * service's JSON 1.1 protocol and checks each request's SigV4 signature against `keys` (the access key
 * `test`, secret `test`, by default), so the real SDK client and Amply's own signed request both run
 * against it. `requests` records each secret id asked for, in order, and the access key that signed it.
 */
export async function startSecretsManagerFake(
  secrets: Record<string, FakeSecret>,
  keys: Record<string, string> = KNOWN_KEYS,
) {
  const requests: { target: string; secretId: string; accessKeyId: string; sessionToken?: string }[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const target = String(request.headers['x-amz-target'] ?? '');
    const secretId = String((JSON.parse(body || '{}') as { SecretId?: string }).SecretId ?? '');
    const accessKeyId = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    const sessionToken = request.headers['x-amz-security-token']?.toString();
    requests.push({ target, secretId, accessKeyId, ...(sessionToken ? { sessionToken } : {}) });
    const answer = (status: number, payload: unknown, errorType?: string) => {
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    const refused = await signatureProblem(request, body, keys);
    if (refused) {
      return answer(refused.status, { __type: refused.type, message: refused.message }, refused.type);
    }
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
