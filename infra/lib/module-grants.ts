import { Aws, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { BLOB_PREFIX } from '../../src/adapters/blobs/blob-store.js';
import type { ModuleName } from '../../src/config.js';

/** What the grants are made on. */
export interface GrantTargets {
  table: ITable;
  media: IBucket;
}

/**
 * The single-item operations every module's store uses (GetItem, Query and conditional single-item
 * writes, no Scan, no transactions). Granted on the table and its indexes, nothing else.
 */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

function tableAccess({ table }: GrantTargets): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions: [...TABLE_ACTIONS],
    resources: [table.tableArn, `${table.tableArn}/index/*`],
  });
}

/** The collection's blobs: objects under its three prefixes, and listing only those prefixes (sweeps, deletion). */
function mediaAccess({ media }: GrantTargets): PolicyStatement[] {
  const prefixes = Object.values(BLOB_PREFIX);
  return [
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: prefixes.map((prefix) => media.arnForObjects(`${prefix}*`)),
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [media.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
    }),
  ];
}

/**
 * For the artists module (`artists: () => [assumeArtistRoles()]`): Amply assumes the role each artist's
 * stack made in their own account; that role's trust policy demands the ExternalId, and its own policy
 * lets Amply read the stack (CloudFormation DescribeStacks).
 */
export function assumeArtistRoles(): PolicyStatement {
  return new PolicyStatement({
    actions: ['sts:AssumeRole'],
    resources: [`arn:${Aws.PARTITION}:iam::*:role/AmplyAccessRole-*`],
  });
}

/**
 * What each deployed module needs beyond what every module gets (the table, mail, the secrets). The
 * function runs every module here, so it holds the union: account deletion in identity reaches the
 * collection's blobs. Deploying a module is one line here; its key also goes into `AMPLY_MODULES`.
 */
export const MODULE_GRANTS = {
  identity: () => [],
  connections: () => [],
  collection: (targets: GrantTargets) => mediaAccess(targets),
} satisfies Partial<Record<ModuleName, (targets: GrantTargets) => PolicyStatement[]>>;

export type DeployedModule = keyof typeof MODULE_GRANTS;

/** The policy statements of the API function for `modules`. */
export function grantsFor(modules: DeployedModule[], targets: GrantTargets): PolicyStatement[] {
  return [tableAccess(targets), ...modules.flatMap((module) => MODULE_GRANTS[module](targets))];
}

/**
 * The wildcards in these grants, acknowledged for cdk-nag with their reasons: index names under the
 * table, and object keys under the collection's prefixes (keys are made by the server, per user).
 */
export function acknowledgeGrantWildcards(
  role: IRole,
  modules: DeployedModule[],
  targets: GrantTargets,
): void {
  const logicalId = (construct: IConstruct) =>
    Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId(targets.table)}.Arn>/index/*]`,
    reason: "Queries reach the table's generic indexes (src/data/table.ts), each named under /index/.",
  });
  if (modules.includes('collection')) {
    for (const prefix of Object.values(BLOB_PREFIX)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(targets.media)}.Arn>/${prefix}*]`,
        reason: `Objects under ${prefix}, whose keys the server makes per user and guitar; nothing else in the bucket.`,
      });
    }
  }
}
