import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_PREFIX } from '../../src/adapters/blobs/blob-store.js';
import { loadConfig, MODULE_NAMES } from '../../src/config.js';
import { createTableInput } from '../../src/data/table.js';
import { STREAM_FILTER_PATTERNS } from '../../src/events/stream.js';
import { ORIGIN_VERIFY_HEADER } from '../../src/http/origin-verify.js';
import { INDEX_BLOB_KEY } from '../../src/modules/artists/artist-index.js';
import { TEMPLATE_BLOB_PREFIX } from '../../src/modules/artists/service.js';
import { rotateSigningKeys } from '../../src/security/signing-keys.js';
import { TABLE_ACTIONS } from '../lib/module-grants.js';
import { STAGES, type Stage, stageSettings } from '../lib/stages.js';
import { MANAGED_RULE_GROUPS } from '../lib/web-acl.js';
import { CDK_JSON_CONTEXT, removeSynthesised, synthesise } from './synth.js';

/** What the dev/staging/prod matrix promises for each stage. */
const MATRIX = {
  dev: { retention: 7, pitr: false, deletionProtection: false, retained: false },
  staging: { retention: 14, pitr: true, deletionProtection: false, retained: true },
  prod: { retention: 30, pitr: true, deletionProtection: true, retained: true },
} as const;

const templates = new Map<Stage, Template>();
let synthesised: ReturnType<typeof synthesise>;

