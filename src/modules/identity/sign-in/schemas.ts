import { z } from '@hono/zod-openapi';

/** The shapes sign-in and MFA answer with; the service returns them and the routes document them. */

export const MfaChallengeSchema = z
  .object({ challenge: z.literal('MFA_REQUIRED'), session: z.string() })
  .openapi('MfaChallenge', { description: 'TOTP is on: send `session` and a code to POST /auth/mfa/verify' });
export type MfaChallenge = z.infer<typeof MfaChallengeSchema>;

export const TotpSetupSchema = z
  .object({ secret: z.string(), otpauthUri: z.string() })
  .openapi('TotpSetup', { description: 'Show otpauthUri as a QR code; then confirm with a code' });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).openapi({ description: 'Shown once; each works once' }) })
  .openapi('RecoveryCodes');
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;
