import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseEncryptionKeys } from './secret-box.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('secret box', () => {
  it('opens what it sealed, and the ciphertext does not contain the plaintext', () => {
    const box = createSecretBox(parseEncryptionKeys(key('k1')));
    const sealed = box.seal('refresh-token-value', 'user:1');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(box.open(sealed, 'user:1')).toBe('refresh-token-value');
  });

  it('refuses a ciphertext moved to another context or altered', () => {
    const box = createSecretBox(parseEncryptionKeys(key('k1')));
    const sealed = box.seal('secret', 'user:1');
    expect(() => box.open(sealed, 'user:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'user:1')).toThrow();
  });

  it('keeps reading old ciphertexts after a new key is put in front', () => {
    const old = key('old');
    const before = createSecretBox(parseEncryptionKeys(old)).seal('kept', 'ctx');
    const after = createSecretBox(parseEncryptionKeys(`${key('new')},${old}`));
    expect(after.open(before, 'ctx')).toBe('kept');
    expect(after.seal('fresh', 'ctx').startsWith('v1.new.')).toBe(true);
  });

  it('refuses an authentication tag cut short, which GCM would otherwise check only as far as it goes', () => {
    const box = createSecretBox(parseEncryptionKeys(key('k1')));
    const [version, id, iv, body, tag] = box.seal('secret', 'ctx').split('.') as string[];
    for (const length of [4, 8, 12, 15]) {
      const short = Buffer.from(tag as string, 'base64url')
        .subarray(0, length)
        .toString('base64url');
      expect(() => box.open([version, id, iv, body, short].join('.'), 'ctx'), `${length} bytes`).toThrow();
    }
  });

  it('refuses an IV that is not 12 bytes, though the ciphertext is otherwise genuine', () => {
    const material = randomBytes(32);
    const box = createSecretBox([{ id: 'k1', key: material }]);
    for (const length of [8, 16]) {
      const iv = randomBytes(length);
      const cipher = createCipheriv('aes-256-gcm', material, iv);
      cipher.setAAD(Buffer.from('ctx'));
      const body = Buffer.concat([cipher.update('secret', 'utf8'), cipher.final()]);
      const sealed = ['v1', 'k1', iv, body, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
      expect(() => box.open(sealed, 'ctx'), `${length} bytes`).toThrow();
    }
  });

  it('refuses keys of the wrong size or shape', () => {
    expect(() => parseEncryptionKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys('no-colon')).toThrow();
  });
});
