import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { artistStackTemplate, CALLBACK_FUNCTION_ID, renderTemplate } from './cloudformation-template.js';

const ACCOUNT = '999999999999';
const template = artistStackTemplate(ACCOUNT);
type Json = any;
const resources = template.Resources as Record<string, Json>;

/** Every `Resource` of an IAM policy document, flattened. */
const resourcesOf = (document: Json): Json[] =>
  document.Statement.flatMap((statement: Json) =>
    Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource],
  );

describe('the artist stack template', () => {
  it('takes ArtistName, AmplyApiKey (NoEcho), AmplyCallbackUrl (https) and AmplyExternalId', () => {
    const parameters = template.Parameters as Record<string, Json>;
    expect(Object.keys(parameters).sort()).toEqual([
      'AmplyApiKey',
      'AmplyCallbackUrl',
      'AmplyExternalId',
      'ArtistName',
    ]);
    expect(parameters.AmplyApiKey.NoEcho).toBe(true);
    const pattern = (name: string) => new RegExp(parameters[name].AllowedPattern);
    expect(pattern('AmplyCallbackUrl').test('https://api.amply.example/complete-artist-setup')).toBe(true);
    expect(pattern('AmplyCallbackUrl').test('http://api.amply.example/complete-artist-setup')).toBe(false);
    expect(pattern('AmplyApiKey').test(`amply_sky_1764331200000_${'a'.repeat(32)}`)).toBe(true);
    expect(pattern('ArtistName').test('sky--wave')).toBe(false);
  });

  it('makes a private, encrypted, versioned bucket that only CloudFront (through origin access control) reads', () => {
    const bucket = resources.ArtistBucket;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const origin = resources.Distribution.Properties.DistributionConfig.Origins[0];
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['OriginAccessControl', 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(resources.OriginAccessControl.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
    const [deny, allow] = resources.ArtistBucketPolicy.Properties.PolicyDocument.Statement;
    expect(deny).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(allow).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
    });
    expect(allow.Condition.StringEquals['AWS:SourceArn']['Fn::Sub']).toContain(
      'distribution/${Distribution}',
    );
  });

  it("names the role AmplyAccessRole-<artist>, trusts Amply's account only with the ExternalId, and allows only the bucket and this stack", () => {
    const role = resources.AmplyAccessRole.Properties;
    expect(role.RoleName).toEqual({ 'Fn::Sub': 'AmplyAccessRole-${ArtistName}' });
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::${ACCOUNT}:root` } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AmplyExternalId' } } },
      },
    ]);
    const [policy] = role.Policies;
    const actions = policy.PolicyDocument.Statement.flatMap((s: Json) => [s.Action].flat());
    expect(actions.sort()).toEqual([
      'cloudformation:DescribeStacks',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
    expect(resourcesOf(policy.PolicyDocument)).toEqual([
      { 'Fn::Sub': '${ArtistBucket.Arn}/*' },
      { 'Fn::GetAtt': ['ArtistBucket', 'Arn'] },
      { Ref: 'AWS::StackId' },
    ]);
  });

  it('has a custom resource that gives the function the token, the callback URL and the outputs, and a bounded wait', () => {
    const callback = resources.AmplyCallback;
    expect(callback.Type).toBe('Custom::AmplyCallback');
    expect(callback.Properties).toMatchObject({
      ServiceToken: { 'Fn::GetAtt': [CALLBACK_FUNCTION_ID, 'Arn'] },
      ServiceTimeout: 300,
      CallbackUrl: { Ref: 'AmplyCallbackUrl' },
      ApiKey: { Ref: 'AmplyApiKey' },
      ArtistName: { Ref: 'ArtistName' },
    });
    expect(Object.keys(callback.Properties.Outputs).sort()).toEqual([
      'BucketName',
      'CloudFrontDomain',
      'DistributionId',
      'RoleArn',
    ]);
    const fn = resources[CALLBACK_FUNCTION_ID].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 120 });
    expect(callback.Properties.ServiceTimeout).toBeGreaterThan(fn.Timeout);
    // The function's own logging never mentions the event it was given.
    expect(fn.Code.ZipFile).not.toMatch(/console\.\w+\([^)]*event\b(?!\.RequestType)/);
    expect(() => new Script(fn.Code.ZipFile, { filename: 'index.js' })).not.toThrow();
  });

  it('renders as YAML and JSON that read back to the same template', () => {
    expect(parse(renderTemplate(template, 'yaml'))).toEqual(template);
    expect(JSON.parse(renderTemplate(template, 'json'))).toEqual(template);
    // YAML 1.1 readers (CloudFormation's among them) would take an unquoted 2010-09-09 for a date.
    expect(renderTemplate(template, 'yaml')).toContain('AWSTemplateFormatVersion: "2010-09-09"');
  });

  it('passes cfn-lint with no error or warning, where cfn-lint is installed', {
    timeout: 90_000,
  }, async () => {
    const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (version.error) {
      console.warn(
        'cfn-lint is not installed on this machine: the template was NOT linted (the structure tests above still ran)',
      );
      expect((version.error as NodeJS.ErrnoException).code).toBe('ENOENT');
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'amply-cfn-'));
    try {
      const files = [];
      for (const format of ['yaml', 'json'] as const) {
        const file = join(dir, `artist-stack.${format}`);
        await writeFile(file, renderTemplate(template, format));
        files.push(file);
      }
      // One run for both renderings: cfn-lint takes seconds to start.
      const lint = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
      expect(lint.stderr).toBe('');
      expect(JSON.parse(lint.stdout || '[]')).toEqual([]);
      expect(lint.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
