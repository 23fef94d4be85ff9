// Child process: the embedded DynamoDB engine (dynalite, in memory) on its own core, shared by every target.
import { startEmbeddedEngine } from '../src/data/embedded-engine.js';

const engine = await startEmbeddedEngine();
process.stdout.write(`engine ${engine.endpoint}\n`);

const stop = () => {
  engine.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
