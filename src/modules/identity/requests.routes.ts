import { z } from '@hono/zod-openapi';
import type { Authenticator } from '../../http/auth.js';
import type { RateLimiters } from '../../http/rate-limit.js';
import { text } from '../../http/text.js';
import { MAX_PASSWORD_LENGTH } from './accounts/password-policy.js';
import type { IdentityService } from './service.js';

/*
 * What identity's routes accept: request bodies, parameters and queries. They validate input, document
 * the API and type the handlers: the one description of each shape. Request objects are strict: an
 * unknown field is a VALIDATION_ERROR naming it. The shapes the routes answer with are the domain's own
 * (each sub-domain's `schemas.ts`), so the service and the OpenAPI document share one description.
 */

/** Made-up values for the OpenAPI examples (they satisfy the password policy; nobody's credentials). */
export const EXAMPLE_PASSWORD = 'Violet-Harbour-Lantern-42';
export const EXAMPLE_NEW_PASSWORD = 'Copper-Meadow-Signal-17';
export const EXAMPLE_REFRESH_TOKEN =
  'usr_01jd8x4m9q2v7k3n5p6r8s0t1w.aUOrA3Nu8jXwXpkg8cJK9a2pm-tL1aUSnE8C2s6Epxg';

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'Enter a valid email address' }))
  .openapi({ example: 'ada@example.com', format: 'email' });

/** Only presence and size here; the policy (length, composition, common passwords) is the service's. */
export const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH).openapi({ format: 'password' });

export const DisplayName = text({ max: 100 }).openapi({ example: 'Ada Lovelace' });

export const MailedCode = z
  .string()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from the email')
  .openapi({ example: '123456' });

/** A 6-digit TOTP code or a recovery code (`xxxxx-xxxxx`). */
export const SecondFactorCode = z.string().trim().min(6).max(32).openapi({ example: '123456' });

export const RegisterBody = z
  .object({ email: Email, password: Password, name: DisplayName })
  .strict()
  .openapi('RegisterRequest');
export const ConfirmBody = z.object({ email: Email, code: MailedCode }).strict().openapi('ConfirmRequest');
export const EmailBody = z.object({ email: Email }).strict().openapi('EmailRequest');
export const LoginBody = z.object({ email: Email, password: Password }).strict().openapi('LoginRequest');
export const MfaVerifyBody = z
  .object({ session: z.string().min(20).max(100), code: SecondFactorCode })
  .strict()
  .openapi('MfaVerifyRequest');
const RefreshToken = z.string().min(1).max(200);
export const RefreshBody = z.object({ refreshToken: RefreshToken }).strict().openapi('RefreshRequest');
export const LogoutBody = z
  .object({
    allDevices: z.boolean().default(false).openapi({ description: 'End every session of the user' }),
    refreshToken: RefreshToken.optional().openapi({
      description:
        'Sign out with the refresh token alone (no access token needed, e.g. once it has expired): its ' +
        'session ends. An unknown or already ended token changes nothing and is answered the same (RFC 7009).',
    }),
  })
  .strict()
  .openapi('LogoutRequest');
export const ResetPasswordBody = z
  .object({ email: Email, code: MailedCode, newPassword: Password })
  .strict()
  .openapi('ResetPasswordRequest');
export const ChangePasswordBody = z
  .object({ currentPassword: Password, newPassword: Password })
  .strict()
  .openapi('ChangePasswordRequest');
export const CurrentPasswordBody = z
  .object({
    currentPassword: Password.optional().openapi({
      description: 'Required unless the access token comes from a sign-in within the last few minutes',
    }),
  })
  .strict()
  .openapi('ReauthenticationRequest');
export const TotpCode = z
  .string()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app')
  .openapi({ example: '123456' });

export const TotpCodeBody = z.object({ code: TotpCode }).strict().openapi('TotpCodeRequest');

export const ProfileUpdateBody = z
  .object({
    displayName: DisplayName.optional(),
    avatarUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .nullable()
      .optional(),
    email: Email.optional().openapi({
      description: 'A new address; effective once the code mailed to it is confirmed',
    }),
    currentPassword: Password.optional().openapi({ description: 'Needed to change the email address' }),
  })
  .strict()
  .openapi('ProfileUpdateRequest');
export const NameBody = z.object({ name: DisplayName }).strict().openapi('NameRequest');
export const EmailCodeBody = z.object({ code: MailedCode }).strict().openapi('EmailCodeRequest');

export const UserIdParam = z.object({
  userId: z
    .string()
    .regex(/^usr_[0-9a-z]{26}$/, 'Not a user id')
    .openapi({ param: { name: 'userId', in: 'path' }, example: 'usr_01jd8x4m9q2v7k3n5p6r8s0t1w' }),
});

export { PageQuery } from '../../http/pagination.js';

/** What every identity router is built from. */
export interface IdentityRouteDeps {
  service: IdentityService;
  authenticator: Authenticator;
  limits: RateLimiters;
}
