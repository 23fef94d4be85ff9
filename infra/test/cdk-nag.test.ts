import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, inject, it } from 'vitest';
import { addAmplyStages } from '../lib/amply-app.js';

describe('cdk-nag in the Amply app', () => {
  it('stops synthesis on a finding nobody acknowledged (the check is live, not decorative)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'amply-nag-'));
    try {
      const app = new App({ outdir, context: { 'aws:cdk:disable-asset-staging': true } });
      const [dev] = addAmplyStages(app, {
        assetDir: inject('lambdaAssetDir'),
        eventsAssetDir: inject('eventsAssetDir'),
        refreshConnectionsAssetDir: inject('refreshConnectionsAssetDir'),
        stages: ['dev'],
      });
      new Bucket(dev as NonNullable<typeof dev>, 'CarelessBucket');
      expect(() => app.synth()).toThrow(
        /AwsSolutions-S1[\s\S]*CarelessBucket|CarelessBucket[\s\S]*AwsSolutions-S1/,
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
