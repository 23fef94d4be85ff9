import type { TestProject } from 'vitest/node';
import { buildLambdaAsset } from '../lib/lambda-asset.js';

declare module 'vitest' {
  export interface ProvidedContext {
    lambdaAssetDir: string;
  }
}

/** The Lambda asset, built once for the run (the bundle, and the linux-arm64 externals from the registry). */
export default async function setup(project: TestProject) {
  project.provide('lambdaAssetDir', await buildLambdaAsset());
}
