import { randomBytes } from 'node:crypto';
import { isoTime } from '../../../clock.js';
import { lazy } from '../../../lazy.js';
import type { IdentityContext } from '../context.js';
import { codeInvalid, mfaAlreadyEnabled, mfaNotEnabled, mfaNotSetUp } from '../errors.js';
import type { UserItem } from '../store.js';
import type { TotpSetup } from './schemas.js';

const PERIOD_SECONDS = 30;
/** One step either side, for clocks that drift and codes typed slowly. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** TOTP (RFC 6238) as a second factor, with replay protection and single-use recovery codes. */
export function createTotp(ctx: IdentityContext) {
  const otplib = lazy(() => import('otplib'));
  const sealContext = (userId: string) => `totp-secret:${userId}`;
  const recoveryHash = (userId: string, code: string) =>
    ctx.hasher.hash('recovery-code', `${userId}:${normaliseRecoveryCode(code)}`);

  /** The time step a code matches, or null. `after` excludes steps already used. */
  async function matchStep(secret: string, code: string, after?: number): Promise<number | null> {
    const { verify } = await otplib();
    const epoch = Math.floor(ctx.clock.now() / 1000);
    const latest = Math.floor((epoch + TOLERANCE_SECONDS) / PERIOD_SECONDS);
    if (after !== undefined && after >= latest) return null;
    const result = await verify({
      secret,
      token: code,
      epoch,
      period: PERIOD_SECONDS,
      epochTolerance: TOLERANCE_SECONDS,
      ...(after !== undefined ? { afterTimeStep: after } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  return {
    /** Starts (or restarts) setup: a new secret, kept sealed as pending until a code proves it. */
    async setup(user: UserItem): Promise<TotpSetup> {
      if (user.mfaEnabled) throw mfaAlreadyEnabled();
      const { generateSecret, generateURI } = await otplib();
      const secret = generateSecret();
      const store = await ctx.store();
      await store.updateUser(user.userId, {
        mfaPendingSecret: ctx.secretBox.seal(secret, sealContext(user.userId)),
        updatedAt: isoTime(ctx.clock.now()),
      });
      return { secret, otpauthUri: generateURI({ issuer: 'Amply', label: user.email, secret }) };
    },

    /** Turns TOTP on once a code from the pending secret is right; returns the one-time recovery codes. */
    async enable(user: UserItem, code: string): Promise<string[]> {
      if (user.mfaEnabled) throw mfaAlreadyEnabled();
      if (!user.mfaPendingSecret) throw mfaNotSetUp();
      const secret = ctx.secretBox.open(user.mfaPendingSecret, sealContext(user.userId));
      const step = await matchStep(secret, code);
      if (step === null) throw codeInvalid();
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      const store = await ctx.store();
      // Only if the pending secret is still the one checked: of two racing enables, one wins.
      const enabled = await store.updateUser(
        user.userId,
        {
          mfaEnabled: true,
          mfaSecret: user.mfaPendingSecret,
          mfaLastTimeStep: step,
          recoveryCodeHashes: recoveryCodes.map((recovery) => recoveryHash(user.userId, recovery)),
          updatedAt: isoTime(ctx.clock.now()),
        },
        ['mfaPendingSecret'],
        { mfaPendingSecret: user.mfaPendingSecret },
      );
      if (!enabled) throw mfaAlreadyEnabled();
      return recoveryCodes;
    },

    async disable(user: UserItem): Promise<void> {
      if (!user.mfaEnabled) throw mfaNotEnabled();
      const store = await ctx.store();
      await store.updateUser(
        user.userId,
        { mfaEnabled: false, recoveryCodeHashes: [], updatedAt: isoTime(ctx.clock.now()) },
        ['mfaSecret', 'mfaPendingSecret', 'mfaLastTimeStep'],
      );
    },

    /** Checks a second factor: a TOTP code (each time step accepted once) or a recovery code (spent). */
    async verify(user: UserItem, code: string): Promise<'totp' | 'recovery' | null> {
      if (!user.mfaEnabled || !user.mfaSecret) return null;
      const store = await ctx.store();
      const updatedAt = isoTime(ctx.clock.now());
      if (/^\d{6}$/.test(code)) {
        const secret = ctx.secretBox.open(user.mfaSecret, sealContext(user.userId));
        const step = await matchStep(secret, code, user.mfaLastTimeStep);
        if (step === null) return null;
        return (await store.acceptTimeStep(user.userId, step, updatedAt)) ? 'totp' : null;
      }
      return (await store.spendRecoveryCode(user.userId, recoveryHash(user.userId, code), updatedAt))
        ? 'recovery'
        : null;
    },
  };
}

export type Totp = ReturnType<typeof createTotp>;
