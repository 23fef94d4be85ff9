import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type Code, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE } from '../../src/data/table.js';
import { PENDING_INDEX } from '../../src/events/staged-events.js';
import { STREAM_FILTER_PATTERNS } from '../../src/events/stream.js';
import type { Alarms } from './alarms.js';
import { AmplyFunction } from './amply-function.js';
import type { StageSettings } from './stages.js';

/** The partition-key prefixes of the outbox's items (events, dispatch state) and of its pending index. */
const OUTBOX_ITEMS = 'EVENTS#*';
const PENDING_PARTITIONS = 'OUTBOX#*';

/**
 * What the dispatcher may do in the table, and nothing more (docs/decisions/0041):
 * - the outbox's own items (a subject's events and its dispatch state, all under `EVENTS#<subject>`):
 *   read, query, create and update;
 * - the pending index: query what is due, seeing only keys, subjects and staged events;
 * - other modules' items that carry staged events: read and clear those events and their index keys,
 *   never another attribute (a user item's other attributes include a password hash).
 */
function dispatcherGrants(table: ITable): PolicyStatement[] {
  const pending = TABLE.indexes[PENDING_INDEX];
  const keys = [TABLE.partitionKey, TABLE.sortKey];
  const staged = ['stagedEvents', pending.partitionKey, pending.sortKey];
  return [
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [OUTBOX_ITEMS] } },
    }),
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/${PENDING_INDEX}`],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [PENDING_PARTITIONS] },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...keys, ...staged, 'subject'] },
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    }),
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...keys, ...staged] },
        StringEqualsIfExists: {
          'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
          'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'],
        },
      },
    }),
  ];
}

export interface EventDispatchProps {
  settings: StageSettings;
  /** The dispatcher's own code folder (`buildEventsAsset`): `index.handler` of src/entry/events-lambda.ts. */
  code: Code;
  table: Table;
  /** `amply-<stage>/webhooks`: the only secret it reads. */
  webhooks: ISecret;
  alarms: Alarms;
  removalPolicy: RemovalPolicy;
}

/**
 * Event delivery (docs/decisions/0038, 0041): a function of its own, fed by the table's stream
 * (NEW_AND_OLD_IMAGES, filtered to new outbox events and items newly carrying staged events, so an
 * event written with a change goes out even if the request that wrote it crashed) and swept every
 * minute by a scheduled job (`AmplyStack`: retries, and anything the stream missed). Its role holds the outbox's items,
 * the stream and the webhooks secret: nothing of the media bucket, nothing of the API's keys. Stream
 * batches that keep failing (the table unreachable) are split, retried for a day, and end in a
 * dead-letter queue whose depth is alarmed.
 */
export class EventDispatch extends Construct {
  readonly deadLetters: Queue;
  readonly dispatcher: AmplyFunction;

  constructor(scope: Construct, id: string, props: EventDispatchProps) {
    super(scope, id);
    const { settings, table } = props;
    this.deadLetters = new Queue(this, 'DeadLetters', {
      queueName: `amply-${settings.stage}-events-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue; its depth is alarmed.',
    });
    this.dispatcher = new AmplyFunction(this, 'Dispatcher', {
      settings,
      name: 'events',
      description: 'signed event delivery (the table stream and a one-minute sweep)',
      handler: 'index.handler',
      code: props.code,
      statements: dispatcherGrants(table),
      secrets: [props.webhooks],
      environment: { AMPLY_STAGE: settings.stage, AMPLY_TABLE_NAME: table.tableName },
      removalPolicy: props.removalPolicy,
      memoryMb: settings.dispatcher.memoryMb,
      timeoutSeconds: settings.dispatcher.timeoutSeconds,
    });
    table.grantStreamRead(this.dispatcher.role);
    Validations.of(this.dispatcher.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams (part of reading the stream) has no resource-level permissions.',
    });
    this.dispatcher.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        filters: STREAM_FILTER_PATTERNS.map((pattern) => FilterCriteria.filter(pattern)),
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );
    props.alarms.add('EventDeadLetters', {
      description: 'Table stream batches that event delivery gave up on',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
    });
  }
}
