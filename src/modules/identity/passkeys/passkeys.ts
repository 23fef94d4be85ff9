import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { epochSeconds, isoTime } from '../../../clock.js';
import type { Config } from '../../../config.js';
import { ConflictError } from '../../../errors.js';
import { lazy } from '../../../lazy.js';
import { sha256 } from '../../../security/keyed-hash.js';
import type { Principal } from '../../../security/tokens.js';
import type { UserDataContributor } from '../../user-data.js';
import { claimLoginMethodsChange, requireUser } from '../accounts/users.js';
import type { SecurityEvents } from '../audit/security-events.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import { lastLoginMethod, userDisabled } from '../errors.js';
import type { TokenSet } from '../sessions/schemas.js';
import type { Sessions } from '../sessions/sessions.js';
import type { Reauthentication } from '../sign-in/reauthentication.js';
import type { UserItem } from '../store.js';
import {
  ceremonyInvalid,
  passkeyAlreadyRegistered,
  passkeyLimit,
  passkeyNotAccepted,
  passkeyNotFound,
  registrationRefused,
} from './errors.js';
import type { PasskeyView } from './schemas.js';
import type { CeremonyPurpose, PasskeyItem, PasskeyStore } from './store.js';

/** A ceremony's challenge lives this long: enough for a person to touch a key or unlock a phone. */
const CEREMONY_MS = 5 * 60 * 1000;
/**
 * EdDSA, ES256, RS256: what authenticators make. Named, not the library's default, which probes Node's
 * experimental post-quantum WebCrypto and prints a warning on every registration.
 */
const ALGORITHMS = [-8, -7, -257];
/** Keeps the list (and the exclude list sent to the browser) short. */
const MAX_PASSKEYS = 20;

/** What passkeys need beyond identity's own context. */
export interface PasskeyContext extends IdentityContext {
  passkeyStore: () => Promise<PasskeyStore>;
  config: IdentityContext['config'] & Pick<Config, 'passkeys'>;
}

const view = (item: PasskeyItem): PasskeyView => ({
  passkeyId: item.passkeyId,
  name: item.name,
  deviceType: item.deviceType,
  backedUp: item.backedUp,
  transports: item.transports ?? [],
  createdAt: item.createdAt,
  lastUsedAt: item.lastUsedAt ?? null,
});

/** The WebAuthn library and its encoding helpers, loaded on the first passkey request (decision 6). */
const webauthn = lazy(async () => ({
  ...(await import('@simplewebauthn/server')),
  ...(await import('@simplewebauthn/server/helpers')),
}));

/** The WebAuthn user handle of an account: its id's bytes, so a discoverable sign-in names its account. */
const userHandleOf = (userId: string) => Buffer.from(userId, 'utf8').toString('base64url');

/**
 * Passkeys (WebAuthn, decision 50): registered from settings after a recent sign-in, used to sign in
 * without typing an address (discoverable credentials with user verification, so a passkey sign-in is
 * two factors and skips the TOTP step), listed, renamed and removed. Each ceremony's challenge is kept
 * server-side, single use, five minutes, bound to its purpose (and, to register, to its user).
 */
