import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EXPIRY_INDEX } from '../../src/modules/connections/store.js';
import { AmplyFunction } from './amply-function.js';
import type { StageSettings } from './stages.js';

/**
 * The partitions the proactive refresh touches: a user's (their connection items, and identity's
 * security events, where `platform.reauth_required` is recorded), the outbox's (`EVENTS#<subject>`,
 * where a status change is copied or recorded) and the expiry index's (`CONNEXP#<shard>`).
 */
const USER_ITEMS = 'USER#*';
const OUTBOX_ITEMS = 'EVENTS#*';
const EXPIRY_PARTITIONS = 'CONNEXP#*';

/**
 * What the proactive refresh may do in the table (docs/decisions/0041): read, create and update items
 * in users' and the outbox's partitions — no delete, no Scan, no batch, nothing of other modules'
 * partitions (guitars, castings, artists, counters) — and query the expiry index's partitions.
 * IAM cannot tell a connection item from the user's other items in the same partition (the sort key has
 * no condition key), so a user's profile is readable by this role as by the API's.
 */
function connectionRefreshGrants(table: ITable): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [USER_ITEMS, OUTBOX_ITEMS] } },
    }),
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/${EXPIRY_INDEX}`],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [EXPIRY_PARTITIONS] } },
    }),
  ];
}

export interface ConnectionRefreshProps {
  settings: StageSettings & { refreshConnections: { memoryMb: number; timeoutSeconds: number } };
  /** Its own code folder (`buildRefreshConnectionsAsset`): `index.handler` of src/entry/refresh-connections-lambda.ts. */
  code: Code;
  table: ITable;
  /** The app secret (encryption keys to open and seal tokens, the platforms' clients) and the webhooks secret. */
  secrets: ISecret[];
  /** The API's configuration it shares (stage, table, modules, public URL, …); the platforms are the same. */
  environment: Record<string, string>;
  removalPolicy: RemovalPolicy;
}

/**
 * The proactive refresh of platform connections (docs/decisions/0043): a function of its own, invoked
 * by a scheduled job (`AmplyStack`), which refreshes every healthy connection whose access token expires
 * before the next run, so unused grants stay alive and dead ones are found. Reaches the platforms over
 * the internet (no VPC). Lambda does not retry a failed run: the next run is the retry, and a run
 * repeated at once would only refresh the same connections again.
 */
export class ConnectionRefresh extends Construct {
  readonly refresher: AmplyFunction;

  constructor(scope: Construct, id: string, props: ConnectionRefreshProps) {
    super(scope, id);
    const { settings } = props;
    this.refresher = new AmplyFunction(this, 'Refresher', {
      settings,
      name: 'refresh-connections',
      description: 'the proactive refresh of platform connections (scheduled)',
      handler: 'index.handler',
      code: props.code,
      statements: connectionRefreshGrants(props.table),
      secrets: props.secrets,
      environment: props.environment,
      removalPolicy: props.removalPolicy,
      memoryMb: settings.refreshConnections.memoryMb,
      timeoutSeconds: settings.refreshConnections.timeoutSeconds,
      retryAttempts: 0,
    });
  }
}
