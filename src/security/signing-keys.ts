import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';

/** Access and id tokens are RS256: API Gateway's JWT authorizer accepts RSA keys only. */
export const SIGNING_ALGORITHM = 'RS256';

/** How many keys a rotation keeps: the new signer plus the previous ones that may still have live tokens. */
const KEYS_KEPT = 3;

export interface SigningKeySet {
  /** The first key of the set signs; the others only verify tokens signed before a rotation. */
  signer: { kid: string; key: CryptoKey };
  /** Public halves of every key, as served at `/.well-known/jwks.json`. */
  jwks: JSONWebKeySet;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

function publicHalf(jwk: JWK): JWK {
  const copy: JWK = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy;
}

function parsePrivateKeys(json: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('AMPLY_SIGNING_KEYS is not JSON; expected {"keys":[<private RSA JWK with kid>, …]}');
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error('AMPLY_SIGNING_KEYS needs a "keys" array with at least one private RSA JWK');
  }
  for (const key of keys as JWK[]) {
    if (key.kty !== 'RSA' || typeof key.kid !== 'string' || !key.d) {
      throw new Error('every key in AMPLY_SIGNING_KEYS must be a private RSA JWK with a "kid"');
    }
  }
  return keys as JWK[];
}

/** Imports a JWK set of private keys (the format of `AMPLY_SIGNING_KEYS` and `.data/keys/signing-keys.json`). */
export async function loadSigningKeys(json: string): Promise<SigningKeySet> {
  const keys = parsePrivateKeys(json);
  const first = keys[0] as JWK & { kid: string };
  const key = (await importJWK({ ...first, alg: SIGNING_ALGORITHM }, SIGNING_ALGORITHM)) as CryptoKey;
  return {
    signer: { kid: first.kid, key },
    jwks: { keys: keys.map((jwk) => ({ ...publicHalf(jwk), alg: SIGNING_ALGORITHM, use: 'sig' })) },
  };
}

/** A fresh 2048-bit RSA private JWK with a date-stamped `kid`. */
export async function generateSigningKey(now = new Date()): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  return { ...jwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

/** Puts a new signer in front of an existing set, keeping the previous keys for verification. */
export async function rotateSigningKeys(json: string | undefined, now = new Date()): Promise<string> {
  const existing = json ? parsePrivateKeys(json) : [];
  const keys = [await generateSigningKey(now), ...existing].slice(0, KEYS_KEPT);
  return `${JSON.stringify({ keys }, null, 2)}\n`;
}
