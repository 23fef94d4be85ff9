import type { Stack } from '@aws-sdk/client-cloudformation';
import type { STSClient } from '@aws-sdk/client-sts';
import { lazy } from '../../lazy.js';
import {
  type InspectStackRequest,
  StackInspectionError,
  type StackInspector,
  type StackReport,
  stackState,
} from './stack-inspector.js';

export interface AwsStackInspectorOptions {
  /** Where Amply asks STS who it is (`ownAccountId`); an artist's stack is read in its own region. */
  region: string;
  /** Other endpoints (a loopback stand-in in tests); unset: AWS's regional endpoints. */
  stsEndpoint?: string | undefined;
  cloudFormationEndpoint?: string | undefined;
  /** Amply's own credentials; by default the SDK's chain (the Lambda role, the container's role, env). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** AssumeRole tries while IAM makes a new role usable (default 3), the first pause (500 ms), doubling. */
  assumeAttempts?: number;
  assumeRetryMs?: number;
  /** How long one STS or CloudFormation call may take (default 5 s). */
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

const SESSION_NAME = 'amply-verify-stack';
/** The shortest session STS grants; Amply makes two calls with it. */
const SESSION_SECONDS = 900;

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';

/** STS refusing an AssumeRole (no such role, no trust, another ExternalId), or IAM refusing a call. */
const isAccessDenied = (error: unknown) =>
  ['AccessDenied', 'AccessDeniedException'].includes(errorName(error));

/**
 * The AWS adapter: STS and CloudFormation through the AWS SDK (imported on first use, like the other
 * SDK clients). An inspection assumes the artist's role with its ExternalId, retrying briefly because
 * IAM takes a few seconds to make a new role usable; then checks that the same role can NOT be assumed
 * without the ExternalId (otherwise anyone who learns the role's ARN could make Amply act on it: the
 * confused deputy), that the assumed identity is in the stack's account, and reads the stack.
 */
export function createAwsStackInspector(options: AwsStackInspectorOptions): StackInspector {
  const sts = lazy(() => import('@aws-sdk/client-sts'));
  const cloudFormation = lazy(() => import('@aws-sdk/client-cloudformation'));
  const attempts = options.assumeAttempts ?? 3;
  const firstPause = options.assumeRetryMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const requestHandler = { requestTimeout: options.requestTimeoutMs ?? 5000, connectionTimeout: 3000 };

  const baseClients = new Map<string, STSClient>();
  async function baseSts(region: string): Promise<STSClient> {
    let client = baseClients.get(region);
    if (!client) {
      const { STSClient } = await sts();
      client = new STSClient({
        region,
        ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        maxAttempts: 2,
        requestHandler,
      });
      baseClients.set(region, client);
    }
    return client;
  }

  async function sessionClients(region: string, credentials: TemporaryCredentials) {
    const [{ STSClient }, { CloudFormationClient }] = await Promise.all([sts(), cloudFormation()]);
    const common = { region, credentials, maxAttempts: 2, requestHandler };
    return {
      sts: new STSClient({
        ...common,
        ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
      }),
      cloudFormation: new CloudFormationClient({
        ...common,
        ...(options.cloudFormationEndpoint ? { endpoint: options.cloudFormationEndpoint } : {}),
      }),
    };
  }

  /** AssumeRole once; undefined when STS refuses it. */
  async function assume(
    region: string,
    roleArn: string,
    externalId: string | undefined,
  ): Promise<TemporaryCredentials | undefined> {
    const { AssumeRoleCommand } = await sts();
    try {
      const answer = await (await baseSts(region)).send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: SESSION_NAME,
          DurationSeconds: SESSION_SECONDS,
          ...(externalId === undefined ? {} : { ExternalId: externalId }),
        }),
      );
      const { AccessKeyId, SecretAccessKey, SessionToken } = answer.Credentials ?? {};
      if (!AccessKeyId || !SecretAccessKey || !SessionToken) {
        throw new StackInspectionError('upstream', 'STS answered AssumeRole without credentials');
      }
      return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken };
    } catch (error) {
      if (isAccessDenied(error)) return undefined;
      throw upstream('STS AssumeRole', error);
    }
  }

  function upstream(call: string, error: unknown): StackInspectionError {
    if (error instanceof StackInspectionError) return error;
    return new StackInspectionError('upstream', `${call} failed (${errorName(error) || 'error'})`, {
      cause: error,
    });
  }

  return {
    ownAccountId: lazy(async () => {
      const { GetCallerIdentityCommand } = await sts();
      try {
        const answer = await (await baseSts(options.region)).send(new GetCallerIdentityCommand({}));
        if (!answer.Account) throw new Error('no account in the answer');
        return answer.Account;
      } catch (error) {
        throw upstream('STS GetCallerIdentity', error);
      }
    }),

    async inspect(request: InspectStackRequest): Promise<StackReport> {
      const { region, roleArn, externalId } = request;
      let credentials: TemporaryCredentials | undefined;
      for (let attempt = 1; attempt <= attempts && !credentials; attempt += 1) {
        if (attempt > 1) await sleep(firstPause * 2 ** (attempt - 2));
        credentials = await assume(region, roleArn, externalId);
      }
      if (!credentials) {
        throw new StackInspectionError(
          'role_not_assumable',
          'The role cannot be assumed with the ExternalId (yet)',
        );
      }
      if (await assume(region, roleArn, undefined)) {
        throw new StackInspectionError(
          'role_trust_too_broad',
          'The role can be assumed without the ExternalId; its trust policy must require it',
        );
      }

      const session = await sessionClients(region, credentials);
      const [{ GetCallerIdentityCommand }, { DescribeStacksCommand }] = await Promise.all([
        sts(),
        cloudFormation(),
      ]);
      let account: string | undefined;
      try {
        account = (await session.sts.send(new GetCallerIdentityCommand({}))).Account;
      } catch (error) {
        throw upstream('STS GetCallerIdentity', error);
      }
      if (account !== request.accountId) {
        throw new StackInspectionError(
          'account_mismatch',
          `The role belongs to account ${account ?? 'unknown'}, not the stack's account ${request.accountId}`,
        );
      }

      let stack: Stack | undefined;
      try {
        const answer = await session.cloudFormation.send(
          new DescribeStacksCommand({ StackName: request.stack }),
        );
        stack = answer.Stacks?.[0];
      } catch (error) {
        const missing =
          errorName(error) === 'ValidationError' && /does not exist/i.test(String((error as Error).message));
        // The role may read only its own stack: any other is, for Amply, not there.
        if (missing || isAccessDenied(error)) {
          throw new StackInspectionError(
            'stack_not_found',
            'The stack does not exist, or the role cannot read it',
          );
        }
        throw upstream('CloudFormation DescribeStacks', error);
      }
      if (!stack?.StackId || !stack.StackName || !stack.StackStatus) {
        throw new StackInspectionError('stack_not_found', 'The stack does not exist');
      }
      const outputs: Record<string, string> = {};
      for (const output of stack.Outputs ?? []) {
        if (output.OutputKey && output.OutputValue !== undefined)
          outputs[output.OutputKey] = output.OutputValue;
      }
      return {
        stackId: stack.StackId,
        stackName: stack.StackName,
        stackStatus: stack.StackStatus,
        state: stackState(stack.StackStatus),
        reason: stack.StackStatusReason,
        outputs,
      };
    },
  };
}
