import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Code } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.js';
import { AmplyFunction } from './amply-function.js';
import { AppSecrets, appSecretName } from './app-secrets.js';
import { ConnectionRefresh } from './connection-refresh.js';
import { DataTable } from './data-table.js';
import { ApiDistribution, MediaDistribution } from './distributions.js';
import { EventDispatch } from './event-dispatch.js';
import { AmplyHttpApi } from './http-api.js';
import { MediaBucket } from './media-bucket.js';
import { acknowledgeGrantWildcards, type DeployedModule, grantsFor, MODULE_GRANTS } from './module-grants.js';
import { FlatRatePlan } from './pricing-plans.js';
import { ScheduledJob } from './scheduled-jobs.js';
import type { StageSettings } from './stages.js';
import { ApiWebAcl, MediaWebAcl } from './web-acl.js';

export interface AmplyStackProps extends StackProps {
  settings: StageSettings;
  /** The API function's code folder (`buildLambdaAsset`). */
  assetDir: string;
  /** The event dispatcher's code folder (`buildEventsAsset`). */
  eventsAssetDir: string;
  /** The proactive refresh's code folder (`buildRefreshConnectionsAsset`). */
  refreshConnectionsAssetDir: string;
  /** The WAF made by the stage's edge stack when this stack is not in us-east-1; otherwise made here. */
  webAclArn?: string;
}

/** The SES identities a sender may send as: the address itself and its domain. */
export function mailIdentities(mailFrom: string): string[] {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  const domain = address.split('@')[1];
  return domain ? [address, domain] : [address];
}

/**
 * One stage of Amply on AWS: the table, the media bucket and its CDN, the secrets, the API function
 * behind API Gateway behind CloudFront and the WAF, event delivery, scheduled jobs, alarms, and the
 * outputs a deployer needs. No VPC, so no NAT gateway: every service is reached over its public,
 * IAM-authenticated endpoint.
 */
