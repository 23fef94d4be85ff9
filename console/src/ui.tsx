import { AmplyApiError, AmplyFlowError } from '@amply/client';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useState } from 'preact/hooks';

/** A page: its heading (focused on navigation, so keyboard users start there) and content. */
export function Page(props: { title: string; intro?: ComponentChildren; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${props.title} · Amply console`;
  }, [props.title]);
  return (
    <>
      <h1 tabIndex={-1}>{props.title}</h1>
      {props.intro ? <p class="intro">{props.intro}</p> : null}
      {props.children}
    </>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search';
  autocomplete?: string;
  required?: boolean;
  pattern?: string;
  inputMode?: 'numeric' | 'text';
  min?: number;
  max?: number;
  placeholder?: string | undefined;
}

/** A labelled input; the hint is read out with it. */
export function Field({ label, hint, value, onValue, type = 'text', ...input }: FieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact types each input kind apart by a literal `type`; this one is chosen at run time.
        type={type as 'text'}
        value={value}
        onInput={(event) => onValue((event.target as HTMLInputElement).value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select of `options` (`[value, label]`). */
export function Select(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: Array<[string, string]>;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onValue((event.target as HTMLSelectElement).value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What went wrong, as a person can act on it: the API's message, and each field's problem. */
export function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof AmplyApiError || error instanceof AmplyFlowError
      ? error.message
      : error instanceof Error
        ? `Something went wrong: ${error.message}`
        : 'Something went wrong';
  const details = error instanceof AmplyApiError ? error.details : [];
  return (
    <div class="alert error" role="alert">
      <p>{message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((detail) => (
            <li key={detail.field}>
              <strong>{detail.field}</strong>: {detail.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A message that something worked, announced politely. */
export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="alert success" role="status">
      {children}
    </div>
  );
}

/** A form action: `run` calls it, tracking `busy` and the last `error`. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error };
}

/** Data loaded when the component shows (and again with `reload`). */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[] = []) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // Loads again when `reload` is called or when one of the caller's `keys` changes.
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [round, ...keys]);
  return { ...state, reload: () => setRound((value) => value + 1) };
}

/** A form that never reloads the page: `onSubmit` gets the event handled. */
export function Form(props: {
  onSubmit: () => void;
  label?: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form
      class={props.class ?? 'form'}
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

/** A date and time as the reader's locale writes it. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
