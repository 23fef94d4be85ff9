import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

export interface AmplyFunctionProps {
  settings: StageSettings;
  /** `api`, `events`, …: the function is `amply-<stage>-<name>`. */
  name: string;
  description: string;
  /** `file.export` in the asset, e.g. `index.handler`. */
  handler: string;
  /** The folder made by `buildLambdaAsset`: the bundle and the linux-arm64 externals. */
  code: Code;
  /** Everything the function may do besides writing its own logs and reading `secrets`. */
  statements: PolicyStatement[];
  secrets: ISecret[];
  environment: Record<string, string>;
  removalPolicy: RemovalPolicy;
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Lambda's own retries of a failed asynchronous invocation (a schedule's); its default is two. */
  retryAttempts?: number;
}

/** How the function names a secret in `AMPLY_SECRET_ARNS`: its full ARN, or its name when only the name is known. */
export function secretId(secret: ISecret): string {
  return secret.secretFullArn ?? secret.secretName;
}

/**
 * One of Amply's functions: arm64, Node.js 24, the project's bundle, a log group with the stage's
 * retention, and a role of its own holding only `statements` (no AWSLambdaBasicExecutionRole, which may
 * write to every log group).
 */
export class AmplyFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AmplyFunctionProps) {
    super(scope, id);
    const { settings } = props;
    const functionName = `amply-${settings.stage}-${props.name}`;
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: settings.logRetentionDays as RetentionDays,
      removalPolicy: props.removalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Amply ${settings.stage}: ${props.description}`,
    });
    this.logGroup.grant(this.role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    for (const statement of props.statements) this.role.addToPolicy(statement);
    for (const secret of props.secrets) secret.grantRead(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      functionName,
      description: `Amply ${settings.stage}: ${props.description}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      code: props.code,
      handler: props.handler,
      memorySize: props.memoryMb ?? settings.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds ?? settings.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      ...(props.retryAttempts === undefined ? {} : { retryAttempts: props.retryAttempts }),
      environment: {
        ...props.environment,
        AMPLY_SECRET_ARNS: props.secrets.map(secretId).join(','),
        // One malloc arena: sharp's libvips otherwise grows a 512 MB function's memory with every image.
        MALLOC_ARENA_MAX: '1',
      },
    });
  }
}
