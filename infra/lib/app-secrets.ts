import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

/**
 * Two Secrets Manager secrets, read by the function once per cold start (`AMPLY_SECRET_ARNS`):
 * - `amply-<stage>/app`: yours to fill — the signing keys, encryption keys, HMAC secret and OAuth client
 *   credentials as a JSON object of variable names (the README shows how). It starts as `{}`.
 * - `amply-<stage>/origin`: generated here; CloudFront sends it to the API and the API checks it.
 */
export class AppSecrets extends Construct {
  readonly app: Secret;
  readonly origin: Secret;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const removalPolicy = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.app = new Secret(this, 'App', {
      secretName: `amply-${settings.stage}/app`,
      description:
        'Amply: AMPLY_SIGNING_KEYS, AMPLY_ENCRYPTION_KEYS, AMPLY_HMAC_SECRET, AMPLY_OAUTH_* (JSON)',
      // Not a secret: the empty object the deployer replaces with put-secret-value.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy,
    });
    this.origin = new Secret(this, 'Origin', {
      secretName: `amply-${settings.stage}/origin`,
      description: 'Amply: the header CloudFront adds on its way to the API (AMPLY_ORIGIN_SECRET)',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'AMPLY_ORIGIN_SECRET',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy,
    });
    Validations.of(this.app).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Its keys rotate by adding a new key first and retiring the old one later (amply rotate-keys, README), ' +
        'which a rotation Lambda cannot do without logging every token holder out.',
    });
    Validations.of(this.origin).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value at deploy time; rotate it with `put-secret-value` and a redeploy (README), ' +
        'which a rotation Lambda cannot do.',
    });
  }
}
