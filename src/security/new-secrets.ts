import { randomBytes } from 'node:crypto';
import { rotateSigningKeys } from './signing-keys.js';

/**
 * A fresh set of the secrets every stage but dev must be given, as the variables that carry them: a signing
 * key set, one encryption key and the HMAC secret (`amply new-secrets`, and the benches and tests that run
 * a real stage).
 */
export async function newSecretVariables() {
  return {
    AMPLY_SIGNING_KEYS: await rotateSigningKeys(undefined),
    AMPLY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    AMPLY_HMAC_SECRET: randomBytes(48).toString('base64url'),
  };
}
