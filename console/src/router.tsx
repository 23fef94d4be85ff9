import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/*
 * A small router on the History API. The console lives under a base path (`/console/` when the Node server
 * serves it, from `<base href>`); routes are written without it.
 */

const base = new URL(document.baseURI).pathname.replace(/\/$/, '');

/** The current route: the path below the base, the query and the fragment. */
export interface Location {
  path: string;
  search: string;
  hash: string;
}

function current(): Location {
  const { pathname, search, hash } = window.location;
  const path = pathname.startsWith(base) ? pathname.slice(base.length) || '/' : pathname;
  return { path, search, hash };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

/** Goes to `path` (below the base); `replace` keeps the history entry (e.g. to drop a one-time code). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = `${base}${path}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of listeners) listener();
  // A new page: focus its heading so keyboard and screen-reader users start there.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/** Matches `pattern` (`/guitars/:id`) against `path`; the named segments, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const value = got[index] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/** A link inside the console: a real `<a href>` (open in a new tab works), navigated without a reload. */
export function Link(props: { href: string; children: ComponentChildren } & AnchorHTMLAttributes) {
  const { href, children, ...rest } = props;
  const current = useLocation();
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a
      href={`${base}${href}`}
      onClick={onClick}
      aria-current={current.path === href ? 'page' : undefined}
      {...rest}
    >
      {children}
    </a>
  );
}