export function createPasskeys(
  ctx: PasskeyContext,
  parts: {
    sessions: Sessions;
    events: SecurityEvents;
    reauthentication: Reauthentication;
    /** How many other ways (password, linked providers) the user has to sign in. */
    otherLoginMethods: (user: UserItem) => Promise<number>;
  },
) {
  const { sessions, events, reauthentication, otherLoginMethods } = parts;
  const { rpId, rpName, origins } = ctx.config.passkeys;
  const now = () => ctx.clock.now();

  async function holdChallenge(challenge: string, purpose: CeremonyPurpose, userId?: string) {
    const expiresAt = now() + CEREMONY_MS;
    await (await ctx.passkeyStore()).putChallenge({
      challengeHash: sha256(challenge),
      purpose,
      ...(userId ? { userId } : {}),
      expiresAt,
      ttl: epochSeconds(expiresAt),
    });
  }

  /**
   * Takes (deletes) the challenge the browser signed, from the response's client data: whatever the
   * outcome, a challenge serves one attempt.
   */
  async function takeChallenge(clientDataJSON: string, purpose: CeremonyPurpose, userId?: string) {
    const { decodeClientDataJSON } = await webauthn();
    let challenge: string;
    try {
      challenge = decodeClientDataJSON(clientDataJSON).challenge;
    } catch {
      throw ceremonyInvalid();
    }
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 512)
      throw ceremonyInvalid();
    const item = await (await ctx.passkeyStore()).takeChallenge(sha256(challenge));
    if (!item || item.purpose !== purpose || item.expiresAt <= now() || item.userId !== userId) {
      throw ceremonyInvalid();
    }
    return challenge;
  }

  /** Claims the credential for a new passkey of the user; repairs a claim a crashed registration left. */
  async function claimCredential(userId: string, credentialId: string, passkeyId: string) {
    const store = await ctx.passkeyStore();
    const claim = { credentialId, userId, passkeyId, claimedAt: isoTime(now()) };
    if (await store.claimCredential(claim)) return;
    const held = await store.credentialClaim(credentialId);
    const orphaned = held?.userId === userId && !(await store.getPasskey(userId, held.passkeyId));
    if (!orphaned || !(await store.releaseCredential(credentialId, userId))) throw passkeyAlreadyRegistered();
    if (!(await store.claimCredential(claim))) throw passkeyAlreadyRegistered();
  }

  async function requirePasskey(userId: string, passkeyId: string): Promise<PasskeyItem> {
    const item = await (await ctx.passkeyStore()).getPasskey(userId, passkeyId);
    if (!item) throw passkeyNotFound();
    return item;
  }

  async function deletePasskey(item: PasskeyItem) {
    const store = await ctx.passkeyStore();
    // The passkey first: a crash before the claim goes leaves a claim that signs nobody in.
    await store.removePasskey(item.userId, item.passkeyId);
    await store.releaseCredential(item.credentialId, item.userId);
  }

  return {
    /**
     * `POST /user/passkeys/registration-options`: a sensitive change (a new way in), so it needs a
     * recent sign-in or the current password.
     */
    async registrationOptions(principal: Principal, currentPassword: string | undefined) {
      const user = await requireUser(ctx, principal.userId);
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      const existing = await (await ctx.passkeyStore()).listPasskeys(user.userId);
      if (existing.length >= MAX_PASSKEYS) throw passkeyLimit(MAX_PASSKEYS);
      const { generateRegistrationOptions } = await webauthn();
      const options = await generateRegistrationOptions({
        rpName,
        rpID: rpId,
        userID: new TextEncoder().encode(user.userId),
        userName: user.email,
        userDisplayName: user.displayName,
        timeout: CEREMONY_MS,
        attestationType: 'none',
        excludeCredentials: existing.map((item) => ({
          id: item.credentialId,
          ...(item.transports ? { transports: item.transports } : {}),
        })),
        // Discoverable (sign-in without an address) and user-verifying (a PIN or biometric: two factors).
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        supportedAlgorithmIDs: ALGORITHMS,
      });
      await holdChallenge(options.challenge, 'register', user.userId);
      return options;
    },

    /** `POST /user/passkeys`: checks the authenticator's answer to the user's pending challenge and keeps the passkey. */
    async register(
      principal: Principal,
      input: { credential: RegistrationResponseJSON; name?: string | undefined },
      meta: RequestMeta,
    ): Promise<PasskeyView> {
      const user = await requireUser(ctx, principal.userId);
      const challenge = await takeChallenge(
        input.credential.response.clientDataJSON,
        'register',
        user.userId,
      );
      const { verifyRegistrationResponse, isoBase64URL } = await webauthn();
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await verifyRegistrationResponse({
          response: input.credential,
          expectedChallenge: challenge,
          expectedOrigin: origins,
          expectedRPID: rpId,
          requireUserVerification: true,
          supportedAlgorithmIDs: ALGORITHMS,
        });
      } catch (error) {
        ctx.logger.info({ reason: (error as Error).message }, 'passkey registration refused');
        throw registrationRefused();
      }
      if (!verified.verified) throw registrationRefused();
      const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
      const store = await ctx.passkeyStore();
      if ((await store.listPasskeys(user.userId)).length >= MAX_PASSKEYS) throw passkeyLimit(MAX_PASSKEYS);
      const at = now();
      const passkeyId = ctx.newId('pky', at);
      await claimCredential(user.userId, credential.id, passkeyId);
      const item: PasskeyItem = {
        userId: user.userId,
        passkeyId,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        ...(credential.transports?.length ? { transports: credential.transports } : {}),
        name: input.name ?? 'Passkey',
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        createdAt: isoTime(at),
      };
      if (!(await store.createPasskey(item))) throw new ConflictError('Try again');
      await events.record(user.userId, 'passkey.registered', meta, { reason: passkeyId });
      return view(item);
    },

    /** `POST /auth/passkey/options`: a challenge for any discoverable passkey of this site (no address asked). */
    async signInOptions() {
      const { generateAuthenticationOptions } = await webauthn();
      const options = await generateAuthenticationOptions({
        rpID: rpId,
        timeout: CEREMONY_MS,
        userVerification: 'required',
      });
      await holdChallenge(options.challenge, 'sign-in');
      return options;
    },

    /**
     * `POST /auth/passkey/verify`: the signed challenge → tokens. User verification was required, so this
     * is a complete sign-in with two factors: no TOTP step follows. A counter that did not move forward
     * (a cloned authenticator, or a replayed answer) is refused and recorded.
     */
    async signIn(response: AuthenticationResponseJSON, meta: RequestMeta): Promise<TokenSet> {
      const challenge = await takeChallenge(response.response.clientDataJSON, 'sign-in');
      const store = await ctx.passkeyStore();
      const claim = await store.credentialClaim(response.id);
      if (!claim) throw passkeyNotAccepted();
      const { userHandle } = response.response;
      if (userHandle !== undefined && userHandle !== userHandleOf(claim.userId)) throw passkeyNotAccepted();
      const [passkey, user] = await Promise.all([
        store.getPasskey(claim.userId, claim.passkeyId),
        (await ctx.store()).getUser(claim.userId),
      ]);
      // A disabled account is told so, but only once the passkey is proved (below).
      if (!passkey || user === null || user.deletedAt !== undefined) throw passkeyNotAccepted();
      const { verifyAuthenticationResponse, isoBase64URL } = await webauthn();

      let newCounter: number;
      try {
        const verified = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: origins,
          expectedRPID: rpId,
          // The counter is checked below, after the signature, so a regression is told apart and recorded.
          credential: {
            id: passkey.credentialId,
            publicKey: isoBase64URL.toBuffer(passkey.publicKey),
            counter: 0,
          },
          requireUserVerification: true,
        });
        if (!verified.verified) throw new Error('not verified');
        newCounter = verified.authenticationInfo.newCounter;
      } catch (error) {
        ctx.logger.info({ reason: (error as Error).message }, 'passkey sign-in refused');
        await events.record(user.userId, 'login.failed', meta, { reason: 'passkey' });
        throw passkeyNotAccepted();
      }

      if (user.disabledAt !== undefined) throw userDisabled();

      const regressed = async () => {
        await events.record(user.userId, 'passkey.counter_regressed', meta, { reason: passkey.passkeyId });
        return passkeyNotAccepted();
      };
      if ((newCounter > 0 || passkey.counter > 0) && newCounter <= passkey.counter) throw await regressed();
      if (!(await store.recordUse(user.userId, passkey.passkeyId, newCounter, isoTime(now())))) {
        // Removed meanwhile, or another sign-in moved the counter past this one.
        if (!(await store.getPasskey(user.userId, passkey.passkeyId))) throw passkeyNotAccepted();
        throw await regressed();
      }
      const [tokens] = await Promise.all([
        sessions.start(
          user,
          ['passkey'],
          meta,
          async () => (await store.getPasskey(user.userId, passkey.passkeyId)) !== null,
        ),
        events.record(user.userId, 'login.succeeded', meta, { reason: 'passkey' }),
      ]);
      return tokens;
    },

    /** `GET /user/passkeys`, oldest first. */
    async list(principal: Principal): Promise<PasskeyView[]> {
      return (await (await ctx.passkeyStore()).listPasskeys(principal.userId)).map(view);
    },

    /** `PATCH /user/passkeys/{passkeyId}`. */
    async rename(
      principal: Principal,
      passkeyId: string,
      name: string,
      meta: RequestMeta,
    ): Promise<PasskeyView> {
      const item = await requirePasskey(principal.userId, passkeyId);
      if (!(await (await ctx.passkeyStore()).renamePasskey(principal.userId, passkeyId, name))) {
        throw passkeyNotFound();
      }
      await events.record(principal.userId, 'passkey.renamed', meta, { reason: passkeyId });
      return view({ ...item, name });
    },

    /**
     * `DELETE /user/passkeys/{passkeyId}`: refused when it is the last way to sign in; like unlinking a
     * provider it needs a recent sign-in or the password, so an older stolen token cannot remove a way in.
     */
    async remove(
      principal: Principal,
      passkeyId: string,
      currentPassword: string | undefined,
      meta: RequestMeta,
    ): Promise<void> {
      const user = await requireUser(ctx, principal.userId);
      const passkeys = await (await ctx.passkeyStore()).listPasskeys(user.userId);
      const item = passkeys.find((passkey) => passkey.passkeyId === passkeyId);
      if (!item) throw passkeyNotFound();
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      if (passkeys.length <= 1 && (await otherLoginMethods(user)) === 0) throw lastLoginMethod();
      // Claims the change against the version read with the user: a racing unlink or removal fails here.
      await claimLoginMethodsChange(ctx, user);
      await deletePasskey(item);
      await events.record(user.userId, 'passkey.removed', meta, { reason: passkeyId });
    },

    /** For the last-login-method rule of unlinking a provider. */
    async count(userId: string): Promise<number> {
      return (await (await ctx.passkeyStore()).listPasskeys(userId)).length;
    },

    /** Passkeys in the export and in account deletion. */
    contributor: {
      name: 'passkeys',
      async export(userId: string) {
        return (await (await ctx.passkeyStore()).listPasskeys(userId)).map(view);
      },
      async delete(userId: string) {
        for (const item of await (await ctx.passkeyStore()).listPasskeys(userId)) await deletePasskey(item);
      },
    } satisfies UserDataContributor,
  };
}
