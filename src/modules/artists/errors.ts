import {
  ConflictError,
  DomainError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../errors.js';

/* The artists module's errors: stable codes, messages safe to show. */

/** Also what another user gets for someone else's artist on every owner route. */
export const artistNotFound = () => new NotFoundError('No such artist', 'ARTIST_NOT_FOUND');

export const artistIdTaken = () =>
  new ConflictError('This artistId is taken; choose another', 'ARTIST_ID_TAKEN');

/** Any token that is not this artist's live (or, for a delete, spent) one: unknown, revoked, another artist's. */
export const callbackTokenInvalid = () =>
  new UnauthorizedError('The callback token is not valid for this artist', 'CALLBACK_TOKEN_INVALID');

export const callbackTokenExpired = () =>
  new UnauthorizedError(
    'The callback token has expired; issue a new one and update the stack',
    'CALLBACK_TOKEN_EXPIRED',
  );

export const callbackSignatureInvalid = (why: string) =>
  new UnauthorizedError(`X-Amply-Signature is not valid: ${why}`, 'CALLBACK_SIGNATURE_INVALID');

/** The token was already spent: this callback (or one with the same token) was received before. */
export const callbackReplayed = () =>
  new ConflictError('This callback token was already used; the setup is saved', 'CALLBACK_ALREADY_RECEIVED');

export const stackMismatch = () =>
  new ConflictError(
    'This callback is about another stack than the one the setup was saved from',
    'ARTIST_STACK_MISMATCH',
  );

export const providerMismatch = (field: string, provider: string) =>
  new ValidationError('The provider is not the artist’s', [
    { field, message: `This artist deploys on ${provider}` },
  ]);

export const templateProviderMismatch = (provider: string) =>
  new ConflictError(`This artist deploys on ${provider}, not AWS`, 'ARTIST_PROVIDER_MISMATCH');

export const roleTrustTooBroad = () =>
  new ConflictError(
    "The stack's role can be assumed without the ExternalId; redeploy it from Amply's template, whose trust policy requires it",
    'ARTIST_ROLE_TRUST_TOO_BROAD',
  );

export const roleAccountMismatch = () =>
  new ConflictError("The stack's role is not in the stack's account", 'ARTIST_ROLE_ACCOUNT_MISMATCH');

export const stackNotFound = () =>
  new NotFoundError('The stack does not exist (or its role cannot see it)', 'ARTIST_STACK_NOT_FOUND');

export const upstreamFailed = () =>
  new DomainError('UPSTREAM_ERROR', 502, 'AWS could not be asked about the stack; try again');

export const awsAccountUnknown = () =>
  new DomainError(
    'PROVIDER_NOT_CONFIGURED',
    503,
    "Amply's AWS account is not known: set AMPLY_AWS_ACCOUNT_ID, or give Amply AWS credentials",
    { retryAfter: 60 },
  );
