import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SecretLocation } from './secret-source.js';

/** How long one attempt may take, and how many are made (a throttled or failing service is retried). */
const ATTEMPT_TIMEOUT_MS = 5000;
const ATTEMPTS = 3;

/** A refusal or failure of Secrets Manager, named as the SDK names it (`ResourceNotFoundException`, …). */
class SecretsManagerError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

interface Answer {
  status: number;
  errorType: string | undefined;
  body: string;
}

function post(url: URL, headers: OutgoingHttpHeaders, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      { method: 'POST', headers, timeout: ATTEMPT_TIMEOUT_MS },
      (response: IncomingMessage) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            errorType: response.headers['x-amzn-errortype']?.toString(),
            body: text,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('Secrets Manager did not answer in time')));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * A refusal's error name (from `Type:http://…` or `com.amazonaws…#Type`, made bare) and message, the body
 * read once.
 */
function refusalOf(answer: Answer): { name: string; message: string } {
  let body: { __type?: string; message?: string } = {};
  try {
    const parsed: unknown = JSON.parse(answer.body);
    if (parsed && typeof parsed === 'object') body = parsed;
  } catch {}
  const type = answer.errorType || body.__type || 'SecretsManagerError';
  return {
    name: type.split(':')[0]?.split('#').pop() || 'SecretsManagerError',
    message: body.message ?? `Secrets Manager answered ${answer.status}`,
  };
}

/** The `SecretString` of an accepted answer. JSON.parse's own message would quote the body, value included. */
function secretStringOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { SecretString?: string }).SecretString;
  } catch {
    throw new SecretsManagerError(
      'SecretsManagerError',
      'Secrets Manager answered 200 with a body that is not JSON',
      200,
    );
  }
}

/**
 * Secrets Manager's `GetSecretValue` as one SigV4-signed HTTPS request (its JSON 1.1 protocol), signed
 * with the runtime's credentials by `aws4`. It exists for the Lambda cold start: the full SDK client (its
 * middleware, endpoint rules and credential chain) costs more to load than the call itself
 * (docs/decisions/0042), and so does the SDK's own signer (decision 54). Returns a reader of one secret's
 * text.
 */
export async function signedSecretReader(
  where: SecretLocation & { credentials: NonNullable<SecretLocation['credentials']> },
): Promise<(secretId: string) => Promise<string | undefined>> {
  const { sign } = (await import('aws4')).default;
  const url = new URL(where.endpoint ?? `https://secretsmanager.${where.region}.amazonaws.com/`);

  return async (secretId) => {
    const body = JSON.stringify({ SecretId: secretId });
    let last: Error = new Error('no attempt made');
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      // Signed per attempt: the signature carries the time.
      const signed = sign(
        {
          service: 'secretsmanager',
          region: where.region,
          method: 'POST',
          host: url.host,
          path: url.pathname || '/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'secretsmanager.GetSecretValue',
          },
          body,
        },
        where.credentials,
      );
      let answer: Answer;
      try {
        answer = await post(url, signed.headers ?? {}, body);
      } catch (error) {
        last = error as Error;
        continue;
      }
      if (answer.status === 200) return secretStringOf(answer.body);
      const { name, message } = refusalOf(answer);
      last = new SecretsManagerError(name, message, answer.status);
      // Throttling and server faults are worth another try; a refusal (no such secret, no access) is not.
      if (answer.status < 500 && name !== 'ThrottlingException') throw last;
    }
    throw last;
  };
}
