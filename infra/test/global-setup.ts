import type { TestProject } from 'vitest/node';
import { buildEventsAsset, buildLambdaAsset } from '../lib/lambda-asset.js';

declare module 'vitest' {
  export interface ProvidedContext {
    lambdaAssetDir: string;
    eventsAssetDir: string;
  }
}

/** The Lambda assets, built once for the run (the API's with the linux-arm64 externals from the registry; the dispatcher's). */
export default async function setup(project: TestProject) {
  const [lambdaAssetDir, eventsAssetDir] = await Promise.all([buildLambdaAsset(), buildEventsAsset()]);
  project.provide('lambdaAssetDir', lambdaAssetDir);
  project.provide('eventsAssetDir', eventsAssetDir);
}
