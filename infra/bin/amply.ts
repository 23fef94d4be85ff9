// The CDK app: `npx cdk deploy -c stage=prod` (see cdk.json); `npm run synth` synthesises every stage.
import { App } from 'aws-cdk-lib';
import { addAmplyStages, selectedStages } from '../lib/amply-app.js';
import { buildLambdaAsset } from '../lib/lambda-asset.js';

const app = new App();
addAmplyStages(app, { assetDir: await buildLambdaAsset(), stages: selectedStages(app) });
app.synth();
