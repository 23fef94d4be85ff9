import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type SecretDocument,
  type SecretLocation,
  SecretReadError,
  type SecretSource,
} from './secret-source.js';

/**
 * AWS Secrets Manager: one `GetSecretValue` per secret (ARN or name), all at once. With the runtime's
 * credentials in the environment (always on Lambda) each call is one signed HTTPS request, so a cold
 * start does not load the SDK client (docs/decisions/0042); otherwise, or with `client` (another
 * endpoint or credentials), the SDK client with its credential chain. Nothing loads without a secret to read.
 */
export function createSecretsManagerSource(options: { client?: SecretsManagerClient } = {}): SecretSource {
  async function sdkReader(
    where: SecretLocation,
  ): Promise<(secretId: string) => Promise<string | undefined>> {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    const client =
      options.client ??
      new sdk.SecretsManagerClient({
        region: where.region,
        maxAttempts: 3,
        ...(where.endpoint ? { endpoint: where.endpoint } : {}),
        ...(where.credentials ? { credentials: where.credentials } : {}),
      });
    return async (secretId) =>
      (await client.send(new sdk.GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  }

  return {
    async read(secretIds, where) {
      if (secretIds.length === 0) return [];
      const { credentials } = where;
      const readText =
        options.client || !credentials
          ? await sdkReader(where)
          : await (await import('./signed-get-secret-value.js')).signedSecretReader({
              ...where,
              credentials,
            });
      return Promise.all(
        secretIds.map(async (secretId): Promise<SecretDocument> => {
          let text: string | undefined;
          try {
            text = await readText(secretId);
          } catch (error) {
            // The service's error names the problem (ResourceNotFoundException, AccessDeniedException, …)
            // and never carries the value; a refused signature's message goes on to quote the signed request,
            // session token included, and is cut before it.
            const name = (error as { name?: string }).name ?? 'Error';
            throw new SecretReadError(secretId, `${name}: ${withoutSignedRequest((error as Error).message)}`);
          }
          if (text === undefined)
            throw new SecretReadError(secretId, 'it holds no text (binary secrets are not read)');
          return { secretId, values: parseObject(secretId, text) };
        }),
      );
    },
  };
}

/** AWS's `InvalidSignatureException` message without the canonical request and string-to-sign it quotes. */
function withoutSignedRequest(message: string): string {
  const quoted = message.indexOf('The Canonical String');
  return quoted === -1 ? message : message.slice(0, quoted).trimEnd();
}

function parseObject(secretId: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: say only that it is not JSON.
    throw new SecretReadError(secretId, 'its value is not JSON (expected an object of variable names)');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SecretReadError(secretId, 'its value is not a JSON object of variable names');
  }
  return parsed as Record<string, unknown>;
}
