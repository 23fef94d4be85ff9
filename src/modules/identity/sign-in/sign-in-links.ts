import { randomBytes } from 'node:crypto';
import { epochSeconds } from '../../../clock.js';
import { sha256 } from '../../../security/keyed-hash.js';
import { codeDelivery } from '../accounts/accounts.js';
import type { CodeDelivery } from '../accounts/schemas.js';
import { normaliseEmail } from '../context.js';
import { mailTemplates } from '../mail-templates.js';
import type { SsoContext } from '../sso/sso.js';

/** What a mailed link's one-time sign-in code records where an SSO code records its provider. */
export const EMAIL_LINK = 'email-link';

/**
 * A link lives an hour: no shorter than the window of its per-address limit (AMPLY_RATE_LIMIT_SIGN_IN_LINK),
 * so whoever uses up that limit has filled the owner's mailbox with links that still work.
 */
const LINK_TTL_MS = 3600 * 1000;

/**
 * Sign-in links mailed to an account's address: the way in while wrong passwords keep the address
 * locked (decision 4). The link carries 256 random bits, so it cannot be guessed and needs no counter of
 * wrong tries, which an attacker could run up to lock this door too. Exchanged at `POST /auth/token`,
 * like an SSO sign-in's one-time code: tokens, or the TOTP step when the account has it on.
 */
export function createSignInLinks(ctx: SsoContext) {
  return {
    /** `POST /auth/sign-in-link`: the same answer for every address; only a confirmed account's gets a link. */
    async requestSignInLink(input: { email: string }): Promise<CodeDelivery> {
      const address = normaliseEmail(input.email);
      await ctx.limits.consume('signInLink', ctx.hasher.hash('address', address));
      const user = await (await ctx.store()).findUserByEmail(address);
      if (user?.status === 'confirmed') {
        const code = randomBytes(32).toString('base64url');
        const expiresAt = ctx.clock.now() + LINK_TTL_MS;
        await (await ctx.ssoStore()).putSignInCode({
          codeHash: sha256(code),
          userId: user.userId,
          provider: EMAIL_LINK,
          email: address,
          expiresAt,
          ttl: epochSeconds(expiresAt),
        });
        const link = `${ctx.config.frontendUrl}/auth/sign-in-link#code=${code}`;
        await ctx.mailer.send(mailTemplates.signInLink(address, link));
      } else {
        await ctx.mailer.send(mailTemplates.noSignInLink(address));
      }
      return codeDelivery(address, 'If the address has an account, we have sent it a sign-in link');
    },
  };
}
