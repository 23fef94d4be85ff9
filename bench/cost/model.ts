import { FREE_TIER, PRICES } from './prices.js';

/** One operation as measured, per request (means over the samples). */
export interface MeasuredOperation {
  name: string;
  module: string;
  perUserMonth: number;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
  dynamoCalls: number;
  /** Lambda duration at the function's memory: the wall time here with its CPU part slowed to the share that memory buys. */
  billedMs: number;
  cpuMs: number;
  wallMs: number;
  responseBytes: number;
  logBytes: number;
  mails: number;
  s3Puts: number;
  s3Gets: number;
  s3Lists: number;
}

/** What the stack costs regardless of traffic, and what the media and storage look like per user. */
export interface Deployment {
  memoryMb: number;
  wafRules: number;
  secrets: number;
  alarms: number;
  pointInTimeRecovery: boolean;
  /** Median time from a cold process to the first answered event (the bench's cold start), ms. */
  coldStartMs: number;
  /** Bytes of a stored image and its thumbnail (measured through the image pipeline). */
  imageBytes: number;
  thumbnailBytes: number;
  /** The direct upload's size (the browser PUTs it to S3; expired after a day). */
  uploadBytes: number;
  tableBytesPerUser: number;
  media: {
    thumbnailViewsPerUserMonth: number;
    imageViewsPerUserMonth: number;
    storedImagesPerUser: number;
    cacheMissRatio: number;
  };
}

export const SERVICES = [
  'DynamoDB',
  'Lambda',
  'API Gateway',
  'CloudFront',
  'WAF',
  'S3',
  'Secrets Manager',
  'CloudWatch',
  'SES',
] as const;
export type Service = (typeof SERVICES)[number];
type Bill = Record<Service, number>;

/** Lambda's START, END and REPORT lines, and one API Gateway access-log line, per request (bytes). */
const PLATFORM_LOG_BYTES = 330;
const ACCESS_LOG_BYTES = 230;
/** One vCPU at 1,769 MB: below it a function gets that share of a core. */
const FULL_CORE_MB = 1769;
const GB = 1024 ** 3;

const zero = (): Bill => Object.fromEntries(SERVICES.map((service) => [service, 0])) as Bill;

/** How much slower CPU-bound work runs at `memoryMb` than on one full core. */
export function cpuSlowdown(memoryMb: number): number {
  return Math.max(1, FULL_CORE_MB / memoryMb);
}

/** The Lambda duration of a request measured here: waits stay as they are, CPU stretches to the memory's share. */
export function billedMilliseconds(wallMs: number, cpuMs: number, memoryMb: number): number {
  return Math.ceil(wallMs + cpuMs * (cpuSlowdown(memoryMb) - 1));
}

/** The variable cost of one request of `op`, by service. */
export function requestCost(op: MeasuredOperation, deployment: Deployment): Bill {
  const bill = zero();
  const gbSeconds = (op.billedMs / 1000) * (deployment.memoryMb / 1024);
  bill.DynamoDB =
    (op.readUnits * PRICES.dynamodb.perMillionReadUnits +
      (op.writeUnits + op.indexWriteUnits) * PRICES.dynamodb.perMillionWriteUnits) /
    1e6;
  bill.Lambda = PRICES.lambda.perMillionRequests / 1e6 + gbSeconds * PRICES.lambda.perGbSecondArm;
  bill['API Gateway'] = PRICES.httpApi.perMillionRequests / 1e6;
  bill.CloudFront =
    PRICES.cloudFront.perMillionRequests / 1e6 + (op.responseBytes / GB) * PRICES.cloudFront.perGbOut;
  bill.WAF = PRICES.waf.perMillionRequests / 1e6;
  bill.S3 =
    ((op.s3Puts + op.s3Lists) * PRICES.s3.perThousandPuts + op.s3Gets * PRICES.s3.perThousandGets) / 1000;
  bill.CloudWatch =
    ((op.logBytes + PLATFORM_LOG_BYTES + ACCESS_LOG_BYTES) / GB) * PRICES.cloudWatch.perGbLogsIngested;
  bill.SES = (op.mails * PRICES.ses.perThousandMails) / 1000;
  return bill;
}

export interface MonthlyBill {
  users: number;
  apiRequests: number;
  byService: Bill;
  total: number;
  /** The same after the always-free allowances (Lambda, CloudFront, DynamoDB storage, CloudWatch). */
  totalAfterFreeTier: number;
  /** Variable cost of each operation for the month, most expensive first. */
  operations: { name: string; requests: number; cost: number; writeUnits: number }[];
}

