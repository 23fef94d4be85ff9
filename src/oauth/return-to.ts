import { ValidationError } from '../errors.js';

/**
 * Checks a `returnTo` target against the allowlist (AMPLY_RETURN_TO_ALLOWLIST, default FRONTEND_URL):
 * an absolute http(s) URL with the same origin as an entry and a path at or below the entry's path.
 * User info (`https://good@evil`) is refused outright. Returns the normalised URL.
 */
export function checkReturnTo(value: string, allowlist: readonly string[]): string {
  const refuse = () =>
    new ValidationError('returnTo is not an allowed address', [
      { field: 'returnTo', message: 'Use an address on the configured allowlist' },
    ]);
  let target: URL;
  try {
    target = new URL(value);
  } catch {
    throw refuse();
  }
  if (!/^https?:$/.test(target.protocol) || target.username || target.password) throw refuse();
  const allowed = allowlist.some((entry) => {
    const base = new URL(entry);
    const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return (
      target.origin === base.origin &&
      (target.pathname === base.pathname || target.pathname.startsWith(prefix))
    );
  });
  if (!allowed) throw refuse();
  return target.href;
}
