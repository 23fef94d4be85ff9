import { z } from '@hono/zod-openapi';

/*
 * Text a person typed, as every module accepts it: Unicode NFC, trimmed, no control characters
 * (a newline and a tab only where the field is multi-line), no unpaired surrogates (DynamoDB and
 * JSON encoders would turn them into U+FFFD and merge distinct values), no bidirectional overrides or
 * isolates (they make a name read differently from what it is), and at least one visible character.
 */

const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\t]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Characters that draw nothing on their own: format characters, marks and separators. */
const INVISIBLE_ONLY = /^[\p{Cf}\p{M}\p{Z}\s]*$/u;

export interface TextOptions {
  max: number;
  /** Default 1: an empty (or invisible-only) string is refused. */
  min?: number;
  /** Allow line feeds and tabs (notes, bios); other control characters are refused everywhere. */
  multiline?: boolean;
}

/** The first rule `value` breaks, as a message a person can act on; undefined when it breaks none. */
export function textProblem(value: string, multiline = false): string | undefined {
  if (!value.isWellFormed()) return 'Contains an unpaired surrogate; send valid Unicode text';
  if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    return multiline
      ? 'Contains a control character; only line breaks and tabs are allowed'
      : 'Contains a control character or line break; send one line of text';
  }
  if (BIDI_CONTROL.test(value)) return 'Contains a bidirectional override or isolate character; remove it';
  if (value.length > 0 && INVISIBLE_ONLY.test(value)) return 'Contains no visible character';
  return undefined;
}

/**
 * A zod string for free text: trimmed, normalised to NFC (neither hides an unpaired surrogate) and
 * held to the rules above and to its length.
 */
export function text(options: TextOptions) {
  const { max, min = 1, multiline = false } = options;
  // One `check` with every step: each chained call (`.trim().min()…`) would copy the schema once more,
  // and the copies were a measurable part of a Lambda cold start (the same checks, in the same order).
  return z.string().check(
    z.trim(),
    z.normalize('NFC'),
    z.minLength(min, min === 1 ? 'Required' : `At least ${min} characters`),
    z.maxLength(max, `At most ${max} characters`),
    z.refine((value: string) => textProblem(value, multiline) === undefined, {
      error: (issue) => textProblem(issue.input as string, multiline),
    }),
  );
}
