import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';
import { addAmplyStages } from '../lib/amply-app.js';
import type { AmplyStack } from '../lib/amply-stack.js';
import { type Stage, shippedContext } from '../lib/stages.js';

const outdirs: string[] = [];

/** The context cdk.json gives `cdk synth` (the stages' settings as shipped). */
export const CDK_JSON_CONTEXT = shippedContext();

/**
 * The CDK app as `cdk synth` builds it (cdk-nag checks included), for `stages`, with cdk.json's context and
 * `context` over it (as `-c` would give it); synthesised into a temp folder, the assets referenced where
 * the run built them.
 */
export function synthesise(options: { stages?: Stage[]; context?: Record<string, unknown> } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'amply-cdk-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: { ...CDK_JSON_CONTEXT, 'aws:cdk:disable-asset-staging': true, ...options.context },
  });
  const stacks = addAmplyStages(app, {
    assetDir: inject('lambdaAssetDir'),
    eventsAssetDir: inject('eventsAssetDir'),
    refreshConnectionsAssetDir: inject('refreshConnectionsAssetDir'),
    ...(options.stages ? { stages: options.stages } : {}),
  });
  const assembly = app.synth();
  const template = (stack: AmplyStack) =>
    Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  return { app, stacks, assembly, outdir, template };
}

/** Removes the folders `synthesise` made (call from afterAll). */
export function removeSynthesised() {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
