import { Match, Template } from 'aws-cdk-lib/assertions';
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

  it('wires the table stream to the event dispatcher, with a dead-letter queue and its alarm, once a handler is named', () => {
    const { stacks, template } = synthesise({
      stages: ['dev'],
      context: { 'amply:dev': { eventDispatcherHandler: 'index.dispatch' } },
    });
    const dev = template(stacks[0] as (typeof stacks)[number]);
    const consumer = resources(dev, 'AWS::Lambda::Function').find(
      (fn) => fn.Properties.Handler === 'index.dispatch',
    );
    expect(consumer?.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    dev.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
      },
    });
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'amply-dev-EventDeadLetters' });
  });
});
