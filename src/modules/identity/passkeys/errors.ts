import { DomainError, NotFoundError, UnauthorizedError } from '../../../errors.js';

export const passkeyNotFound = () =>
  new NotFoundError('No such passkey on your account', 'PASSKEY_NOT_FOUND');

/** Unknown, used, expired, or another ceremony's challenge: the browser must ask for new options. */
export const ceremonyInvalid = () =>
  new DomainError(
    'PASSKEY_CEREMONY_INVALID',
    400,
    'This passkey request is not pending (used, expired or unknown); ask for new options and try again',
  );

/** A registration the authenticator's answer does not support (origin, RP ID, user verification, format). */
export const registrationRefused = () =>
  new DomainError('PASSKEY_REGISTRATION_REFUSED', 400, 'The passkey could not be verified; try again');

export const passkeyAlreadyRegistered = () =>
  new DomainError('PASSKEY_ALREADY_REGISTERED', 409, 'This passkey is already registered');

export const passkeyLimit = (max: number) =>
  new DomainError(
    'PASSKEY_LIMIT_REACHED',
    409,
    `An account can hold at most ${max} passkeys; remove one first`,
  );

/** Every way a passkey sign-in can fail looks the same: nothing tells which accounts or credentials exist. */
export const passkeyNotAccepted = () =>
  new UnauthorizedError('This passkey was not accepted; sign in another way', 'AUTH_INVALID_CREDENTIALS');
