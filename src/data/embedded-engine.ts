import type { AddressInfo } from 'node:net';

export interface EmbeddedEngine {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite, a DynamoDB-compatible engine, inside this process on loopback.
 * With `path` the data persists in a LevelDB folder (one process per folder); without it, in memory.
 */
export async function startEmbeddedEngine(
  options: { path?: string; port?: number } = {},
): Promise<EmbeddedEngine> {
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
