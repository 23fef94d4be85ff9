// The CDK app: `npx cdk deploy -c stage=prod` (see cdk.json); `npm run synth` synthesises every stage.
import { App } from 'aws-cdk-lib';
import { addAmplyStages, selectedStages } from '../lib/amply-app.js';
import { buildEventsAsset, buildLambdaAsset } from '../lib/lambda-asset.js';

const app = new App();
const [assetDir, eventsAssetDir] = await Promise.all([buildLambdaAsset(), buildEventsAsset()]);
addAmplyStages(app, { assetDir, eventsAssetDir, stages: selectedStages(app) });
app.synth();