/** The month's bill for `users` monthly active users. */
export function monthlyBill(
  users: number,
  operations: MeasuredOperation[],
  deployment: Deployment,
): MonthlyBill {
  const bill = zero();
  const add = (service: Service, amount: number) => {
    bill[service] += amount;
  };
  let apiRequests = 0;
  let gbSeconds = 0;
  let logBytes = 0;
  const perOperation = operations.map((op) => {
    const requests = users * op.perUserMonth;
    apiRequests += requests;
    gbSeconds += requests * (op.billedMs / 1000) * (deployment.memoryMb / 1024);
    logBytes += requests * (op.logBytes + PLATFORM_LOG_BYTES + ACCESS_LOG_BYTES);
    const cost = requestCost(op, deployment);
    let total = 0;
    for (const service of SERVICES) {
      add(service, cost[service] * requests);
      total += cost[service] * requests;
    }
    return {
      name: op.name,
      requests,
      cost: total,
      writeUnits: requests * (op.writeUnits + op.indexWriteUnits),
    };
  });

  // Cold starts: at least one every 15 minutes all month, else one in a hundred requests; each reads the secrets.
  const coldStarts = Math.max(4 * 24 * 30, apiRequests * 0.01);
  const coldGbSeconds =
    coldStarts *
    (billedMilliseconds(deployment.coldStartMs, deployment.coldStartMs, deployment.memoryMb) / 1000) *
    (deployment.memoryMb / 1024);
  gbSeconds += coldGbSeconds;
  add('Lambda', coldGbSeconds * PRICES.lambda.perGbSecondArm);
  add(
    'Secrets Manager',
    (coldStarts * deployment.secrets * PRICES.secretsManager.perTenThousandCalls) / 10_000,
  );

  // Media: thumbnails and images from the media CDN (not behind the WAF), misses read S3; uploads PUT to S3.
  const { media } = deployment;
  const mediaRequests = users * (media.thumbnailViewsPerUserMonth + media.imageViewsPerUserMonth);
  const mediaBytes =
    users *
    (media.thumbnailViewsPerUserMonth * deployment.thumbnailBytes +
      media.imageViewsPerUserMonth * deployment.imageBytes);
  add(
    'CloudFront',
    (mediaRequests * PRICES.cloudFront.perMillionRequests) / 1e6 +
      (mediaBytes / GB) * PRICES.cloudFront.perGbOut,
  );
  add('S3', (mediaRequests * media.cacheMissRatio * PRICES.s3.perThousandGets) / 1000);
  const uploadsPerMonth =
    users * (operations.find((op) => op.name.startsWith('POST /images/upload-complete'))?.perUserMonth ?? 0);
  add(
    'S3',
    (uploadsPerMonth * PRICES.s3.perThousandPuts +
      uploadsPerMonth * 2 * PRICES.s3.perThousandLifecycleTransitions) /
      1000,
  );
  const storedGb =
    (users * media.storedImagesPerUser * (deployment.imageBytes + deployment.thumbnailBytes)) / GB;
  add('S3', storedGb * PRICES.s3.perGbMonth);
  const monitored = deployment.imageBytes >= 128 * 1024 ? users * media.storedImagesPerUser : 0;
  add('S3', (monitored * PRICES.s3.intelligentTieringPerThousandObjects) / 1000);

  // Fixed: the WAF, the secrets, the alarms; the table's storage (and its backups where PITR is on).
  add('WAF', PRICES.waf.perWebAclMonth + deployment.wafRules * PRICES.waf.perRuleMonth);
  add('Secrets Manager', deployment.secrets * PRICES.secretsManager.perSecretMonth);
  add('CloudWatch', deployment.alarms * PRICES.cloudWatch.perAlarmMonth);
  const tableGb = (users * deployment.tableBytesPerUser) / GB;
  add(
    'DynamoDB',
    tableGb *
      (PRICES.dynamodb.perGbMonth + (deployment.pointInTimeRecovery ? PRICES.dynamodb.pitrPerGbMonth : 0)),
  );

  const total = SERVICES.reduce((sum, service) => sum + bill[service], 0);
  const cloudFrontRequests = apiRequests + mediaRequests;
  const cloudFrontGb =
    (operations.reduce((sum, op) => sum + users * op.perUserMonth * op.responseBytes, 0) + mediaBytes) / GB;
  const freeTier =
    Math.min(apiRequests, FREE_TIER.lambdaRequests) * (PRICES.lambda.perMillionRequests / 1e6) +
    Math.min(gbSeconds, FREE_TIER.lambdaGbSeconds) * PRICES.lambda.perGbSecondArm +
    Math.min(cloudFrontRequests, FREE_TIER.cloudFrontRequests) *
      (PRICES.cloudFront.perMillionRequests / 1e6) +
    Math.min(cloudFrontGb, FREE_TIER.cloudFrontGbOut) * PRICES.cloudFront.perGbOut +
    Math.min(tableGb, FREE_TIER.dynamodbGb) * PRICES.dynamodb.perGbMonth +
    Math.min(deployment.alarms, FREE_TIER.cloudWatchAlarms) * PRICES.cloudWatch.perAlarmMonth +
    Math.min(logBytes / GB, FREE_TIER.cloudWatchLogsGb) * PRICES.cloudWatch.perGbLogsIngested;
  return {
    users,
    apiRequests,
    byService: bill,
    total,
    totalAfterFreeTier: total - freeTier,
    operations: perOperation.sort((a, b) => b.cost - a.cost),
  };
}
