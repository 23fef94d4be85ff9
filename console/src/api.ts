import { createAmplyClient } from '@amply/client';
import { useEffect, useState } from 'preact/hooks';

/*
 * The one typed client of the console. Tokens and started sign-ins live in sessionStorage: they survive a
 * reload and the round trip to an SSO provider in this tab, and go when the tab closes.
 */

const configured = document.querySelector<HTMLMetaElement>('meta[name="amply-api-url"]')?.content ?? '';
/** The API's base URL: the page's own origin unless the build named another. */
export const apiUrl = (configured || window.location.origin).replace(/\/+$/, '');

const listeners = new Set<() => void>();
/** Tells every `useSignedIn` that the session changed (sign-in, sign-out, a refresh refused). */
export function sessionChanged(): void {
  for (const listener of listeners) listener();
}

export const amply = createAmplyClient({
  baseUrl: apiUrl,
  storage: window.sessionStorage,
  onSessionEnded: sessionChanged,
});

/** Whether tokens are stored; re-renders when that changes. */
export function useSignedIn(): boolean {
  const [signedIn, setSignedIn] = useState(() => amply.session.tokens() !== null);
  useEffect(() => {
    const update = () => setSignedIn(amply.session.tokens() !== null);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return signedIn;
}
