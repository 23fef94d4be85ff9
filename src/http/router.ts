import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '../errors.js';
import type { AppEnv } from './context.js';
import { fieldProblems } from './errors.js';

// A missing field reads "Required" in `details` rather than zod's "expected string, received undefined".
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined,
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
