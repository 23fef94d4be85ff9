import type { TestProject } from 'vitest/node';
import { startEmbeddedEngine } from '../../src/data/embedded-engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One dynalite engine for the whole run; every test file makes its own table on it. */
export default async function setup(project: TestProject) {
  const engine = await startEmbeddedEngine();
  project.provide('dynamoEndpoint', engine.endpoint);
  return () => engine.close();
}
