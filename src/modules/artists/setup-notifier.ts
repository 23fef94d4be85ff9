/**
 * Wakes the setup-events streams of this process when an artist's setup changes here, so a listener
 * hears of a callback at once; streams also re-read the table now and then, for changes another
 * instance made.
 */
export interface SetupNotifier {
  notify(artistId: string): void;
  /** Resolves at the next `notify` for the artist, or when `signal` aborts. */
  next(artistId: string, signal: AbortSignal): Promise<void>;
  /** How many waits are open for the artist (a closed stream leaves none behind). */
  waiting(artistId: string): number;
}

export function createSetupNotifier(): SetupNotifier {
  const waiting = new Map<string, Set<() => void>>();
  return {
    notify(artistId) {
      const wakers = waiting.get(artistId);
      if (!wakers) return;
      waiting.delete(artistId);
      for (const wake of wakers) wake();
    },
    waiting: (artistId) => waiting.get(artistId)?.size ?? 0,
    next(artistId, signal) {
      return new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        let wakers = waiting.get(artistId);
        if (!wakers) {
          wakers = new Set();
          waiting.set(artistId, wakers);
        }
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const current = waiting.get(artistId);
          current?.delete(wake);
          if (current?.size === 0) waiting.delete(artistId);
          resolve();
        };
        wakers.add(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
