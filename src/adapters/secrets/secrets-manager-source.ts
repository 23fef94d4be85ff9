import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type SecretDocument, SecretReadError, type SecretSource } from './secret-source.js';

/**
 * AWS Secrets Manager: one `GetSecretValue` per secret (ARN or name), all at once, with the runtime's
 * credentials. The SDK loads only when there is a secret to read. `client` replaces the default client
 * (another endpoint or credentials); without it the SDK also honours `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 */
export function createSecretsManagerSource(options: { client?: SecretsManagerClient } = {}): SecretSource {
  return {
    async read(secretIds, region) {
      if (secretIds.length === 0) return [];
      const sdk = await import('@aws-sdk/client-secrets-manager');
      const client = options.client ?? new sdk.SecretsManagerClient({ region, maxAttempts: 3 });
      return Promise.all(
        secretIds.map(async (secretId): Promise<SecretDocument> => {
          let text: string | undefined;
          try {
            ({ SecretString: text } = await client.send(
              new sdk.GetSecretValueCommand({ SecretId: secretId }),
            ));
          } catch (error) {
            // The SDK's error names the problem (ResourceNotFoundException, AccessDeniedException, …)
            // and never carries the value.
            const name = (error as { name?: string }).name ?? 'Error';
            throw new SecretReadError(secretId, `${name}: ${(error as Error).message}`);
          }
          if (text === undefined)
            throw new SecretReadError(secretId, 'it holds no text (binary secrets are not read)');
          return { secretId, values: parseObject(secretId, text) };
        }),
      );
    },
  };
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
