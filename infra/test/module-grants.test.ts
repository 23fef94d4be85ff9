import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { assumeArtistRoles } from '../lib/module-grants.js';

describe('module grants', () => {
  it('gives the artists module only sts:AssumeRole on the AmplyAccessRole-* roles artists’ stacks make', () => {
    const statement = new Stack().resolve(assumeArtistRoles().toStatementJson());
    expect(statement).toEqual({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/AmplyAccessRole-*']] },
    });
  });
});
