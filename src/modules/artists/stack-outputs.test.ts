import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.js';
import { normaliseOutputs, parseStackArn } from './stack-outputs.js';

const STACK = 'arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-sky/0b1c2d3e';
const aws = (outputs: Record<string, string>, stackId = STACK) =>
  normaliseOutputs({ provider: 'aws', artistId: 'sky', stackId, outputs });
const valid = {
  BucketName: 'amply-sky-111122223333',
  CloudFrontDomain: 'D1234.CloudFront.net',
  RoleArn: 'arn:aws:iam::111122223333:role/AmplyAccessRole-sky',
};

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return (error.details ?? []).map((d) => `${d.field}: ${d.message}`);
    throw error;
  }
  return [];
}

describe('stack outputs', () => {
  it('normalises AWS outputs into the config fields and keeps the raw ones', () => {
    expect(aws(valid)).toEqual({
      bucketName: 'amply-sky-111122223333',
      cloudfrontDomain: 'd1234.cloudfront.net',
      cdnDomain: 'd1234.cloudfront.net',
      roleArn: 'arn:aws:iam::111122223333:role/AmplyAccessRole-sky',
      stackId: STACK,
      outputs: valid,
    });
  });

  it('reads the keys in any spelling stacks use', () => {
    const spelled = {
      bucket_name: valid.BucketName,
      cloudfrontDomainName: 'd1.cloudfront.net',
      'role-arn': valid.RoleArn,
    };
    expect(aws(spelled)).toMatchObject({
      bucketName: valid.BucketName,
      cloudfrontDomain: 'd1.cloudfront.net',
    });
    expect(problems(() => aws({ ...valid, bucket_name: 'another-bucket' }))).toEqual([
      'outputs.bucket_name: Names the same thing as BucketName with another value',
    ]);
  });

  it('holds S3 bucket names to AWS’s rules', () => {
    for (const bucket of [
      'ab',
      'Amply',
      'amply..sky',
      'amply.-sky',
      '10.0.0.1',
      'xn--amply',
      'amply-s3alias',
      `a${'b'.repeat(63)}`,
      '-amply',
    ]) {
      expect(
        problems(() => aws({ ...valid, BucketName: bucket })),
        bucket,
      ).toHaveLength(1);
    }
  });

  it('wants the role AmplyAccessRole-<artistId> in the stack’s own account and partition', () => {
    expect(
      problems(() => aws({ ...valid, RoleArn: 'arn:aws:iam::444455556666:role/AmplyAccessRole-sky' })),
    ).toEqual(["outputs.RoleArn: The role must be in the stack's account (111122223333)"]);
    expect(
      problems(() => aws({ ...valid, RoleArn: 'arn:aws-cn:iam::111122223333:role/AmplyAccessRole-sky' })),
    ).toHaveLength(1);
    expect(
      problems(() => aws({ ...valid, RoleArn: 'arn:aws:iam::111122223333:role/AmplyAccessRole-other' })),
    ).toEqual(["outputs.RoleArn: The role must be the stack's AmplyAccessRole-sky"]);
    expect(
      aws({ ...valid, RoleArn: 'arn:aws:iam::111122223333:role/artists/AmplyAccessRole-sky' }).roleArn,
    ).toBe('arn:aws:iam::111122223333:role/artists/AmplyAccessRole-sky');
  });

  it('reads an account id that lost its leading zeros as the 12-digit id', () => {
    const stackId = 'arn:aws:cloudformation:eu-north-1:123456:stack/...';
    expect(parseStackArn(stackId)).toEqual({
      partition: 'aws',
      region: 'eu-north-1',
      accountId: '000000123456',
      stackName: '...',
    });
    expect(
      aws({ ...valid, RoleArn: 'arn:aws:iam::000000123456:role/AmplyAccessRole-sky' }, stackId).roleArn,
    ).toBe('arn:aws:iam::000000123456:role/AmplyAccessRole-sky');
  });

  it('lists every problem at once', () => {
    expect(
      problems(() => normaliseOutputs({ provider: 'aws', artistId: 'sky', stackId: 'nope', outputs: {} })),
    ).toEqual([
      'outputs.BucketName: Required',
      'outputs.CloudFrontDomain: Required',
      'outputs.RoleArn: Required',
      'stack_id: Expected a CloudFormation stack ARN (arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>)',
    ]);
  });

  it('checks GCP outputs: bucket rules, project id, and a service account of that project', () => {
    const gcp = (outputs: Record<string, string>) =>
      normaliseOutputs({ provider: 'gcp', artistId: 'sky', stackId: 'deployments/amply', outputs });
    const good = {
      BucketName: 'amply_sky',
      ServiceAccountEmail: 'amply-access@sky-project-1.iam.gserviceaccount.com',
      ProjectId: 'sky-project-1',
    };
    expect(gcp(good)).toMatchObject({ bucketName: 'amply_sky', projectId: 'sky-project-1' });
    expect(
      problems(() =>
        gcp({ ...good, ServiceAccountEmail: 'amply-access@other-project.iam.gserviceaccount.com' }),
      ),
    ).toEqual(['outputs.ServiceAccountEmail: The service account must belong to the project sky-project-1']);
    expect(problems(() => gcp({ ...good, BucketName: 'google-sky' }))).toHaveLength(1);
    expect(problems(() => gcp({ ...good, ProjectId: 'Sky' }))).toHaveLength(2);
  });

  it('checks Azure outputs: storage account and container names, CDN host name', () => {
    const azure = (outputs: Record<string, string>) =>
      normaliseOutputs({ provider: 'azure', artistId: 'sky', stackId: '/subscriptions/x', outputs });
    expect(azure({ storageAccount: 'amplysky', cdnEndpoint: 'sky.azureedge.net' })).toMatchObject({
      storageAccount: 'amplysky',
      cdnDomain: 'sky.azureedge.net',
    });
    expect(problems(() => azure({ storageAccount: 'amply-sky' }))).toHaveLength(1);
    expect(problems(() => azure({ storageAccount: 'amplysky', container: 'a--b' }))).toHaveLength(1);
    expect(
      problems(() => azure({ storageAccount: 'amplysky', cdnDomain: 'http://sky.azureedge.net' })),
    ).toHaveLength(1);
  });
});
