/**
 * Secret settings kept outside the environment: each secret is a JSON object whose keys are Amply's
 * environment variable names (`AMPLY_SIGNING_KEYS`, `AMPLY_OAUTH_GOOGLE_CLIENT_SECRET`, …).
 * A source reads them all once, at start-up; `src/config.ts` decides which names a secret may hold.
 */
export interface SecretSource {
  /** One entry per secret id, in the order asked for: its parsed JSON object. */
  read(secretIds: string[], where: SecretLocation): Promise<SecretDocument[]>;
}

/** Where and as whom the secrets are read: what the runtime's environment says (`src/config.ts` reads it). */
export interface SecretLocation {
  region: string;
  /** The runtime's own credentials when the environment holds them (Lambda always does); else the SDK's chain. */
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /** Another Secrets Manager endpoint (`AWS_ENDPOINT_URL_SECRETS_MANAGER`, a local stand-in). */
  endpoint?: string | undefined;
}

export interface SecretDocument {
  secretId: string;
  values: Record<string, unknown>;
}

/** A secret that could not be read or is not a JSON object. The message never holds the secret's value. */
export class SecretReadError extends Error {
  constructor(
    readonly secretId: string,
    reason: string,
  ) {
    super(`cannot use the secret ${secretId}: ${reason}`);
    this.name = 'SecretReadError';
  }
}
