import { Aws, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { BLOB_PREFIX } from '../../src/adapters/blobs/blob-store.js';
import type { ModuleName } from '../../src/config.js';
import { INDEX_BLOB_KEY } from '../../src/modules/artists/artist-index.js';
import { TEMPLATE_BLOB_PREFIX } from '../../src/modules/artists/service.js';

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

/**
 * What a module needs beyond the table, mail and the secrets every module gets. Media keys are object
 * keys in the media bucket, a trailing `*` for a prefix; `media` keys are read, written and deleted,
 * `mediaKept` keys only read and written.
 */
export interface ModuleNeeds {
  media?: readonly string[];
  mediaKept?: readonly string[];
  /** sts:AssumeRole on the roles artists' stacks make in their own accounts. */
  artistRoles?: boolean;
}

const prefixed = (prefix: string) => `${prefix}*`;

/**
 * Each deployed module's needs. The function runs every module and holds their union, each grant made
 * once however many modules share it: the collection and casting both keep pictures under `images/` and
 * direct uploads under `uploads/`, and account deletion (identity) reaches every module's blobs through
 * their services. A module's key also goes into `AMPLY_MODULES`.
 */
export const MODULE_GRANTS = {
  identity: {},
  connections: {},
  // The central index blob and the rendered stack templates (a template's quick-create link is a signed GET).
  artists: { mediaKept: [INDEX_BLOB_KEY, prefixed(TEMPLATE_BLOB_PREFIX)], artistRoles: true },
  // Avatars, portfolio pictures and casting covers under images/<userId>/…, through the shared upload flow.
  casting: { media: [prefixed(BLOB_PREFIX.uploads), prefixed(BLOB_PREFIX.images)] },
  collection: { media: Object.values(BLOB_PREFIX).map(prefixed) },
} satisfies Record<ModuleName, ModuleNeeds>;

export type DeployedModule = keyof typeof MODULE_GRANTS;

/**
 * For the artists module: Amply assumes the role each artist's stack made in their own account; that
 * role's trust policy demands the ExternalId, and its own policy lets Amply read the stack
 * (CloudFormation DescribeStacks).
 */
export function assumeArtistRoles(): PolicyStatement {
  return new PolicyStatement({
    actions: ['sts:AssumeRole'],
    resources: [`arn:${Aws.PARTITION}:iam::*:role/AmplyAccessRole-*`],
  });
}

/** The union of `modules`' needs, every key once (a key some module deletes is not granted again as kept). */
export function neededBy(modules: readonly DeployedModule[]) {
  const needs = modules.map((module) => MODULE_GRANTS[module] as ModuleNeeds);
  const media = [...new Set(needs.flatMap((need) => need.media ?? []))];
  const mediaKept = [...new Set(needs.flatMap((need) => need.mediaKept ?? []))].filter(
    (key) => !media.includes(key),
  );
  return { media, mediaKept, artistRoles: needs.some((need) => need.artistRoles) };
}

/** The policy statements of the API function for `modules`. */
export function grantsFor(
  modules: readonly DeployedModule[],
  { table, media }: GrantTargets,
): PolicyStatement[] {
  const needs = neededBy(modules);
  const statements = [
    new PolicyStatement({
      actions: [...TABLE_ACTIONS],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  ];
  if (needs.media.length > 0) {
    statements.push(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: needs.media.map((key) => media.arnForObjects(key)),
      }),
    );
  }
  if (needs.mediaKept.length > 0) {
    statements.push(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: needs.mediaKept.map((key) => media.arnForObjects(key)),
      }),
    );
  }
  if (needs.media.length + needs.mediaKept.length > 0) {
    // Listing: the abandoned-upload sweep and deletions by prefix. Without s3:ListBucket, S3 answers a
    // read of a missing key (an upload never made, the index before its first build) 403 instead of
    // 404, which the blob store cannot tell from a refusal; a prefix condition would not make that 404.
    statements.push(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [media.bucketArn] }));
  }
  if (needs.artistRoles) statements.push(assumeArtistRoles());
  return statements;
}

/**
 * The wildcards in these grants, acknowledged for cdk-nag with their reasons: index names under the
 * table, object keys under the media prefixes (made by the server, per user), artists' roles.
 */
export function acknowledgeGrantWildcards(
  role: IRole,
  modules: readonly DeployedModule[],
  targets: GrantTargets,
): void {
  const logicalId = (construct: IConstruct) =>
    Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId(targets.table)}.Arn>/index/*]`,
    reason: "Queries reach the table's generic indexes (src/data/table.ts), each named under /index/.",
  });
  const needs = neededBy(modules);
  for (const key of [...needs.media, ...needs.mediaKept].filter((key) => key.endsWith('*'))) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(targets.media)}.Arn>/${key}]`,
      reason: `Objects under ${key.slice(0, -1)}, whose keys the server makes (per user, guitar, casting or template digest); nothing else in the bucket.`,
    });
  }
  if (needs.artistRoles) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/AmplyAccessRole-*]',
      reason:
        "Each artist's stack makes AmplyAccessRole-<artistId> in the artist's own account, unknown until they onboard; " +
        'its trust policy admits Amply only with that artist’s ExternalId.',
    });
  }
}
