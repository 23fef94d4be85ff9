import { type FieldProblem, ValidationError } from '../../errors.js';
import type { Provider } from './schemas.js';
import type { ArtistConfig } from './store.js';

/*
 * A stack's outputs are not trusted blindly (decision 26): each provider's keys are read in any of the
 * spellings stacks use (`BucketName`, `bucket_name`, `bucketName`), checked against the naming rules
 * of what they name, and normalised into the config fields. The raw outputs are kept beside them.
 */

type Field =
  | 'bucketName'
  | 'cloudfrontDomain'
  | 'roleArn'
  | 'serviceAccountEmail'
  | 'projectId'
  | 'storageAccount'
  | 'cdnDomain';

/** Output keys, lower-cased and stripped of everything but letters and digits, and the field each names. */
const ALIASES: Record<string, Field> = {
  bucketname: 'bucketName',
  bucket: 'bucketName',
  containername: 'bucketName',
  container: 'bucketName',
  cloudfrontdomain: 'cloudfrontDomain',
  cloudfrontdomainname: 'cloudfrontDomain',
  distributiondomainname: 'cloudfrontDomain',
  rolearn: 'roleArn',
  amplyaccessrolearn: 'roleArn',
  serviceaccountemail: 'serviceAccountEmail',
  serviceaccount: 'serviceAccountEmail',
  projectid: 'projectId',
  project: 'projectId',
  storageaccount: 'storageAccount',
  storageaccountname: 'storageAccount',
  cdndomain: 'cdnDomain',
  cdnhost: 'cdnDomain',
  cdnhostname: 'cdnDomain',
  cdnendpoint: 'cdnDomain',
  cdnendpointhostname: 'cdnDomain',
};

/** What each provider must report, and may. Fields of other providers are ignored (kept in the raw outputs). */
const FIELDS: Record<Provider, { required: Field[]; optional: Field[] }> = {
  aws: { required: ['bucketName', 'cloudfrontDomain', 'roleArn'], optional: ['cdnDomain'] },
  gcp: { required: ['bucketName', 'serviceAccountEmail', 'projectId'], optional: ['cdnDomain'] },
  azure: { required: ['storageAccount'], optional: ['bucketName', 'cdnDomain'] },
};

/** The spelling a missing field is asked for by. */
const PREFERRED_KEY: Record<Field, string> = {
  bucketName: 'BucketName',
  cloudfrontDomain: 'CloudFrontDomain',
  roleArn: 'RoleArn',
  serviceAccountEmail: 'ServiceAccountEmail',
  projectId: 'ProjectId',
  storageAccount: 'StorageAccount',
  cdnDomain: 'CdnDomain',
};

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const REGION = '([a-z]{2}(?:-[a-z]+)+-\\d)';
// Account ids are 12 digits; a shorter one has lost its leading zeros to a tool that read it as a number.
const ACCOUNT = '(\\d{1,12})';
const STACK_ARN = new RegExp(`^arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT}:stack/(\\S+)$`);
const ROLE_ARN = new RegExp(
  `^arn:${PARTITION}:iam::${ACCOUNT}:role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})$`,
);
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const padAccount = (account: string) => account.padStart(12, '0');

/** The parts of a CloudFormation stack ARN, or undefined when it is not one. */
export function parseStackArn(
  value: string,
): { partition: string; region: string; accountId: string; stackName: string } | undefined {
  const match = STACK_ARN.exec(value);
  if (!match) return undefined;
  const [, partition, region, account, rest] = match as unknown as [string, string, string, string, string];
  return { partition, region, accountId: padAccount(account), stackName: rest.split('/')[0] as string };
}

/** The S3 rules for general-purpose bucket names. */
function s3BucketProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) {
    return 'An S3 bucket name is 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit';
  }
  if (/\.\.|\.-|-\./.test(name))
    return 'An S3 bucket name has no two dots in a row and no dot beside a hyphen';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'An S3 bucket name is not an IP address';
  if (
    /^(xn--|sthree-|amzn-s3-demo-)/.test(name) ||
    /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)
  ) {
    return 'An S3 bucket name does not use a prefix or suffix AWS reserves';
  }
  return undefined;
}

function gcsBucketProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name)) {
    return 'A Cloud Storage bucket name is 3–63 lower-case letters, digits, dots, hyphens and underscores';
  }
  if (/^goog|google|g00gle/.test(name))
    return 'A Cloud Storage bucket name does not start with "goog" or contain "google"';
  return undefined;
}

function azureContainerProblem(name: string): string | undefined {
  return /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(name)
    ? undefined
    : 'An Azure container name is 3–63 lower-case letters, digits and single hyphens';
}

