import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms, all to one SNS topic (mailed to `alarmEmail` when set): 5xx rate over 5 %, p99 latency
 * over 1 s, the function's errors and throttles, the table's throttles, and any dead-letter queue that
 * holds messages. Quiet periods count as fine.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;
  private readonly stage: string;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; api: HttpApi; handler: IFunction; table: Table },
  ) {
    super(scope, id);
    const { settings, api, handler, table } = props;
    this.stage = settings.stage;
    this.topic = new Topic(this, 'Topic', { topicName: `amply-${settings.stage}-alarms`, enforceSSL: true });
    if (settings.alarmEmail) this.topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    this.action = new SnsAction(this.topic);
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notices carry metric names only; CloudWatch cannot publish to a topic under the AWS-managed SNS key, ' +
        'and a customer-managed key would cost more than everything else in a small deployment.',
    });

    const requests = api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.add('ServerErrorRate', {
      description: 'More than 5 % of API requests answered 5xx (at least 20 requests in 5 minutes)',
      metric: new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }) },
        period: FIVE_MINUTES,
      }),
      threshold: 5,
    });
    this.add('LatencyP99', {
      description: 'API p99 latency above 1 s for 15 minutes (at least 50 requests in each 5)',
      metric: new MathExpression({
        expression: 'IF(requests >= 50, p99, 0)',
        usingMetrics: { requests, p99: api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }) },
        period: FIVE_MINUTES,
      }),
      threshold: 1000,
      evaluationPeriods: 3,
    });
    this.add('FunctionErrors', {
      description: 'The API function failed (crash or timeout, not an error answer)',
      metric: handler.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 0,
    });
    this.add('FunctionThrottles', {
      description: 'The API function was throttled (concurrency limit)',
      metric: handler.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 0,
    });
    this.add('TableThrottles', {
      description: 'DynamoDB throttled requests to the table',
      metric: table.metricThrottledRequestsForOperations({
        operations: [
          Operation.GET_ITEM,
          Operation.QUERY,
          Operation.PUT_ITEM,
          Operation.UPDATE_ITEM,
          Operation.DELETE_ITEM,
        ],
        period: FIVE_MINUTES,
      }),
      threshold: 0,
    });
  }

  /** An alarm when `metric` goes above `threshold`, notifying the topic. */
  add(
    id: string,
    options: { description: string; metric: IMetric; threshold: number; evaluationPeriods?: number },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `amply-${this.stage}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
