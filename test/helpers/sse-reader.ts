/** One server-sent event as a client sees it, or a comment line (a heartbeat). */
export type SseItem =
  | { kind: 'event'; event: string; id: string | undefined; data: string; retry: number | undefined }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; retry: number };

/**
 * Reads a `text/event-stream` body block by block, as EventSource parses it (a blank line ends a
 * block). `next()` answers the next block, or null once the server has closed the stream.
 */
export function readSse(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;

  function parse(block: string): SseItem {
    const fields: Record<string, string[]> = {};
    const comments: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields[name] = [...(fields[name] ?? []), value];
    }
    if (!fields.data && !fields.event && fields.retry)
      return { kind: 'retry', retry: Number(fields.retry[0]) };
    if (!fields.data && !fields.event) return { kind: 'comment', text: comments.join('\n') };
    return {
      kind: 'event',
      event: fields.event?.[0] ?? 'message',
      id: fields.id?.[0],
      data: (fields.data ?? []).join('\n'),
      retry: fields.retry ? Number(fields.retry[0]) : undefined,
    };
  }

  return {
    /** The next block; rejects after `timeoutMs` so a stream that never answers fails the test. */
    async next(timeoutMs = 10_000): Promise<SseItem | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return parse(block);
        }
        if (ended) return null;
        const left = deadline - Date.now();
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no server-sent event within ${timeoutMs} ms`)),
              Math.max(0, left),
            );
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) ended = true;
        else buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
      }
    },

    /** The next event, skipping heartbeats and retry lines. */
    async nextEvent(timeoutMs = 10_000): Promise<Extract<SseItem, { kind: 'event' }> | null> {
      for (;;) {
        const item = await this.next(timeoutMs);
        if (item === null || item.kind === 'event') return item;
      }
    },

    async close(): Promise<void> {
      await reader.cancel().catch(() => undefined);
    },
  };
}
