import { FLAT_RATE_TIERS, type FlatRateTier, type PricingPlan } from '../../infra/lib/stages.js';
import { FREE_TIER, PRICES } from './prices.js';

/** One operation as measured, per request (means over the samples). */
export interface MeasuredOperation {
  name: string;
  module: string;
  /** Requests per monthly active user per month (for event delivery: the events the API's operations record). */
  perUserMonth: number;
  /** Runs a month whatever the number of users (the dispatcher's one-minute sweep). */
  fixedPerMonth: number;
  /** The function that runs it: the API's (behind API Gateway, CloudFront and the WAF) or a background one. */
  fn: FunctionName;
  /** Lambda invocations per run. */
  invocations: number;
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
  /** Events the request recorded with a write of their own, and carried on its change's write. */
  eventsPublished: number;
  eventsCarried: number;
}

/** Amply's functions: the API, the event dispatcher, the proactive refresh of platform connections. */
export type FunctionName = 'api' | 'dispatcher' | 'refresh';

/** One function as deployed. */
export interface FunctionSettings {
  memoryMb: number;
  /** Secrets read at each cold start. */
  secretsRead: number;
  /**
   * Cold starts a month whatever the traffic: the API's instances are replaced at least every 15
   * minutes, the dispatcher (kept warm by its one-minute sweep) hourly, and each daily refresh run starts cold.
   */
  minColdStarts: number;
}

