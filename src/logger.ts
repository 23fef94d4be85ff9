import { type DestinationStream, type Logger, type LoggerOptions as PinoOptions, pino } from 'pino';

export type { Logger };

/**
 * Keys whose values are never written to a log line (top level; nested paths cost far more per line
 * and nothing Amply logs nests them). The real guarantee is by construction: request lines carry ids,
 * routes and timings only, and bodies, headers and query strings are never logged.
 */
const SENSITIVE_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'idToken',
  'refreshToken',
  'code',
  'session',
  'secret',
  'authorization',
  'cookie',
  'otpauthUri',
  'recoveryCodes',
  'clientSecret',
];

export interface LoggerOptions {
  level: string;
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

const common: PinoOptions = {
  base: undefined,
  formatters: { level: (label) => ({ level: label }) },
};

/** Builds the JSON logger. */
export function createLogger(options: LoggerOptions): Logger {
  // Synchronous: nothing is lost when Lambda freezes, and measured here it costs less per line than
  // sonic-boom's asynchronous buffering.
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    { ...common, level: options.level, redact: { paths: SENSITIVE_KEYS, censor: '[redacted]' } },
    destination,
  );
}

/**
 * A logger writing to the same stream without the redaction pass, for the one line per request, which
 * is built from safe fields only (and is the line written most often).
 */
export function createAccessLogger(logger: Logger): Logger {
  return pino(
    { ...common, level: logger.level },
    (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym] as DestinationStream,
  );
}
