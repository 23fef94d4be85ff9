import type { SecretBox } from '../../security/secret-box.js';

type TokenKind = 'access' | 'refresh';

/**
 * Seals platform tokens for the table. The associated data names the user, the platform and the kind of
 * token, so a sealed value copied into another user's item, another platform's, or from the refresh
 * field into the access field, fails to open. The box seals with the active key and opens with any
 * configured one, so keys rotate without re-encrypting the table: items move to the new key as their
 * tokens are next written.
 */
export function createTokenVault(box: SecretBox) {
  const context = (userId: string, platform: string, kind: TokenKind) =>
    `platform-connection:${userId}:${platform}:${kind}`;
  return {
    seal: (userId: string, platform: string, kind: TokenKind, token: string) =>
      box.seal(token, context(userId, platform, kind)),
    open: (userId: string, platform: string, kind: TokenKind, sealed: string) =>
      box.open(sealed, context(userId, platform, kind)),
  };
}

export type TokenVault = ReturnType<typeof createTokenVault>;
