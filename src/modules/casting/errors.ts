import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../errors.js';

/** The casting board's stable error codes. */
export const profileNotFound = () => new NotFoundError('Profile not found', 'PROFILE_NOT_FOUND');
export const usernameTaken = () =>
  new ConflictError('This username belongs to someone else (in some letter case)', 'USERNAME_TAKEN');
export const portfolioItemNotFound = () =>
  new NotFoundError('Portfolio item not found', 'PORTFOLIO_ITEM_NOT_FOUND');
export const castingNotFound = () => new NotFoundError('Casting not found', 'CASTING_NOT_FOUND');
export const applicationNotFound = () => new NotFoundError('Application not found', 'APPLICATION_NOT_FOUND');
export const roleRequired = (role: 'artist' | 'recruiter') =>
  new ForbiddenError(`This needs a profile with the ${role} role (PUT /users/me)`);
export const castingNotOpen = () =>
  new ConflictError('This casting is closed or has expired', 'CASTING_NOT_OPEN');
export const alreadyApplied = () =>
  new ConflictError('You have already applied to this casting', 'ALREADY_APPLIED');
export const invalidTransition = (from: string, to: string) =>
  new ConflictError(`An application cannot go from ${from} to ${to}`, 'INVALID_STATUS_TRANSITION');
export const changedMeanwhile = () => new ConflictError('It changed meanwhile; read it again and retry');
export const idempotencyKeyReused = () =>
  new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    422,
    'This Idempotency-Key was used with a different request; use a new key for a new casting',
  );
