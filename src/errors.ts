/** One problem with one input field, as listed in the error envelope's `details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  details?: FieldProblem[];
  /** Seconds a client should wait before trying again (sent as `Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The one error type that reaches clients: a stable code, a status and a message that is safe to show.
 * Anything else thrown is an internal error and is answered as `INTERNAL_ERROR` without details.
 */
export class DomainError extends Error {
  readonly details: FieldProblem[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: FieldProblem[] = [], code = 'VALIDATION_ERROR') {
    super(code, 400, message, { details });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication is required', code = 'AUTH_UNAUTHORIZED') {
    super(code, 401, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(code, 403, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found', code = 'NOT_FOUND') {
    super(code, 404, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message = 'The request conflicts with the current state', code = 'CONFLICT') {
    super(code, 409, message);
  }
}

export class RateLimitedError extends DomainError {
  /** The limit that was reached, for the `RateLimit-Limit` header (absent for lockouts). */
  readonly limit: number | undefined;

  constructor(retryAfter: number, options: { limit?: number; message?: string } = {}) {
    super('RATE_LIMITED', 429, options.message ?? 'Too many requests; try again later', {
      retryAfter: Math.max(1, Math.ceil(retryAfter)),
    });
    this.limit = options.limit;
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message = 'The service is unavailable; try again shortly', retryAfter = 5) {
    super('SERVICE_UNAVAILABLE', 503, message, { retryAfter });
  }
}
