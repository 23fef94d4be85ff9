import { DomainError, type FieldProblem, UnauthorizedError } from '../../errors.js';

export const invalidCredentials = () =>
  new UnauthorizedError('The email address or password is not correct', 'AUTH_INVALID_CREDENTIALS');

export const userNotConfirmed = () =>
  new DomainError('AUTH_USER_NOT_CONFIRMED', 403, 'Confirm your email address first; we sent you a code');

export const userExists = () =>
  new DomainError('AUTH_USER_EXISTS', 409, 'An account with this email address exists');

export const codeInvalid = (message = 'The code is not correct') =>
  new DomainError('AUTH_CODE_INVALID', 400, message);

/** One answer for every way a code presented with an address can fail, so it reveals nothing about the address. */
export const codeNotAccepted = () =>
  new DomainError('AUTH_CODE_INVALID', 400, 'The code is not valid or has expired; ask for a new one');

export const codeExpired = () =>
  new DomainError('AUTH_CODE_EXPIRED', 400, 'The code has expired; ask for a new one');

export const passwordPolicy = (details: FieldProblem[]) =>
  new DomainError('AUTH_PASSWORD_POLICY', 400, 'The password does not meet the password policy', { details });

export const refreshInvalid = () =>
  new UnauthorizedError('The refresh token is not valid; sign in again', 'AUTH_UNAUTHORIZED');

export const recentAuthRequired = () =>
  new DomainError(
    'AUTH_RECENT_LOGIN_REQUIRED',
    401,
    'Confirm it is you: send your current password, or sign in again and retry within a few minutes',
  );

export const userNotFound = () => new DomainError('USER_NOT_FOUND', 404, 'No such user');

export const mfaNotSetUp = () =>
  new DomainError('AUTH_MFA_NOT_SET_UP', 409, 'Start with POST /auth/mfa/totp/setup before enabling TOTP');

export const mfaAlreadyEnabled = () => new DomainError('AUTH_MFA_ALREADY_ENABLED', 409, 'TOTP is already on');

export const mfaNotEnabled = () => new DomainError('AUTH_MFA_NOT_ENABLED', 409, 'TOTP is not on');

export const accountLinkRequired = () =>
  new DomainError(
    'ACCOUNT_LINK_REQUIRED',
    409,
    'An account with this email address exists; sign in to it and link this provider from your settings',
  );

export const identityLinkedElsewhere = () =>
  new DomainError('AUTH_IDENTITY_LINKED_ELSEWHERE', 409, 'This sign-in is already linked to another account');

export const providerAlreadyLinked = () =>
  new DomainError(
    'AUTH_PROVIDER_ALREADY_LINKED',
    409,
    'Another sign-in of this provider is linked to your account; unlink it first',
  );

export const providerNotLinked = () =>
  new DomainError('AUTH_PROVIDER_NOT_LINKED', 404, 'This provider is not linked to your account');

export const lastLoginMethod = () =>
  new DomainError(
    'AUTH_LAST_LOGIN_METHOD',
    409,
    'This is your only way to sign in; set a password (forgot password), link another provider or add a passkey first',
  );

export const ssoEmailRequired = () =>
  new DomainError(
    'AUTH_SSO_EMAIL_REQUIRED',
    400,
    'The provider did not share an email address; allow it and try again',
  );

export const sessionNotFound = () =>
  new DomainError('SESSION_NOT_FOUND', 404, 'No such signed-in device (it may have signed out already)');

/** Answered only once the credential was proved, so it tells nothing to someone without it. */
export const userDisabled = () =>
  new DomainError('AUTH_USER_DISABLED', 403, 'This account is disabled; contact the administrator');
