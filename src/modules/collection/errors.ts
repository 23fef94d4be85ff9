import {
  ConflictError,
  DomainError,
  type FieldProblem,
  NotFoundError,
  ValidationError,
} from '../../errors.js';

/** The Guitar Collection API's codes (decision 21), plus CONFLICT for stale versions. */
export const guitarNotFound = () => new NotFoundError('Guitar not found', 'GUITAR_NOT_FOUND');
export const noteNotFound = () => new NotFoundError('Note not found', 'NOTE_NOT_FOUND');
export const imageNotFound = () => new NotFoundError('Image not found', 'IMAGE_NOT_FOUND');
export const guitarInvalid = (details: FieldProblem[]) =>
  new ValidationError('The guitar is not valid', details, 'GUITAR_VALIDATION_ERROR');
export const versionConflict = () =>
  new ConflictError('The guitar changed since you read it; read it again and reapply your change');
export const idempotencyKeyReused = () =>
  new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    422,
    'This Idempotency-Key was used with a different request; use a new key for a new guitar',
  );
export const idempotencyKeyBusy = () =>
  new ConflictError('Another request with this Idempotency-Key is being handled; retry in a moment');
