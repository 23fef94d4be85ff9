import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { stageSettings } from '../lib/stages.js';
import { removeSynthesised, synthesise } from './synth.js';

afterAll(removeSynthesised);

type Resource = { Properties: Record<string, any> };
const resources = (template: Template, type: string) =>
  Object.values(template.findResources(type)) as Resource[];

describe('stage settings from the CDK context', () => {
  it('names every invalid setting of a stage’s context', () => {
    expect(() =>
      stageSettings('prod', {
        region: 'mars-1',
        frontendUrl: 'ftp://example.com',
        domainName: 'api.example.com',
        colour: 'blue',
      }),
    ).toThrow(/amply:prod\.region.*[\s\S]*amply:prod\.frontendUrl[\s\S]*(colour|Unrecognized)/);
    expect(() => stageSettings('prod', { domainName: 'api.example.com' })).toThrow(
      /domainName and certificateArn/,
    );
  });

  it('passes the deployer’s frontend, origins, sender and admins to the function, and the origins to the bucket', () => {
    const { stacks, template } = synthesise({
      stages: ['staging'],
      context: {
        'amply:staging': {
          frontendUrl: 'https://staging.music.example',
          corsOrigins: ['https://staging.music.example', 'https://preview.music.example'],
          mailFrom: 'Music <hello@music.example>',
          adminEmails: ['boss@music.example'],
          alarmEmail: 'ops@music.example',
        },
      },
    });
    const staging = template(stacks[0] as (typeof stacks)[number]);
    const fn = resources(staging, 'AWS::Lambda::Function')[0] as Resource;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      FRONTEND_URL: 'https://staging.music.example',
      AMPLY_CORS_ORIGINS: 'https://staging.music.example,https://preview.music.example',
      AMPLY_MAIL_FROM: 'Music <hello@music.example>',
      AMPLY_ADMIN_EMAILS: 'boss@music.example',
    });
    const bucket = resources(staging, 'AWS::S3::Bucket')[0] as Resource;
    expect(bucket.Properties.CorsConfiguration.CorsRules[0]).toMatchObject({
      AllowedMethods: ['PUT'],
      AllowedOrigins: ['https://staging.music.example', 'https://preview.music.example'],
    });
    staging.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@music.example',
    });
    expect(JSON.stringify(staging.toJSON())).toContain(':identity/music.example');
  });

  it('serves a custom domain with its certificate and TLS 1.2, and makes it the public URL', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const { stacks, template } = synthesise({
      stages: ['prod'],
      context: { 'amply:prod': { domainName: 'api.music.example', certificateArn } },
    });
    const prod = template(stacks[0] as (typeof stacks)[number]);
    const api = resources(prod, 'AWS::CloudFront::Distribution').find((d) =>
      d.Properties.DistributionConfig.Comment.endsWith('API'),
    ) as Resource;
    expect(api.Properties.DistributionConfig).toMatchObject({
      Aliases: ['api.music.example'],
      ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021' },
    });
    const fn = resources(prod, 'AWS::Lambda::Function')[0] as Resource;
    expect(fn.Properties.Environment.Variables.AMPLY_PUBLIC_URL).toBe('https://api.music.example');
  });

  it('pins the origin secret’s version CloudFront sends when the stage names one (rotation)', () => {
    const versionId = '6c2f0a8e-4d1b-4f3a-9b7e-1a2b3c4d5e6f';
    const { stacks, template } = synthesise({
      stages: ['dev'],
      context: { 'amply:dev': { originSecretVersion: versionId } },
    });
    const dev = template(stacks[0] as (typeof stacks)[number]);
    const api = resources(dev, 'AWS::CloudFront::Distribution').find((d) =>
      d.Properties.DistributionConfig.Comment.endsWith('API'),
    ) as Resource;
    const header = JSON.stringify(api.Properties.DistributionConfig.Origins[0].OriginCustomHeaders);
    expect(header).toContain(`:SecretString:AMPLY_ORIGIN_SECRET::${versionId}}}`);
  });

  it('puts the WAF in a us-east-1 edge stack when the stage lives in another region', () => {
    const { stacks, assembly } = synthesise({
      stages: ['prod'],
      context: { 'amply:prod': { region: 'eu-west-1', account: '123456789012' } },
    });
    const prod = stacks[0] as (typeof stacks)[number];
    expect(prod.region).toBe('eu-west-1');
    const edge = assembly.getStackByName('Amply-prod-edge');
    expect(edge.environment.region).toBe('us-east-1');
    const edgeTemplate = Template.fromJSON(edge.template);
    edgeTemplate.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const main = Template.fromJSON(assembly.getStackByName('Amply-prod').template);
    main.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const api = resources(main, 'AWS::CloudFront::Distribution').find((d) =>
      d.Properties.DistributionConfig.Comment.endsWith('API'),
    ) as Resource;
    expect(api.Properties.DistributionConfig.WebACLId).toBeDefined();
  });

  it('puts each distribution on the flat-rate plan the stage names, with a web ACL of its own for the media CDN', () => {
    const { stacks, template } = synthesise({
      stages: ['prod'],
      context: { 'amply:prod': { pricingPlan: { api: 'free', media: 'pro' } } },
    });
    const prod = template(stacks[0] as (typeof stacks)[number]);
    const subscriptions = resources(prod, 'AWS::PricingPlanManager::Subscription');
    expect(subscriptions.map((subscription) => subscription.Properties.PlanTier).sort()).toEqual([
      'FREE',
      'PRO',
    ]);
    const distributions = Object.entries(prod.findResources('AWS::CloudFront::Distribution')) as [
      string,
      Resource,
    ][];
    const acls = Object.keys(prod.findResources('AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(2);
    for (const subscription of subscriptions) {
      expect(subscription.Properties.PlanFamily).toBe('CloudFront');
      const [distribution, acl] = subscription.Properties.ResourceArns as Record<string, any>[];
      const [distributionId] = distributions.find(([id]) => JSON.stringify(distribution).includes(id)) ?? [];
      expect(distributionId, JSON.stringify(distribution)).toBeDefined();
      const aclId = acls.find((id) => JSON.stringify(acl).includes(id));
      // The plan's web ACL is the one its distribution uses.
      const used = (prod.findResources('AWS::CloudFront::Distribution')[distributionId as string] as Resource)
        .Properties.DistributionConfig.WebACLId;
      expect(used).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    }
    const mediaAcl = resources(prod, 'AWS::WAFv2::WebACL').find(
      (acl) => acl.Properties.Name === 'amply-prod-media',
    );
    expect(mediaAcl?.Properties.Rules).toEqual([]);
  });

  it('keeps pay-as-you-go without a subscription or a media web ACL, and refuses a plan outside us-east-1', () => {
    const { stacks, template } = synthesise({ stages: ['staging'], context: { 'amply:staging': {} } });
    const staging = template(stacks[0] as (typeof stacks)[number]);
    staging.resourceCountIs('AWS::PricingPlanManager::Subscription', 0);
    expect(resources(staging, 'AWS::WAFv2::WebACL').map((acl) => acl.Properties.Name)).toEqual([
      'amply-staging-api',
    ]);
    expect(() => stageSettings('prod', { region: 'eu-west-1', pricingPlan: { api: 'free' } })).toThrow(
      /amply:prod\.pricingPlan: flat-rate plans are subscribed from us-east-1/,
    );
    expect(() => stageSettings('prod', { pricingPlan: { api: 'gold' } })).toThrow(
      /amply:prod\.pricingPlan\.api/,
    );
  });

  it('runs the proactive refresh as often as the stage names (each run taking in what expires before the next), or not at all', () => {
    const { stacks, template } = synthesise({
      stages: ['dev'],
      context: { 'amply:dev': { refreshConnectionsEvery: '12h' } },
    });
    const dev = template(stacks[0] as (typeof stacks)[number]);
    const rule = resources(dev, 'AWS::Events::Rule').find(
      (found) => found.Properties.Name === 'amply-dev-refresh-connections',
    );
    expect(rule?.Properties.ScheduleExpression).toBe('rate(12 hours)');
    expect(JSON.parse(rule?.Properties.Targets[0].Input)).toEqual({ within: '720m' });

    expect(stageSettings('prod').refreshConnections).toEqual({
      everyMinutes: 1440,
      memoryMb: 256,
      timeoutSeconds: 300,
    });
    expect(stageSettings('prod', { refreshConnectionsEvery: 'off' }).refreshConnections).toEqual({
      everyMinutes: undefined,
    });
    for (const every of ['90s', '2w', '8d', 'daily']) {
      expect(() => stageSettings('prod', { refreshConnectionsEvery: every }), every).toThrow(
        /amply:prod\.refreshConnectionsEvery: off, or whole minutes to a week/,
      );
    }
  });
});