/** What the stack costs regardless of traffic, and what the media and storage look like per user. */
export interface Deployment {
  functions: Record<FunctionName, FunctionSettings>;
  wafRules: number;
  secrets: number;
  alarms: number;
  pointInTimeRecovery: boolean;
  /** How each CloudFront distribution is billed. */
  plans: { api: PricingPlan; media: PricingPlan };
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

/** Lambda's START, END and REPORT lines per invocation, and one API Gateway access-log line per request (bytes). */
const PLATFORM_LOG_BYTES = 330;
const ACCESS_LOG_BYTES = 230;
/** One vCPU at 1,769 MB: below it a function gets that share of a core. */
const FULL_CORE_MB = 1769;
const GB = 1024 ** 3;
/** Flat-rate allowances count decimal gigabytes and terabytes. */
const TIERS: FlatRateTier[] = ['free', 'pro', 'business', 'premium'];

const zero = (): Bill => Object.fromEntries(SERVICES.map((service) => [service, 0])) as Bill;

/** How much slower CPU-bound work runs at `memoryMb` than on one full core. */
export function cpuSlowdown(memoryMb: number): number {
  return Math.max(1, FULL_CORE_MB / memoryMb);
}

/** The Lambda duration of a request measured here: waits stay as they are, CPU stretches to the memory's share. */
export function billedMilliseconds(wallMs: number, cpuMs: number, memoryMb: number): number {
  return Math.ceil(wallMs + cpuMs * (cpuSlowdown(memoryMb) - 1));
}

const memoryOf = (op: MeasuredOperation, deployment: Deployment) => deployment.functions[op.fn].memoryMb;

/**
 * The variable cost of one request of `op`, by service. A distribution on a flat-rate plan has no
 * per-request or per-byte charge (its plan is a fixed cost), nor has the web ACL it includes.
 */
export function requestCost(op: MeasuredOperation, deployment: Deployment): Bill {
  const bill = zero();
  const gbSeconds = (op.billedMs / 1000) * (memoryOf(op, deployment) / 1024);
  bill.DynamoDB =
    (op.readUnits * PRICES.dynamodb.perMillionReadUnits +
      (op.writeUnits + op.indexWriteUnits) * PRICES.dynamodb.perMillionWriteUnits) /
    1e6;
  bill.Lambda =
    (op.invocations * PRICES.lambda.perMillionRequests) / 1e6 + gbSeconds * PRICES.lambda.perGbSecondArm;
  const behindTheCdn = op.fn === 'api';
  const payg = deployment.plans.api === 'pay-as-you-go';
  if (behindTheCdn) {
    bill['API Gateway'] = PRICES.httpApi.perMillionRequests / 1e6;
    if (payg) {
      bill.CloudFront =
        PRICES.cloudFront.perMillionRequests / 1e6 + (op.responseBytes / GB) * PRICES.cloudFront.perGbOut;
      bill.WAF = PRICES.waf.perMillionRequests / 1e6;
    }
  }
  bill.S3 =
    ((op.s3Puts + op.s3Lists) * PRICES.s3.perThousandPuts + op.s3Gets * PRICES.s3.perThousandGets) / 1000;
  const logBytes = op.logBytes + op.invocations * PLATFORM_LOG_BYTES + (behindTheCdn ? ACCESS_LOG_BYTES : 0);
  bill.CloudWatch = (logBytes / GB) * PRICES.cloudWatch.perGbLogsIngested;
  bill.SES = (op.mails * PRICES.ses.perThousandMails) / 1000;
  return bill;
}

/** A distribution's month: its traffic, and the flat-rate tier billed when it is on a plan. */
export interface DistributionMonth {
  requests: number;
  bytes: number;
  plan: PricingPlan;
  /** The tier billed: the configured one, or the smallest above it whose allowance holds the month. */
  billedTier: FlatRateTier | null;
  /** The configured tier's allowance does not hold the month (AWS may slow the distribution down). */
  exceeded: boolean;
}

/** The tier to bill for a month of `requests` and `bytes`: `plan`, or the next tier up whose allowance holds them. */
export function tierFor(plan: PricingPlan, requests: number, bytes: number): DistributionMonth {
  if (plan === 'pay-as-you-go') return { requests, bytes, plan, billedTier: null, exceeded: false };
  const fits = (tier: FlatRateTier) =>
    requests <= FLAT_RATE_TIERS[tier].requests && bytes <= FLAT_RATE_TIERS[tier].bytes;
  const candidates = TIERS.slice(TIERS.indexOf(plan));
  const billedTier = candidates.find(fits) ?? 'premium';
  return { requests, bytes, plan, billedTier, exceeded: !fits(plan) };
}

export interface MonthlyBill {
  users: number;
  apiRequests: number;
  byService: Bill;
  total: number;
  /** The same after the always-free allowances (Lambda, CloudFront pay-as-you-go, DynamoDB storage, CloudWatch). */
  totalAfterFreeTier: number;
  distributions: { api: DistributionMonth; media: DistributionMonth };
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
  let apiBytes = 0;
  const invocations: Record<FunctionName, number> = { api: 0, dispatcher: 0, refresh: 0 };
  let gbSeconds = 0;
  let logBytes = 0;
  const perOperation = operations.map((op) => {
    const requests = users * op.perUserMonth + op.fixedPerMonth;
    invocations[op.fn] += requests * op.invocations;
    if (op.fn === 'api') {
      apiRequests += requests;
      apiBytes += requests * op.responseBytes;
    }
    gbSeconds += requests * (op.billedMs / 1000) * (memoryOf(op, deployment) / 1024);
    logBytes +=
      requests *
      (op.logBytes + op.invocations * PLATFORM_LOG_BYTES + (op.fn === 'api' ? ACCESS_LOG_BYTES : 0));
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

  // Cold starts: each function's floor (FunctionSettings), else one in a hundred invocations, each at the
  // API's measured cold start (the background functions' bundles are smaller) and reading its secrets.
  const coldGbSeconds = (memoryMb: number) =>
    (billedMilliseconds(deployment.coldStartMs, deployment.coldStartMs, memoryMb) / 1000) * (memoryMb / 1024);
  let coldSeconds = 0;
  let secretReads = 0;
  for (const [name, fn] of Object.entries(deployment.functions) as [FunctionName, FunctionSettings][]) {
    const coldStarts = Math.max(fn.minColdStarts, invocations[name] * 0.01);
    coldSeconds += coldStarts * coldGbSeconds(fn.memoryMb);
    secretReads += coldStarts * fn.secretsRead;
  }
  gbSeconds += coldSeconds;
  add('Lambda', coldSeconds * PRICES.lambda.perGbSecondArm);
  add('Secrets Manager', (secretReads * PRICES.secretsManager.perTenThousandCalls) / 10_000);

  // Media: thumbnails and images from the media CDN (no WAF unless a plan includes one), misses read S3.
  const { media } = deployment;
  const mediaRequests = users * (media.thumbnailViewsPerUserMonth + media.imageViewsPerUserMonth);
  const mediaBytes =
    users *
    (media.thumbnailViewsPerUserMonth * deployment.thumbnailBytes +
      media.imageViewsPerUserMonth * deployment.imageBytes);
  const distributions = {
    api: tierFor(deployment.plans.api, apiRequests, apiBytes),
    media: tierFor(deployment.plans.media, mediaRequests, mediaBytes),
  };
  if (distributions.media.billedTier === null) {
    add(
      'CloudFront',
      (mediaRequests * PRICES.cloudFront.perMillionRequests) / 1e6 +
        (mediaBytes / GB) * PRICES.cloudFront.perGbOut,
    );
  }
  for (const distribution of Object.values(distributions)) {
    if (distribution.billedTier) add('CloudFront', FLAT_RATE_TIERS[distribution.billedTier].monthly);
  }
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

  // Fixed: the API's web ACL (unless its plan includes it), the secrets, the alarms; the table's storage
  // (and its backups where PITR is on).
  if (distributions.api.billedTier === null) {
    add('WAF', PRICES.waf.perWebAclMonth + deployment.wafRules * PRICES.waf.perRuleMonth);
  }
  add('Secrets Manager', deployment.secrets * PRICES.secretsManager.perSecretMonth);
  add('CloudWatch', deployment.alarms * PRICES.cloudWatch.perAlarmMonth);
  const tableGb = (users * deployment.tableBytesPerUser) / GB;
  add(
    'DynamoDB',
    tableGb *
      (PRICES.dynamodb.perGbMonth + (deployment.pointInTimeRecovery ? PRICES.dynamodb.pitrPerGbMonth : 0)),
  );

  const total = SERVICES.reduce((sum, service) => sum + bill[service], 0);
  // CloudFront's always-free allowance covers pay-as-you-go distributions only.
  const paygCdn = Object.values(distributions).filter((distribution) => distribution.billedTier === null);
  const cloudFrontRequests = paygCdn.reduce((sum, distribution) => sum + distribution.requests, 0);
  const cloudFrontGb = paygCdn.reduce((sum, distribution) => sum + distribution.bytes, 0) / GB;
  const freeTier =
    Math.min(invocations.api + invocations.dispatcher + invocations.refresh, FREE_TIER.lambdaRequests) *
      (PRICES.lambda.perMillionRequests / 1e6) +
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
    distributions,
    operations: perOperation.sort((a, b) => b.cost - a.cost),
  };
}

/**
 * The monthly active users at which a distribution's traffic outgrows a flat-rate tier's allowance
 * (requests or bytes, whichever first), given its traffic per user.
 */
export function usersWithin(tier: FlatRateTier, requestsPerUser: number, bytesPerUser: number): number {
  const allowance = FLAT_RATE_TIERS[tier];
  return Math.floor(
    Math.min(
      requestsPerUser > 0 ? allowance.requests / requestsPerUser : Number.POSITIVE_INFINITY,
      bytesPerUser > 0 ? allowance.bytes / bytesPerUser : Number.POSITIVE_INFINITY,
    ),
  );
}
