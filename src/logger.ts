import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Keys whose values are never written to a log line, at any of the first three levels of nesting. */
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

const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  level: string;
  /** Lambda needs every line written before the handler returns; a long-running server can buffer. */
  sync?: boolean;
  destination?: DestinationStream;
}

/** Builds the JSON logger. Request logs carry ids, routes and timings only; bodies, headers and queries are never logged. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: options.sync ?? true });
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
