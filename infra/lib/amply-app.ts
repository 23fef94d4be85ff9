import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AmplyEdgeStack, AmplyStack } from './amply-stack.js';
import { STAGES, type Stage, stageSettings } from './stages.js';

/** CloudFront's WAF and certificates live in this region. */
const EDGE_REGION = 'us-east-1';

/**
 * Adds one stack per stage to `app` (`Amply-<stage>`, and `Amply-<stage>-edge` in us-east-1 for the WAF
 * when the stage lives in another region), each from its settings (the matrix and the context key
 * `amply:<stage>`), and checks every stack against cdk-nag's AWS Solutions rules.
 */
export function addAmplyStages(
  app: App,
  options: {
    assetDir: string;
    eventsAssetDir: string;
    refreshConnectionsAssetDir: string;
    stages?: readonly Stage[];
  },
): AmplyStack[] {
  const stacks = (options.stages ?? STAGES).map((stage) => {
    const settings = stageSettings(stage, app.node.tryGetContext(`amply:${stage}`));
    const env = { account: settings.account, region: settings.region };
    const description = `Amply ${stage}: API, table, media and their protection`;
    if (settings.region === EDGE_REGION) {
      return new AmplyStack(app, `Amply-${stage}`, {
        env,
        settings,
        assetDir: options.assetDir,
        eventsAssetDir: options.eventsAssetDir,
        refreshConnectionsAssetDir: options.refreshConnectionsAssetDir,
        description,
        terminationProtection: stage === 'prod',
      });
    }
    const edge = new AmplyEdgeStack(app, `Amply-${stage}-edge`, {
      env: { account: settings.account, region: EDGE_REGION },
      settings,
      crossRegionReferences: true,
      description: `Amply ${stage}: the API's WAF (CloudFront's WAF lives in ${EDGE_REGION})`,
      terminationProtection: stage === 'prod',
    });
    return new AmplyStack(app, `Amply-${stage}`, {
      env,
      settings,
      assetDir: options.assetDir,
      eventsAssetDir: options.eventsAssetDir,
      refreshConnectionsAssetDir: options.refreshConnectionsAssetDir,
      webAclArn: edge.webAclArn,
      crossRegionReferences: true,
      description,
      terminationProtection: stage === 'prod',
    });
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stacks;
}

/** The stages to synthesise: the `stage` context value (`-c stage=prod`), or all of them. */
export function selectedStages(app: App): readonly Stage[] {
  const wanted = app.node.tryGetContext('stage') as unknown;
  if (wanted === undefined) return STAGES;
  if (!STAGES.includes(wanted as Stage)) {
    throw new Error(`-c stage=${String(wanted)}: expected one of ${STAGES.join(', ')}`);
  }
  return [wanted as Stage];
}