// One synthesis of every stage, cdk-nag's checks included (synthesis stops on an unacknowledged finding).
beforeAll(() => {
  synthesised = synthesise();
  for (const stack of synthesised.stacks) {
    templates.set(stack.stackName.replace('Amply-', '') as Stage, synthesised.template(stack));
  }
});
afterAll(removeSynthesised);

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
const only = (template: Template, type: string): Resource => {
  const found = Object.values(template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};
const apiFunction = (template: Template) =>
  (Object.values(template.findResources('AWS::Lambda::Function')) as Resource[]).find(
    (resource) => resource.Properties.Handler === 'index.handler',
  ) as Resource;
const dispatcherFunction = (template: Template) =>
  (Object.values(template.findResources('AWS::Lambda::Function')) as Resource[]).find(
    (resource) =>
      resource.Properties.FunctionName ===
      `amply-${resource.Properties.Environment.Variables.AMPLY_STAGE}-events`,
  ) as Resource;
const refreshFunction = (template: Template) =>
  (Object.values(template.findResources('AWS::Lambda::Function')) as Resource[]).find((resource) =>
    String(resource.Properties.FunctionName).endsWith('-refresh-connections'),
  );
const rules = (template: Template) =>
  Object.values(template.findResources('AWS::Events::Rule')) as Resource[];
/** A deployed value for each variable the template only knows at deploy time (a Ref, a join, an attribute). */
const deployedValue = (name: string, value: unknown, stage: Stage) =>
  typeof value === 'string'
    ? value
    : name.endsWith('_URL')
      ? 'https://d111111abcdef8.cloudfront.net'
      : name === 'AMPLY_TABLE_NAME'
        ? `amply-${stage}`
        : `amply-${stage}-${name.toLowerCase().replaceAll('_', '-')}`;

/** The statements read exactly the stage's app secret (by name) and its webhooks secret. */
const expectAppAndWebhooksSecrets = (all: Record<string, any>[], stage: Stage) => {
  const secrets = all.filter((statement) =>
    asList(statement.Action).includes('secretsmanager:GetSecretValue'),
  );
  expect(secrets.map((statement) => JSON.stringify(statement.Resource)).sort()).toEqual(
    [
      expect.stringContaining(`:secret:amply-${stage}/app-??????`),
      expect.stringMatching(/^\{"Ref":"SecretsWebhooks/),
    ].sort(),
  );
};

/** The statements of the one policy attached to the role whose logical id starts with `rolePrefix`. */
const roleStatements = (template: Template, rolePrefix: string) => {
  const policies = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[]).filter(
    (policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)),
  );
  expect(policies).toHaveLength(1);
  return policies[0]?.Properties.PolicyDocument.Statement as Record<string, any>[];
};
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const actionsOf = (list: Record<string, any>[]) =>
  list.flatMap((statement) => asList(statement.Action as string | string[]));
/** `"/images/*"` → `images/*`: the object keys a statement names under the bucket. */
const objectKeys = (statement: Record<string, any> | undefined) =>
  asList(statement?.Resource).map((resource) => JSON.stringify(resource).match(/"\/([^"]+)"/)?.[1]);

describe.each(STAGES)('the %s stack', (stage) => {
  const expected = MATRIX[stage];
  const plans = stageSettings(stage, CDK_JSON_CONTEXT[`amply:${stage}`]).pricingPlan;
  const template = () => templates.get(stage) as Template;

  it('has no VPC and therefore no NAT gateway; every function runs outside a VPC', () => {
    template().resourceCountIs('AWS::EC2::NatGateway', 0);
    template().resourceCountIs('AWS::EC2::VPC', 0);
    for (const fn of Object.values(template().findResources('AWS::Lambda::Function')) as Resource[]) {
      expect(fn.Properties.VpcConfig).toBeUndefined();
    }
  });

  it('builds the table from src/data/table.ts: on-demand, KMS, NEW_AND_OLD_IMAGES stream, TTL', () => {
    const definition = createTableInput(`amply-${stage}`);
    const table = only(template(), 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      TableName: `amply-${stage}`,
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      KeySchema: definition.KeySchema,
    });
    expect(new Set(table.Properties.AttributeDefinitions)).toEqual(new Set(definition.AttributeDefinitions));
    expect(
      table.Properties.GlobalSecondaryIndexes.map((index: Record<string, unknown>) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      })),
    ).toEqual(definition.GlobalSecondaryIndexes);
  });

  it(`keeps point-in-time recovery ${expected.pitr ? 'on' : 'off'} and deletion protection ${expected.deletionProtection ? 'on' : 'off'}`, () => {
    const table = only(template(), 'AWS::DynamoDB::Table');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: expected.pitr,
    });
    expect(table.Properties.DeletionProtectionEnabled ?? false).toBe(expected.deletionProtection);
    expect(table.DeletionPolicy).toBe(expected.retained ? 'Retain' : 'Delete');
  });

  it('runs the API on arm64 Node.js 24 with 512 MB, 10 s, one malloc arena and the WAF as general limit', () => {
    const fn = apiFunction(template());
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
    });
    expect(fn.Properties.Environment.Variables).toMatchObject({
      AMPLY_STAGE: stage,
      AMPLY_STORAGE: 'aws',
      AMPLY_BLOBS: 's3',
      AMPLY_MAIL_TRANSPORT: 'ses',
      AMPLY_DEV_OIDC: 'off',
      AMPLY_RATE_LIMIT_DEFAULT: 'off',
      AMPLY_TRUST_PROXY_HOPS: '2',
      MALLOC_ARENA_MAX: '1',
    });
    expect(JSON.stringify(fn.Properties.Environment.Variables)).not.toMatch(
      /AMPLY_(SIGNING|ENCRYPTION)_KEYS|HMAC/,
    );
  });

  it(`keeps every log group ${expected.retention} days`, () => {
    const groups = Object.values(template().findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(expected.retention);
  });

  it('grants the API function least privilege: the table’s single-item operations, each module’s blobs once, artists’ roles, its secrets, its sender', () => {
    const role = Object.entries(template().findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith('ApiRole'),
    )?.[1] as Resource;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const all = roleStatements(template(), 'ApiRole');
    const actions = actionsOf(all);
    for (const action of actions) expect(action).not.toContain('*');
    expect(actions).not.toEqual(expect.arrayContaining(['dynamodb:Scan']));
    expect(actions.filter((action) => /Batch|Transact|PartiQL/.test(action))).toEqual([]);
    for (const statement of all) {
      expect(statement.Effect).toBe('Allow');
      expect(asList(statement.Resource)).not.toContain('*');
    }
    const dynamo = all.filter((statement) => asList(statement.Action)[0].startsWith('dynamodb:'));
    expect(dynamo).toHaveLength(1);
    expect(asList(dynamo[0]?.Action).sort()).toEqual([...TABLE_ACTIONS].sort());
    expect(JSON.stringify(dynamo[0]?.Resource)).toMatch(/"\/index\/\*"/);

    // The collection's and casting's shared prefixes, granted once; the artists' index and templates kept.
    const objects = all.filter((statement) => asList(statement.Action).includes('s3:GetObject'));
    expect(objects).toHaveLength(2);
    const deleting = objects.find((statement) => asList(statement.Action).includes('s3:DeleteObject'));
    expect(objectKeys(deleting).sort()).toEqual(
      Object.values(BLOB_PREFIX)
        .map((prefix) => `${prefix}*`)
        .sort(),
    );
    const kept = objects.find((statement) => !asList(statement.Action).includes('s3:DeleteObject'));
    expect(asList(kept?.Action).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(objectKeys(kept).sort()).toEqual([INDEX_BLOB_KEY, `${TEMPLATE_BLOB_PREFIX}*`].sort());
    // Listing the bucket (no prefix condition): S3 answers a missing key 404, not 403, only to a lister.
    const listing = all.filter((statement) => asList(statement.Action).includes('s3:ListBucket'));
    expect(listing).toHaveLength(1);
    expect(listing[0]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^MediaBucket/), 'Arn'] });

    const assume = all.filter((statement) => asList(statement.Action).includes('sts:AssumeRole'));
    expect(assume).toHaveLength(1);
    expect(JSON.stringify(assume[0]?.Resource)).toContain(':iam::*:role/AmplyAccessRole-*');

    expectAppAndWebhooksSecrets(all, stage);
    const mail = all.find((statement) => asList(statement.Action).includes('ses:SendEmail'));
    expect(JSON.stringify(mail?.Resource)).toContain(':identity/example.com');
  });

  it('deploys every module, names Amply’s own account for artists’ roles, and reads the app and webhooks secrets', () => {
    const variables = apiFunction(template()).Properties.Environment.Variables;
    expect(variables.AMPLY_MODULES.split(',').sort()).toEqual([...MODULE_NAMES].sort());
    expect(variables.AMPLY_AWS_ACCOUNT_ID).toEqual({ Ref: 'AWS::AccountId' });
    expect(variables.AMPLY_SECRET_ARNS).toEqual({
      'Fn::Join': ['', [`amply-${stage}/app,`, { Ref: expect.stringMatching(/^SecretsWebhooks/) }]],
    });
  });

  it('runs event delivery as a function of its own: arm64 Node.js 24, two minutes, its own small asset and environment', () => {
    const dispatcher = dispatcherFunction(template());
    expect(dispatcher.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
    });
    expect(dispatcher.Properties.Timeout).toBeGreaterThanOrEqual(120);
    expect(dispatcher.Properties.Environment.Variables).toEqual({
      AMPLY_STAGE: stage,
      AMPLY_TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
      AMPLY_SECRET_ARNS: { Ref: expect.stringMatching(/^SecretsWebhooks/) },
      MALLOC_ARENA_MAX: '1',
    });
    expect(dispatcher.Properties.Code).not.toEqual(apiFunction(template()).Properties.Code);
  });

  it('grants the dispatcher only the outbox’s items, the staged events on others’ items, the stream and the webhooks secret', () => {
    const all = roleStatements(template(), 'EventsDispatcherRole');
    const actions = actionsOf(all);
    expect(actions.filter((action) => /^(s3|ses|sts|kms):/.test(action))).toEqual([]);
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions.filter((action) => /Scan|Batch|Transact|PartiQL/.test(action))).toEqual([]);
    const secrets = all.filter((statement) =>
      asList(statement.Action).includes('secretsmanager:GetSecretValue'),
    );
    expect(secrets.map((statement) => statement.Resource)).toEqual([
      { Ref: expect.stringMatching(/^SecretsWebhooks/) },
    ]);

    const table = all.filter((statement) =>
      asList(statement.Action).some((action: string) =>
        /^dynamodb:(GetItem|PutItem|UpdateItem|Query)$/.test(action),
      ),
    );
    // Every table statement is narrowed: by the outbox's partition keys, or to the staged-event attributes.
    for (const statement of table) {
      const leading = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      const attributes = statement.Condition?.['ForAllValues:StringEquals']?.['dynamodb:Attributes'];
      expect(leading ?? attributes, JSON.stringify(statement)).toBeDefined();
    }
    const outbox = table.find(
      (statement) =>
        statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']?.[0] === 'EVENTS#*',
    );
    expect(asList(outbox?.Action).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const carriers = table.find(
      (statement) => asList(statement.Action).includes('dynamodb:UpdateItem') && statement !== outbox,
    );
    expect(carriers?.Condition['ForAllValues:StringEquals']['dynamodb:Attributes'].sort()).toEqual([
      'gsi4pk',
      'gsi4sk',
      'pk',
      'sk',
      'stagedEvents',
    ]);
    const pending = table.find((statement) => JSON.stringify(statement.Resource).includes('/index/gsi4'));
    expect(pending?.Action).toBe('dynamodb:Query');
    expect(pending?.Condition['ForAllValues:StringEquals']['dynamodb:Attributes']).not.toContain(
      'passwordHash',
    );

    const stream = all.find((statement) => asList(statement.Action).includes('dynamodb:GetRecords'));
    expect(stream?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] });
  });

  it('feeds the dispatcher from the table stream (filtered, bisected, a dead-letter queue) and sweeps every minute, both alarmed', () => {
    const mapping = only(template(), 'AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 86400,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] } },
      },
    });
    expect(
      mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) =>
        JSON.parse(filter.Pattern),
      ),
    ).toEqual(STREAM_FILTER_PATTERNS);
    expect(mapping.Properties.FunctionName).toEqual({
      Ref: expect.stringMatching(/^EventsDispatcherFunction/),
    });
    const rule = rules(template()).find((found) => found.Properties.Name === `amply-${stage}-event-sweep`);
    expect(rule?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
    });
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/^EventsDispatcherFunction/), 'Arn'] },
      }),
    ]);
    template().hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsDispatcherFunction'), 'Arn'] },
    });
  });

  if (stage === 'dev') {
    it('runs no proactive refresh of platform connections (the matrix has it off in dev)', () => {
      expect(refreshFunction(template())).toBeUndefined();
      expect(rules(template()).map((rule) => rule.Properties.Name)).toEqual([`amply-${stage}-event-sweep`]);
    });
  } else {
    it('runs the proactive refresh daily as a function of its own: arm64 Node.js 24, five minutes, its own asset, no retries', () => {
      const fn = refreshFunction(template()) as Resource;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: 300,
      });
      expect(fn.Properties.Code).not.toEqual(apiFunction(template()).Properties.Code);
      expect(fn.Properties.Code).not.toEqual(dispatcherFunction(template()).Properties.Code);
      const invokeConfig = only(template(), 'AWS::Lambda::EventInvokeConfig');
      expect(invokeConfig.Properties).toMatchObject({ MaximumRetryAttempts: 0, Qualifier: '$LATEST' });
      expect(JSON.stringify(invokeConfig.Properties.FunctionName)).toMatch(
        /ConnectionRefreshRefresherFunction/,
      );

      const rule = rules(template()).find(
        (found) => found.Properties.Name === `amply-${stage}-refresh-connections`,
      ) as Resource;
      expect(rule.Properties.ScheduleExpression).toBe('rate(1 day)');
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ConnectionRefreshRefresherFunction/), 'Arn'] },
          Input: JSON.stringify({ within: '1440m' }),
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ]);
      const alarm = (Object.values(template().findResources('AWS::CloudWatch::Alarm')) as Resource[]).find(
        (found) => found.Properties.AlarmName === `amply-${stage}-RefreshConnectionsErrors`,
      );
      expect(alarm?.Properties).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Threshold: 0,
      });
      expect(JSON.stringify(alarm?.Properties.Dimensions)).toMatch(/ConnectionRefreshRefresherFunction/);
    });

    it('grants the proactive refresh only users’ and the outbox’s items (no delete), the expiry index and the app and webhooks secrets', () => {
      const all = roleStatements(template(), 'ConnectionRefreshRefresherRole');
      const actions = actionsOf(all);
      expect(actions.filter((action) => /^(s3|ses|sts|kms):/.test(action))).toEqual([]);
      expect(actions.filter((action) => /Delete|Scan|Batch|Transact|PartiQL/.test(action))).toEqual([]);
      const table = all.filter((statement) => asList(statement.Action)[0].startsWith('dynamodb:'));
      expect(
        table.map((statement) => ({
          actions: asList(statement.Action).sort(),
          resource: JSON.stringify(statement.Resource),
          leading: statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'],
        })),
      ).toEqual([
        {
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          resource: expect.not.stringContaining('/index/'),
          leading: ['USER#*', 'EVENTS#*'],
        },
        {
          actions: ['dynamodb:Query'],
          resource: expect.stringContaining('/index/gsi2'),
          leading: ['CONNEXP#*'],
        },
      ]);
      expectAppAndWebhooksSecrets(all, stage);
      const logs = all.filter((statement) =>
        asList(statement.Action).some((a: string) => a.startsWith('logs:')),
      );
      expect(JSON.stringify(logs.map((statement) => statement.Resource))).toMatch(
        /ConnectionRefreshRefresherLogs/,
      );
    });

    it('gives the proactive refresh the configuration the API’s dependencies need: with the app secret’s keys it loads', async () => {
      const variables = refreshFunction(template())?.Properties.Environment.Variables as Record<
        string,
        unknown
      >;
      const api = apiFunction(template()).Properties.Environment.Variables as Record<string, unknown>;
      for (const name of [
        'AMPLY_STAGE',
        'AMPLY_MODULES',
        'AMPLY_STORAGE',
        'AMPLY_TABLE_NAME',
        'AMPLY_S3_BUCKET',
      ]) {
        expect(variables[name], name).toEqual(api[name]);
      }
      expect(variables.AMPLY_SECRET_ARNS).toEqual(api.AMPLY_SECRET_ARNS);
      // What `amply new-secrets --origin` puts into the app secret (the webhooks secret starts empty).
      const appSecret = {
        AMPLY_SIGNING_KEYS: await rotateSigningKeys(undefined),
        AMPLY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        AMPLY_HMAC_SECRET: randomBytes(48).toString('base64url'),
        AMPLY_ORIGIN_SECRET: randomBytes(36).toString('base64url'),
      };
      const env = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, deployedValue(name, value, stage)]),
      );
      const config = loadConfig({ ...env, ...appSecret });
      expect(config).toMatchObject({ stage, storage: { mode: 'aws' } });
    });
  }

  it('puts the WAF in front of the API: 100 requests per 5 minutes per IP (429 in the envelope) and the managed groups', () => {
    const acls = Object.values(template().findResources('AWS::WAFv2::WebACL')) as Resource[];
    const acl = acls.find((found) => found.Properties.Name === `amply-${stage}-api`) as Resource;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl.Properties.Rules as Record<string, any>[];
    const rate = rules.find((rule) => rule.Statement.RateBasedStatement);
    expect(rate?.Statement.RateBasedStatement).toEqual({
      Limit: 100,
      EvaluationWindowSec: 300,
      AggregateKeyType: 'IP',
    });
    expect(rate?.Action.Block.CustomResponse).toMatchObject({
      ResponseCode: 429,
      ResponseHeaders: [{ Name: 'Retry-After', Value: '300' }],
    });
    expect(
      JSON.parse(
        acl.Properties.CustomResponseBodies[rate?.Action.Block.CustomResponse.CustomResponseBodyKey].Content,
      ),
    ).toMatchObject({
      success: false,
      error: { code: 'RATE_LIMITED', statusCode: 429 },
    });
    const managed = rules.map((rule) => rule.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    expect(managed).toEqual([...MANAGED_RULE_GROUPS]);

    const distributions = Object.values(
      template().findResources('AWS::CloudFront::Distribution'),
    ) as Resource[];
    const api = distributions.find((d) => d.Properties.DistributionConfig.Comment.endsWith('API'));
    const media = distributions.find((d) => d.Properties.DistributionConfig.Comment.endsWith('media'));
    expect(api?.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Waf/), 'Arn'],
    });
    // The media CDN has no WAF, unless a flat-rate plan (which covers one distribution and one ACL) includes one.
    if (plans.media === 'pay-as-you-go')
      expect(media?.Properties.DistributionConfig.WebACLId).toBeUndefined();
    else
      expect(media?.Properties.DistributionConfig.WebACLId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^MediaWaf/), 'Arn'],
      });
  });

  it(`bills the API distribution ${plans.api} and the media CDN ${plans.media}, as cdk.json says`, () => {
    const subscriptions = Object.values(
      template().findResources('AWS::PricingPlanManager::Subscription'),
    ) as Resource[];
    const tiers = [plans.api, plans.media]
      .filter((plan) => plan !== 'pay-as-you-go')
      .map((plan) => plan.toUpperCase());
    expect(subscriptions.map((subscription) => subscription.Properties.PlanTier).sort()).toEqual(
      tiers.sort(),
    );
  });

  it('sends the origin secret from the app secret to API Gateway over HTTPS, caching nothing', () => {
    const api = (Object.values(template().findResources('AWS::CloudFront::Distribution')) as Resource[]).find(
      (d) => d.Properties.DistributionConfig.Comment.endsWith('API'),
    ) as Resource;
    const config = api.Properties.DistributionConfig;
    const origin = config.Origins[0];
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const header = origin.OriginCustomHeaders.find(
      (h: Record<string, unknown>) => h.HeaderName === ORIGIN_VERIFY_HEADER,
    );
    expect(JSON.stringify(header.HeaderValue)).toMatch(
      new RegExp(`\\{\\{resolve:secretsmanager:amply-${stage}/app:SecretString:AMPLY_ORIGIN_SECRET::\\}\\}`),
    );
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
  });

  it('keeps the media bucket private and TLS-only; CloudFront reads images/ alone; uploads expire, receipts archive', () => {
    const bucket = only(template(), 'AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({
          Prefix: 'images/',
          Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }],
        }),
        expect.objectContaining({
          Prefix: 'receipts/',
          Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 365 }],
        }),
      ]),
    );
    const policy = only(template(), 'AWS::S3::BucketPolicy').Properties.PolicyDocument.Statement as Record<
      string,
      any
    >[];
    expect(policy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
    const cloudFront = policy.filter(
      (statement) => statement.Principal?.Service === 'cloudfront.amazonaws.com',
    );
    expect(cloudFront).toHaveLength(1);
    expect(cloudFront[0]?.Action).toBe('s3:GetObject');
    expect(JSON.stringify(cloudFront[0]?.Resource)).toMatch(/"\/images\/\*"/);
    template().resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('alarms on 5xx rate, p99 latency, function errors and throttles, table throttles and event delivery, to one topic', () => {
    const alarms = Object.values(template().findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(alarms.map((alarm) => alarm.Properties.AlarmName).sort()).toEqual(
      [
        'EventDeadLetters',
        'EventSweepErrors',
        'FunctionErrors',
        'FunctionThrottles',
        'LatencyP99',
        ...(stage === 'dev' ? [] : ['RefreshConnectionsErrors']),
        'ServerErrorRate',
        'TableThrottles',
      ].map((name) => `amply-${stage}-${name}`),
    );
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
    }
  });

  it('exports the API URL, table, bucket and distributions', () => {
    const outputs = template().findOutputs('*');
    for (const name of [
      'ApiUrl',
      'TableName',
      'MediaBucketName',
      'MediaUrl',
      'ApiDistributionId',
      'MediaDistributionId',
      'AppSecretName',
      'WebhooksSecretArn',
      'EventsFunctionName',
      ...(stage === 'dev' ? [] : ['RefreshConnectionsFunctionName']),
    ]) {
      expect(outputs[name]?.Export).toEqual({ Name: `amply-${stage}-${name}` });
    }
    template().hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('cdk-nag (AWS Solutions rules)', () => {
  it('passes on every stage, each finding fixed or acknowledged in the code with its reason', () => {
    expect(synthesised.stacks.map((stack) => stack.stackName)).toEqual([
      'Amply-dev',
      'Amply-staging',
      'Amply-prod',
    ]);
    const acknowledged = synthesised.stacks.flatMap((stack) =>
      stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(30);
  });
});

/** cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational. */
const CFN_LINT_ERRORS = 2;

describe('cfn-lint on the synthesised templates', () => {
  it('finds no error in any stage’s template (where this machine has cfn-lint)', async () => {
    const templates = readdirSync(synthesised.outdir)
      .filter((file) => file.endsWith('.template.json'))
      .map((file) => join(synthesised.outdir, file));
    expect(templates).toHaveLength(3);
    let code = 0;
    let output = '';
    try {
      ({ stdout: output } = await promisify(execFile)('cfn-lint', ['--format', 'parseable', ...templates], {
        maxBuffer: 16 * 1024 * 1024,
      }));
    } catch (error) {
      const failure = error as { code?: number | string; stdout?: string };
      if (failure.code === 'ENOENT') {
        // cfn-lint is Python and not on the npm registry; machines without it skip only this check.
        console.warn('cfn-lint is not installed here: the templates were not linted');
        return;
      }
      code = Number(failure.code);
      output = failure.stdout ?? '';
    }
    expect(output.split('\n').filter((line) => /:E\d{4}:/.test(line))).toEqual([]);
    expect(code & CFN_LINT_ERRORS).toBe(0);
  });
});
