import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

/** The JSON key of the origin secret in the app secret; CloudFront reads it at deploy time. */
const ORIGIN_SECRET_KEY = 'AMPLY_ORIGIN_SECRET';

/**
 * The stage's two Secrets Manager secrets, read by the functions once per cold start (`AMPLY_SECRET_ARNS`):
 * - `amply-<stage>/app`: the API's keys — signing keys, encryption keys, HMAC secret, the origin secret
 *   CloudFront sends, OAuth client credentials — as one JSON object of variable names. The deployer
 *   makes it before the first deploy (`amply new-secrets --origin`, README); the stack only refers to it
 *   by name, so no stack update or deletion can replace or remove the keys. Only the API reads it.
 * - `amply-<stage>/webhooks`: `AMPLY_WEBHOOKS`, made here as `{}` for the deployer to fill. The event
 *   dispatcher reads it (the endpoints' signing secrets) and so does the API (which endpoints a new
 *   event is for); the dispatcher reads nothing else.
 * One secret per reader set instead of one per purpose: each costs $0.40 a month (docs/decisions/0041).
 */
export class AppSecrets extends Construct {
  readonly app: ISecret;
  readonly webhooks: Secret;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.app = Secret.fromSecretNameV2(this, 'App', appSecretName(settings.stage));
    this.webhooks = new Secret(this, 'Webhooks', {
      secretName: `amply-${settings.stage}/webhooks`,
      description:
        'Amply: AMPLY_WEBHOOKS, the signed-event endpoints (JSON: {"AMPLY_WEBHOOKS": [{"url", "secret"}]})',
      // Not a secret: the empty object the deployer replaces with put-secret-value (no endpoint: no delivery).
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.webhooks).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "Each endpoint's secret is shared with its receiver; it rotates when the receiver is ready (README), " +
        'which a rotation Lambda cannot coordinate.',
    });
  }

  /** The origin secret as a deploy-time reference (CloudFront's header), pinned to `version` when given. */
  originSecretValue(version: string | undefined): SecretValue {
    return SecretValue.secretsManager(this.app.secretName, {
      jsonField: ORIGIN_SECRET_KEY,
      ...(version ? { versionId: version } : {}),
    });
  }
}

/** The name of the stage's app secret, which the deployer creates. */
export function appSecretName(stage: string): string {
  return `amply-${stage}/app`;
}
