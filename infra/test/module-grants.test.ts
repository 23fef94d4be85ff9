import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { assumeArtistRoles, neededBy } from '../lib/module-grants.js';

describe('module grants', () => {
  it('gives the artists module only sts:AssumeRole on the AmplyAccessRole-* roles artists’ stacks make', () => {
    const statement = new Stack().resolve(assumeArtistRoles().toStatementJson());
    expect(statement).toEqual({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/AmplyAccessRole-*']] },
    });
  });

  it('grants a blob prefix several modules share once, and a key some module deletes never again as kept', () => {
    expect(neededBy(['casting', 'collection'])).toEqual({
      media: ['uploads/*', 'images/*', 'receipts/*'],
      mediaKept: [],
      artistRoles: false,
    });
    expect(neededBy(['identity', 'artists'])).toEqual({
      media: [],
      mediaKept: ['amply-index.json', 'templates/*'],
      artistRoles: true,
    });
    expect(neededBy(['casting']).media).toEqual(['uploads/*', 'images/*']);
  });
});
