import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { Alarms } from './alarms.js';
import type { StageSettings } from './stages.js';

export interface ScheduledJobProps {
  settings: StageSettings;
  /** Kebab-case: the rule is `amply-<stage>-<name>`. */
  name: string;
  description: string;
  /** How often the job runs. */
  every: Duration;
  /** The function it invokes, with `input` as the event (default: EventBridge's scheduled event). */
  target: IFunction;
  input?: Record<string, unknown>;
  /** Where a failing run is reported: an alarm on the target's errors. */
  alarms: Alarms;
}

/**
 * A job the stage runs on a schedule: an EventBridge rule invoking a function (free of charge; the
 * function's own time is billed), its failures alarmed. Every scheduled job of the stack is made in one
 * place, `AmplyStack`'s "Scheduled jobs" block, so a reader finds them together (the event sweep, the
 * proactive refresh of platform connections). A job runs as a function of its own with its own grants
 * (see `EventDispatch`, `ConnectionRefresh`), not through the API function, whose handler answers only
 * HTTP events.
 */
export class ScheduledJob extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      ruleName: `amply-${props.settings.stage}-${props.name}`,
      description: `Amply ${props.settings.stage}: ${props.description}`,
      schedule: Schedule.rate(props.every),
      targets: [
        new LambdaFunction(props.target, {
          // A missed run is made up by the next one; retrying a late one would only pile runs up.
          retryAttempts: 0,
          ...(props.input ? { event: RuleTargetInput.fromObject(props.input) } : {}),
        }),
      ],
    });
    props.alarms.add(`${id}Errors`, {
      description: `The scheduled job ${props.name} failed`,
      metric: props.target.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
    });
  }
}