interface NormaliseInput {
  provider: Provider;
  artistId: string;
  stackId: string;
  outputs: Record<string, string>;
}

/**
 * Reads a provider's outputs into config fields and checks them; throws a `ValidationError` listing
 * every problem (fields named `outputs.<key>` or `stack_id`).
 */
export function normaliseOutputs(
  input: NormaliseInput,
): Omit<ArtistConfig, 'callbackTimestamp' | 'completedAt' | 'completedVia'> {
  const { provider, artistId, stackId, outputs } = input;
  const problems: FieldProblem[] = [];
  const found = new Map<Field, { key: string; value: string }>();
  for (const [key, raw] of Object.entries(outputs)) {
    const field = ALIASES[key.toLowerCase().replace(/[^a-z0-9]/g, '')];
    if (!field) continue;
    const value = raw.trim();
    const earlier = found.get(field);
    if (earlier && earlier.value !== value) {
      problems.push({
        field: `outputs.${key}`,
        message: `Names the same thing as ${earlier.key} with another value`,
      });
    }
    found.set(field, { key, value });
  }

  const { required, optional } = FIELDS[provider];
  const values: Partial<Record<Field, string>> = {};
  for (const field of required) {
    if (!found.has(field)) problems.push({ field: `outputs.${PREFERRED_KEY[field]}`, message: 'Required' });
  }
  const problem = (field: Field, message: string) =>
    problems.push({ field: `outputs.${found.get(field)?.key ?? PREFERRED_KEY[field]}`, message });

  for (const field of [...required, ...optional]) {
    const entry = found.get(field);
    if (!entry) continue;
    // Host names are case-insensitive; every other value must already be in its one valid form.
    const value =
      field === 'cloudfrontDomain' || field === 'cdnDomain' ? entry.value.toLowerCase() : entry.value;
    values[field] = value;
    if (field === 'bucketName') {
      const rule =
        provider === 'aws' ? s3BucketProblem : provider === 'gcp' ? gcsBucketProblem : azureContainerProblem;
      const message = rule(value);
      if (message) problem(field, message);
    } else if (field === 'cloudfrontDomain') {
      if (!/^[a-z0-9]+\.cloudfront\.net$/.test(value))
        problem(field, 'Expected a CloudFront domain such as d111111abcdef8.cloudfront.net');
    } else if (field === 'cdnDomain') {
      if (!HOSTNAME.test(value)) problem(field, 'Expected a host name such as cdn.example.com');
    } else if (field === 'storageAccount') {
      if (!/^[a-z0-9]{3,24}$/.test(value))
        problem(field, 'An Azure storage account name is 3–24 lower-case letters and digits');
    } else if (field === 'projectId') {
      if (!GCP_PROJECT.test(value))
        problem(field, 'A Google Cloud project id is 6–30 lower-case letters, digits and hyphens');
    }
  }

  if (provider === 'aws') {
    const stack = parseStackArn(stackId);
    if (!stack) {
      problems.push({
        field: 'stack_id',
        message:
          'Expected a CloudFormation stack ARN (arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>)',
      });
    }
    const roleEntry = found.get('roleArn');
    if (roleEntry) {
      const role = ROLE_ARN.exec(roleEntry.value);
      const expectedName = `AmplyAccessRole-${artistId}`;
      if (!role) {
        problem('roleArn', 'Expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)');
      } else {
        const [, partition, account, path, name] = role as unknown as [
          string,
          string,
          string,
          string,
          string,
        ];
        if (name !== expectedName) problem('roleArn', `The role must be the stack's ${expectedName}`);
        if (stack && (padAccount(account) !== stack.accountId || partition !== stack.partition)) {
          problem('roleArn', `The role must be in the stack's account (${stack.accountId})`);
        }
        values.roleArn = `arn:${partition}:iam::${padAccount(account)}:role/${path}${name}`;
      }
    }
    values.cdnDomain ??= values.cloudfrontDomain;
  }

  if (provider === 'gcp') {
    const email = values.serviceAccountEmail;
    const match = email
      ? /^[a-z][a-z0-9-]{4,28}[a-z0-9]@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/.exec(email)
      : null;
    if (email && !match) {
      problem(
        'serviceAccountEmail',
        'Expected a service account such as amply-access@my-project.iam.gserviceaccount.com',
      );
    } else if (match && values.projectId && match[1] !== values.projectId) {
      problem('serviceAccountEmail', `The service account must belong to the project ${values.projectId}`);
    }
  }

  if (problems.length > 0) throw new ValidationError('The stack outputs are not valid', problems);
  return { ...values, stackId, outputs };
}
