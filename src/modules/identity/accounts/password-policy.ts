import type { FieldProblem } from '../../../errors.js';
import { lazy } from '../../../lazy.js';

export interface PasswordPolicySettings {
  minLength: number;
  /** ArtistHub's upper/lower/digit/symbol rule; OWASP ASVS 5 advises against it, so it can be switched off. */
  composition: boolean;
}

export const MAX_PASSWORD_LENGTH = 256;

/** zxcvbn's score 3 means more than 10^8 guesses: "safely unguessable" for an online attack. */
const MIN_SCORE = 3;

export interface PasswordPolicy {
  /** Every way the password falls short, as field problems; an empty list means it is acceptable. */
  check(password: string, context: { email: string; name?: string }, field?: string): Promise<FieldProblem[]>;
}

export function createPasswordPolicy(settings: PasswordPolicySettings): PasswordPolicy {
  // The bundled list (~49,000 breached passwords) and zxcvbn load on first use, off the cold-start path.
  const strength = lazy(async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    const passwords = common.dictionary['passwords-common'];
    return {
      common: new Set(passwords),
      // Scoring is synchronous and grows with length: the first 64 characters say enough about strength.
      zxcvbn: new ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
        maxLength: 64,
      }),
    };
  });

  return {
    async check(password, context, field = 'password') {
      const problems: string[] = [];
      if ([...password].length < settings.minLength)
        problems.push(`use at least ${settings.minLength} characters`);
      if (password.length > MAX_PASSWORD_LENGTH)
        problems.push(`use at most ${MAX_PASSWORD_LENGTH} characters`);
      if (settings.composition) {
        if (!/\p{Lu}/u.test(password)) problems.push('add an upper-case letter');
        if (!/\p{Ll}/u.test(password)) problems.push('add a lower-case letter');
        if (!/\p{Nd}/u.test(password)) problems.push('add a digit');
        if (!/[^\p{L}\p{Nd}]/u.test(password)) problems.push('add a symbol');
      }
      if (problems.length === 0) {
        const { common, zxcvbn } = await strength();
        if (common.has(password.toLowerCase())) {
          problems.push('this password is on a list of common breached passwords');
        } else {
          const userInputs = [context.email, context.email.split('@')[0] ?? '', context.name ?? ''].filter(
            Boolean,
          );
          if (zxcvbn.check(password, userInputs).score < MIN_SCORE) {
            problems.push('this password is too easy to guess; avoid common words, names and patterns');
          }
        }
      }
      return problems.map((message) => ({ field, message }));
    },
  };
}
