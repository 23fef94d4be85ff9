import type { TestProject } from 'vitest/node';
import { buildEventsAsset, buildLambdaAsset, buildRefreshConnectionsAsset } from '../lib/lambda-asset.js';

declare module 'vitest' {
  export interface ProvidedContext {
    lambdaAssetDir: string;
    eventsAssetDir: string;
    refreshConnectionsAssetDir: string;
  }
}

/**
 * The Lambda assets, built once for the run (the API's with the linux-arm64 externals from the registry;
 * the dispatcher's and the proactive refresh's).
 */
export default async function setup(project: TestProject) {
  const [lambdaAssetDir, eventsAssetDir, refreshConnectionsAssetDir] = await Promise.all([
    buildLambdaAsset(),
    buildEventsAsset(),
    buildRefreshConnectionsAsset(),
  ]);
  project.provide('lambdaAssetDir', lambdaAssetDir);
  project.provide('eventsAssetDir', eventsAssetDir);
  project.provide('refreshConnectionsAssetDir', refreshConnectionsAssetDir);
}
