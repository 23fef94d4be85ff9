import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../security/secret-box.js';
import { createTokenVault } from './token-vault.js';

const vault = createTokenVault(createSecretBox([{ id: 'k1', key: randomBytes(32) }]));

describe('token vault', () => {
  it('opens a sealed token for the same user, platform and kind', () => {
    const sealed = vault.seal('usr_a', 'spotify', 'refresh', 'rt_secret');
    expect(sealed).not.toContain('rt_secret');
    expect(vault.open('usr_a', 'spotify', 'refresh', sealed)).toBe('rt_secret');
  });

  it("refuses a sealed token moved to another user's item, another platform, or the other token field", () => {
    const sealed = vault.seal('usr_a', 'spotify', 'refresh', 'rt_secret');
    expect(() => vault.open('usr_b', 'spotify', 'refresh', sealed)).toThrow();
    expect(() => vault.open('usr_a', 'soundcloud', 'refresh', sealed)).toThrow();
    expect(() => vault.open('usr_a', 'spotify', 'access', sealed)).toThrow();
  });
});
