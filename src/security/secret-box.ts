import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with key ids, so the active key can change while older ciphertexts stay readable. */
export interface SecretBox {
  /** `context` is bound as associated data: a ciphertext moved to another record fails to open. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** GCM's standard IV; other lengths are hashed into one, which NIST SP 800-38D advises against. */
const IV_BYTES = 12;
/** The full tag: GCM otherwise checks a shorter tag only as far as it goes. */
const TAG_BYTES = 16;

/** Parses `id:base64key[,id:base64key…]`; the first key encrypts, every key decrypts. */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const keys = value.split(',').map((entry) => {
    const [id, material, ...rest] = entry.trim().split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || !KEY_ID.test(id) || rest.length > 0 || key.length !== 32) {
      throw new Error('AMPLY_ENCRYPTION_KEYS must be "id:base64(32 bytes)" entries separated by commas');
    }
    return { id, key };
  });
  if (keys.length === 0) throw new Error('AMPLY_ENCRYPTION_KEYS has no key');
  return keys;
}

export function createSecretBox(keys: EncryptionKey[]): SecretBox {
  const active = keys[0];
  if (!active) throw new Error('a secret box needs at least one key');
  const byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        active.id,
        iv.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(sealed, context) {
      const [version, id, ivText, body, tagText] = sealed.split('.');
      const key = id ? byId.get(id) : undefined;
      const iv = Buffer.from(ivText ?? '', 'base64url');
      const tag = Buffer.from(tagText ?? '', 'base64url');
      if (
        version !== 'v1' ||
        !key ||
        iv.length !== IV_BYTES ||
        body === undefined ||
        tag.length !== TAG_BYTES
      )
        throw new Error('sealed value is malformed or its key is unknown');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
