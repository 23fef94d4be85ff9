import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

/**
 * API Gateway HTTP API: every route (`$default`) goes to the function, which routes, authenticates and
 * answers CORS itself. Its stage throttles (a cost ceiling) and writes one access-log line per request,
 * which also records the requests the function never saw (throttled, timed out).
 */
export class AmplyHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(
    scope: Construct,
    id: string,
    settings: StageSettings,
    handler: IFunction,
    removalPolicy: RemovalPolicy,
  ) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `amply-${settings.stage}`,
      description: `Amply ${settings.stage}`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Function', handler, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/amply-${settings.stage}`,
      retention: settings.logRetentionDays as RetentionDays,
      removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The function authenticates every protected route itself (RS256 access tokens, revocation, scopes); ' +
        'public routes (sign-in, JWKS, health, docs) must stay open.',
    });
  }
}
