import { describe, expect, it } from 'vitest';
import { loadSigningKeys, rotateSigningKeys } from './signing-keys.js';

describe('signing keys', () => {
  it('signs with the newest key and keeps two older ones for verification', async () => {
    let json = await rotateSigningKeys(undefined);
    const firstKid = (await loadSigningKeys(json)).signer.kid;
    json = await rotateSigningKeys(json);
    json = await rotateSigningKeys(json);
    json = await rotateSigningKeys(json);
    const keys = await loadSigningKeys(json);
    expect(keys.jwks.keys).toHaveLength(3);
    expect(keys.jwks.keys.map((jwk) => jwk.kid)).not.toContain(firstKid);
    expect(keys.jwks.keys[0]?.kid).toBe(keys.signer.kid);
  });

  it('refuses a set that is not private RSA keys with ids', async () => {
    await expect(loadSigningKeys('not json')).rejects.toThrow(/not JSON/);
    await expect(loadSigningKeys('{"keys":[]}')).rejects.toThrow(/at least one/);
    await expect(loadSigningKeys('{"keys":[{"kty":"RSA","n":"x","e":"AQAB","kid":"a"}]}')).rejects.toThrow(
      /private RSA JWK/,
    );
  });
});
