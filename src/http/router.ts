import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '../errors.js';
import type { AppEnv } from './context.js';
import { fieldProblems } from './errors.js';

const EXPECTED: Record<string, string> = {
  string: 'Expected text',
  number: 'Expected a number',
  int: 'Expected a whole number',
  boolean: 'Expected true or false',
  object: 'Expected an object',
  array: 'Expected a list',
};

const FORMATS: Record<string, string> = {
  date: 'Expected a date as YYYY-MM-DD',
  datetime: 'Expected a date and time as YYYY-MM-DDTHH:MM:SSZ',
  email: 'Enter a valid email address',
  url: 'Expected an http or https URL',
};

/** How far a number, a text or a list may go, as the person fixing the request reads it. */
function bound(issue: { origin?: unknown; inclusive?: boolean }, value: unknown, most: boolean): string {
  const exclusive = issue.inclusive === false;
  const word = most ? (exclusive ? 'Less than' : 'At most') : exclusive ? 'More than' : 'At least';
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  return `${word} ${String(value)}${unit}`;
}

/**
 * Validation messages that say what to send: "Required" for a missing field (not zod's "expected string,
 * received undefined"), the allowed values, the bounds, the expected type or format. A message a schema
 * gives itself wins over these.
 */
z.config({
  customError: (issue) => {
    if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
      return 'Required';
    }
    switch (issue.code) {
      case 'invalid_type':
        return EXPECTED[issue.expected];
      case 'invalid_value':
        return issue.values.length === 1
          ? `Expected ${JSON.stringify(issue.values[0])}`
          : `Expected one of: ${issue.values.map((value) => String(value)).join(', ')}`;
      case 'too_small':
        return bound(issue, issue.minimum, false);
      case 'too_big':
        return bound(issue, issue.maximum, true);
      case 'invalid_format':
        return FORMATS[issue.format] ?? 'Not in the expected format';
      default:
        return undefined;
    }
  },
});

/**
 * A router whose zod validation failures become `VALIDATION_ERROR` envelopes. Every module builds its
 * routes on one of these, so the schemas stay the single source of validation and documentation.
 */
export function createRouter(validationCode = 'VALIDATION_ERROR') {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ValidationError(
          'The request is not valid',
          fieldProblems(result.error.issues),
          validationCode,
        );
      }
    },
  });
}

export type Router = ReturnType<typeof createRouter>;
