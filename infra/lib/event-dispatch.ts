import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type Code, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms.js';
import { AmplyFunction } from './amply-function.js';
import type { StageSettings } from './stages.js';

export interface EventDispatchProps {
  settings: StageSettings;
  /** `file.export` of the stream consumer in the Lambda bundle. */
  handler: string;
  code: Code;
  table: Table;
  statements: PolicyStatement[];
  secrets: ISecret[];
  environment: Record<string, string>;
  alarms: Alarms;
  removalPolicy: RemovalPolicy;
}

/**
 * Event delivery's place in the stack: a function fed by the table's stream (NEW_AND_OLD_IMAGES), so an
 * outbox item written with a change is picked up even if the request that wrote it crashed. Batches that
 * keep failing are split to find the bad record, retried, and their descriptions end in a dead-letter
 * queue whose depth is alarmed. Made only when the stage names its handler (`eventDispatcherHandler`).
 */
export class EventDispatch extends Construct {
  readonly deadLetters: Queue;
  readonly consumer: AmplyFunction;

  constructor(scope: Construct, id: string, props: EventDispatchProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      queueName: `amply-${props.settings.stage}-events-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue; its depth is alarmed.',
    });
    this.consumer = new AmplyFunction(this, 'Consumer', {
      settings: props.settings,
      name: 'events',
      description: "the table stream's consumer (event delivery)",
      handler: props.handler,
      code: props.code,
      statements: props.statements,
      secrets: props.secrets,
      environment: props.environment,
      removalPolicy: props.removalPolicy,
      timeoutSeconds: 60,
    });
    props.table.grantStreamRead(this.consumer.role);
    Validations.of(this.consumer.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams (part of reading the stream) has no resource-level permissions.',
    });
    this.consumer.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
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