export class AmplyStack extends Stack {
  constructor(scope: Construct, id: string, props: AmplyStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const stage = settings.stage;
    const removalPolicy = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const { table } = new DataTable(this, 'Data', settings);
    const secrets = new AppSecrets(this, 'Secrets', settings);
    // Browsers upload straight to the bucket from the frontend (any origin on dev, as the API allows).
    const browserOrigins = settings.corsOrigins ?? (stage === 'dev' ? ['*'] : [settings.frontendUrl]);
    const media = new MediaBucket(this, 'Media', settings, browserOrigins);
    const mediaPlan = settings.pricingPlan.media;
    const mediaAcl = mediaPlan === 'pay-as-you-go' ? undefined : new MediaWebAcl(this, 'MediaWaf', settings);
    const mediaCdn = new MediaDistribution(this, 'MediaCdn', {
      settings,
      bucket: media.bucket,
      webAclArn: mediaAcl?.acl.attrArn,
    });
    if (mediaAcl && mediaPlan !== 'pay-as-you-go') {
      new FlatRatePlan(this, 'MediaPlan', {
        tier: mediaPlan,
        distributionArn: mediaCdn.distribution.distributionArn,
        webAclArn: mediaAcl.acl.attrArn,
      });
    }

    const modules = Object.keys(MODULE_GRANTS) as DeployedModule[];
    const mail = new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: mailIdentities(settings.mailFrom).map((identity) =>
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      ),
    });
    const code = Code.fromAsset(props.assetDir);
    // The configuration every function that builds the app's dependencies shares (with the app secret).
    const appEnvironment = {
      AMPLY_STAGE: stage,
      AMPLY_MODULES: modules.join(','),
      AMPLY_STORAGE: 'aws',
      AMPLY_TABLE_NAME: table.tableName,
      AMPLY_BLOBS: 's3',
      AMPLY_S3_BUCKET: media.bucket.bucketName,
      AMPLY_MEDIA_BASE_URL: mediaCdn.url,
      AMPLY_DEV_OIDC: 'off',
      FRONTEND_URL: settings.frontendUrl,
    };
    const api = new AmplyFunction(this, 'Api', {
      settings,
      name: 'api',
      description: `the HTTP API (${modules.join(', ')})`,
      handler: 'index.handler',
      code,
      statements: [...grantsFor(modules, { table, media: media.bucket }), mail],
      // The webhooks secret too: an event records which endpoints it is for when it is published.
      secrets: [secrets.app, secrets.webhooks],
      removalPolicy,
      environment: {
        ...appEnvironment,
        AMPLY_MAIL_TRANSPORT: 'ses',
        AMPLY_MAIL_FROM: settings.mailFrom,
        // Artists' roles trust this account; naming it spares a GetCallerIdentity call.
        AMPLY_AWS_ACCOUNT_ID: this.account,
        ...(settings.corsOrigins ? { AMPLY_CORS_ORIGINS: settings.corsOrigins.join(',') } : {}),
        ...(settings.adminEmails.length > 0 ? { AMPLY_ADMIN_EMAILS: settings.adminEmails.join(',') } : {}),
        // CloudFront appends the viewer's address to X-Forwarded-For, API Gateway appends CloudFront's.
        AMPLY_TRUST_PROXY_HOPS: '2',
        // The WAF's rate rule is the general per-IP limit here; the table keeps only the auth-sensitive
        // counters (each table counter is a write on every request).
        AMPLY_RATE_LIMIT_DEFAULT: 'off',
      },
    });
    acknowledgeGrantWildcards(api.role, modules, { table, media: media.bucket });
    acknowledgeAppSecretName(api.role, stage);
    const httpApi = new AmplyHttpApi(this, 'Http', settings, api.function, removalPolicy);
    const webAclArn = props.webAclArn ?? new ApiWebAcl(this, 'Waf', settings).acl.attrArn;
    const apiCdn = new ApiDistribution(this, 'ApiCdn', {
      settings,
      apiEndpoint: httpApi.api.apiEndpoint,
      webAclArn,
      originSecret: secrets.originSecretValue(settings.originSecretVersion),
    });
    if (settings.pricingPlan.api !== 'pay-as-you-go') {
      new FlatRatePlan(this, 'ApiPlan', {
        tier: settings.pricingPlan.api,
        distributionArn: apiCdn.distribution.distributionArn,
        webAclArn,
      });
    }
    // The function learns its public address from the distribution made after it.
    api.function.addEnvironment('AMPLY_PUBLIC_URL', apiCdn.url);

    const alarms = new Alarms(this, 'Alarms', { settings, api: httpApi.api, handler: api.function, table });
    const events = new EventDispatch(this, 'Events', {
      settings,
      code: Code.fromAsset(props.eventsAssetDir),
      table,
      webhooks: secrets.webhooks,
      alarms,
      removalPolicy,
    });

    // Scheduled jobs: every job the stage runs on a timer is made here, one `ScheduledJob` each (a rule
    // invoking a function, its failures alarmed). A job needing the API's keys gets a function of its own
    // with only its grants (as `EventDispatch` and `ConnectionRefresh` do), an entry in src/entry/ and an
    // asset of its own.
    new ScheduledJob(this, 'EventSweep', {
      settings,
      name: 'event-sweep',
      description: 'delivers due event retries and whatever the table stream missed',
      every: Duration.minutes(1),
      target: events.dispatcher.function,
      alarms,
    });
    const { refreshConnections } = settings;
    let refresher: ConnectionRefresh | undefined;
    if (refreshConnections.everyMinutes !== undefined) {
      refresher = new ConnectionRefresh(this, 'ConnectionRefresh', {
        settings: { ...settings, refreshConnections },
        code: Code.fromAsset(props.refreshConnectionsAssetDir),
        table,
        // The app secret holds the encryption keys and the platforms' clients; the webhooks secret lets a
        // status change ride on the connection's write (with webhooks configured).
        secrets: [secrets.app, secrets.webhooks],
        environment: { ...appEnvironment, AMPLY_PUBLIC_URL: apiCdn.url },
        removalPolicy,
      });
      acknowledgeAppSecretName(refresher.refresher.role, stage);
      new ScheduledJob(this, 'RefreshConnections', {
        settings,
        name: 'refresh-connections',
        description: 'refreshes the platform connections expiring before the next run',
        every: Duration.minutes(refreshConnections.everyMinutes),
        target: refresher.refresher.function,
        // Each run takes in what expires before the next one.
        input: { within: `${refreshConnections.everyMinutes}m` },
        alarms,
      });
    }

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description, exportName: `amply-${stage}-${name}` });
    output('ApiUrl', apiCdn.url, 'The API (CloudFront, WAF): the public URL and token issuer');
    output('ApiDistributionId', apiCdn.distribution.distributionId, 'CloudFront distribution of the API');
    output('MediaUrl', mediaCdn.url, 'Public images (CloudFront)');
    output(
      'MediaDistributionId',
      mediaCdn.distribution.distributionId,
      'CloudFront distribution of the images',
    );
    output('TableName', table.tableName, 'The DynamoDB table');
    output(
      'MediaBucketName',
      media.bucket.bucketName,
      'The media bucket (uploads, images, receipts, templates)',
    );
    output('AppSecretName', secrets.app.secretName, 'The keys and the origin secret (you create it: README)');
    output(
      'WebhooksSecretArn',
      secrets.webhooks.secretArn,
      'Put AMPLY_WEBHOOKS here to deliver signed events',
    );
    output('AlarmTopicArn', alarms.topic.topicArn, 'Alarm notifications');
    output('FunctionName', api.function.functionName, 'The API function');
    output('EventsFunctionName', events.dispatcher.function.functionName, 'The event dispatcher');
    if (refresher) {
      output(
        'RefreshConnectionsFunctionName',
        refresher.refresher.function.functionName,
        'The proactive refresh of platform connections',
      );
    }
  }
}

/** The app secret is found by name (the deployer makes it): its ARN ends in six characters nobody knows yet. */
function acknowledgeAppSecretName(role: IRole, stage: string): void {
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${appSecretName(stage)}-??????]`,
    reason:
      'The deployer creates the app secret before the first deploy; Secrets Manager appends six random characters to its ARN, ' +
      'so the grant names the secret and matches only those six.',
  });
}

/** The stage's WAF in us-east-1 (CloudFront's WAF must live there) when the stage's stack lives elsewhere. */
export class AmplyEdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { settings: StageSettings }) {
    super(scope, id, props);
    this.webAclArn = new ApiWebAcl(this, 'Waf', props.settings).acl.attrArn;
  }
}
