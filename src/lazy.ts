/**
 * Memoises an async factory: the work runs on first use, once, and a failure is retried by the next caller.
 * Used to keep heavy imports (the AWS SDK, mail transports, dictionaries) off the cold-start path.
 */
export function lazy<T>(factory: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = factory().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    }
    return pending;
  };
}
