import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A FAKE of AWS STS and CloudFormation across accounts: nothing local can play an artist's own AWS
 * account, so this loopback server answers the three calls Amply makes (AssumeRole, GetCallerIdentity,
 * DescribeStacks) in the AWS query protocol (form-encoded POST, XML answers), and the real
 * `@aws-sdk/client-sts` and `@aws-sdk/client-cloudformation` clients talk to it unchanged. It does not
 * check SigV4 signatures; it reads the caller's access key id from the `Authorization` header to know
 * whether Amply itself or an assumed role is calling.
 */

/** Amply's own credentials as the fake knows them. */
export const FAKE_AMPLY_CREDENTIALS = { accessKeyId: 'AKIAFAKEAMPLY', secretAccessKey: 'fake-secret' };

export interface FakeRole {
  roleArn: string;
  /** The ExternalId the trust policy demands; `null`: it trusts Amply's account without one. */
  externalId: string | null;
  /** The account STS reports for the assumed role (normally the role ARN's). */
  accountId?: string;
  /** AssumeRole answers AccessDenied this many times first, as IAM does while a new role propagates. */
  deniedAttempts?: number;
  /** The only stack ids its policy lets it describe (as the template's role); unset: any in its account. */
  readableStacks?: string[];
}

export interface FakeStack {
  stackId: string;
  stackName: string;
  status: string;
  reason?: string;
  outputs: Record<string, string>;
}

export interface FakeAwsCall {
  action: string;
  accessKeyId: string | undefined;
  params: Record<string, string>;
}

export interface FakeAwsQueryServer {
  url: string;
  amplyAccountId: string;
  calls: FakeAwsCall[];
  addRole(role: FakeRole): void;
  addStack(stack: FakeStack): void;
  /** Makes every request fail with HTTP 500 (an outage) until called with false. */
  failAll(on: boolean): void;
  close(): Promise<void>;
}

const accountOf = (arn: string) => arn.split(':')[4] ?? '';

function escapeXml(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

/** `<name>value</name>` for every entry; nested objects and arrays of objects become nested elements. */
function xml(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (Array.isArray(value)) {
        return `<${name}>${value.map((item) => `<member>${xml(item as Record<string, unknown>)}</member>`).join('')}</${name}>`;
      }
      if (typeof value === 'object' && value !== null) {
        return `<${name}>${xml(value as Record<string, unknown>)}</${name}>`;
      }
      return `<${name}>${escapeXml(String(value))}</${name}>`;
    })
    .join('');
}

const NAMESPACES: Record<string, string> = {
  AssumeRole: 'https://sts.amazonaws.com/doc/2011-06-15/',
  GetCallerIdentity: 'https://sts.amazonaws.com/doc/2011-06-15/',
  DescribeStacks: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
};

function answer(action: string, result: Record<string, unknown>): string {
  const requestId = randomBytes(8).toString('hex');
  return `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${NAMESPACES[action]}"><${action}Result>${xml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function errorXml(error: QueryError): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on a free loopback port. */
export async function startFakeAwsQueryServer(amplyAccountId = '999999999999'): Promise<FakeAwsQueryServer> {
  const roles = new Map<string, FakeRole>();
  const stacks: FakeStack[] = [];
  /** Issued temporary access key id → the role it belongs to. */
  const sessions = new Map<string, FakeRole>();
  const calls: FakeAwsCall[] = [];
  let outage = false;

  function handle(action: string, accessKeyId: string | undefined, params: Record<string, string>): string {
    const session = accessKeyId ? sessions.get(accessKeyId) : undefined;
    const isAmply = accessKeyId === FAKE_AMPLY_CREDENTIALS.accessKeyId;
    if (!isAmply && !session)
      throw new QueryError(403, 'InvalidClientTokenId', 'The security token is invalid');

    switch (action) {
      case 'AssumeRole': {
        const role = roles.get(params.RoleArn ?? '');
        const denied = () =>
          new QueryError(
            403,
            'AccessDenied',
            `Not authorized to perform sts:AssumeRole on ${params.RoleArn}`,
          );
        if (!isAmply || !role) throw denied();
        if (role.deniedAttempts && role.deniedAttempts > 0) {
          role.deniedAttempts -= 1;
          throw denied();
        }
        if (role.externalId !== null && params.ExternalId !== role.externalId) throw denied();
        const issued = `ASIAFAKE${randomBytes(6).toString('hex').toUpperCase()}`;
        sessions.set(issued, role);
        const roleName = role.roleArn.split('/').pop();
        return answer('AssumeRole', {
          Credentials: {
            AccessKeyId: issued,
            SecretAccessKey: randomBytes(20).toString('base64'),
            SessionToken: randomBytes(32).toString('base64'),
            Expiration: new Date(Date.now() + 900_000).toISOString(),
          },
          AssumedRoleUser: {
            AssumedRoleId: `AROAFAKE:${params.RoleSessionName}`,
            Arn: `arn:aws:sts::${accountOf(role.roleArn)}:assumed-role/${roleName}/${params.RoleSessionName}`,
          },
        });
      }
      case 'GetCallerIdentity': {
        const account = session ? (session.accountId ?? accountOf(session.roleArn)) : amplyAccountId;
        return answer('GetCallerIdentity', {
          UserId: session ? 'AROAFAKE:amply-verify-stack' : 'AIDAFAKEAMPLY',
          Account: account,
          Arn: session
            ? `${session.roleArn}/amply-verify-stack`
            : `arn:aws:iam::${amplyAccountId}:user/amply`,
        });
      }
      case 'DescribeStacks': {
        const name = params.StackName ?? '';
        const stack = stacks.find((s) => s.stackName === name || s.stackId === name);
        // A role reads only stacks in its own account, as IAM would enforce.
        if (!session || !stack || accountOf(stack.stackId) !== accountOf(session.roleArn)) {
          throw new QueryError(400, 'ValidationError', `Stack with id ${name} does not exist`);
        }
        if (session.readableStacks && !session.readableStacks.includes(stack.stackId)) {
          throw new QueryError(
            403,
            'AccessDenied',
            `Not authorized to perform cloudformation:DescribeStacks on ${stack.stackId}`,
          );
        }
        return answer('DescribeStacks', {
          Stacks: [
            {
              StackId: stack.stackId,
              StackName: stack.stackName,
              CreationTime: new Date().toISOString(),
              StackStatus: stack.status,
              StackStatusReason: stack.reason,
              Outputs: Object.entries(stack.outputs).map(([OutputKey, OutputValue]) => ({
                OutputKey,
                OutputValue,
              })),
            },
          ],
        });
      }
      default:
        throw new QueryError(400, 'InvalidAction', `The fake does not answer ${action}`);
    }
  }

  const server: Server = createServer(async (request, response) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const action = params.Action ?? '';
    const accessKeyId = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
    calls.push({ action, accessKeyId, params });
    response.setHeader('content-type', 'text/xml');
    if (outage) {
      response.statusCode = 500;
      response.end(errorXml(new QueryError(500, 'InternalFailure', 'The fake is having an outage')));
      return;
    }
    try {
      response.end(handle(action, accessKeyId, params));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      response.statusCode = error.status;
      response.end(errorXml(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    amplyAccountId,
    calls,
    addRole: (role) => roles.set(role.roleArn, { ...role }),
    addStack: (stack) => {
      const existing = stacks.findIndex((s) => s.stackId === stack.stackId);
      if (existing >= 0) stacks.splice(existing, 1);
      stacks.push(stack);
    },
    failAll: (on) => {
      outage = on;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
