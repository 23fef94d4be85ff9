// The CDK app: `npx cdk deploy -c stage=prod` (see cdk.json); `npm run synth` synthesises every stage.
import { App } from 'aws-cdk-lib';
import { addAmplyStages, selectedStages } from '../lib/amply-app.js';
import { buildEventsAsset, buildLambdaAsset, buildRefreshConnectionsAsset } from '../lib/lambda-asset.js';

const app = new App();
const [assetDir, eventsAssetDir, refreshConnectionsAssetDir] = await Promise.all([
  buildLambdaAsset(),
  buildEventsAsset(),
  buildRefreshConnectionsAsset(),
]);
addAmplyStages(app, { assetDir, eventsAssetDir, refreshConnectionsAssetDir, stages: selectedStages(app) });
app.synth();
