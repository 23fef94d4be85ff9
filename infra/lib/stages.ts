import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { STAGES, type Stage } from '../../src/config.js';
import { parseAge } from '../../src/media/upload-sweep.js';

/**
 * How a CloudFront distribution is billed: per request and byte (with a web ACL billed on its own), or a
 * flat-rate plan with its allowance and the web ACL included (docs/decisions/0042).
 */
export const PRICING_PLANS = ['pay-as-you-go', 'free', 'pro', 'business', 'premium'] as const;
export type PricingPlan = (typeof PRICING_PLANS)[number];

/** Monthly price and allowance of each CloudFront flat-rate tier (USD; requests and bytes a month), as published in November 2025. */
export const FLAT_RATE_TIERS = {
  free: { monthly: 0, requests: 1_000_000, bytes: 100 * 1000 ** 3 },
  pro: { monthly: 15, requests: 10_000_000, bytes: 50 * 1000 ** 4 },
  business: { monthly: 200, requests: 125_000_000, bytes: 50 * 1000 ** 4 },
  premium: { monthly: 1000, requests: 500_000_000, bytes: 50 * 1000 ** 4 },
} as const satisfies Record<Exclude<PricingPlan, 'pay-as-you-go'>, unknown>;

export type FlatRateTier = keyof typeof FLAT_RATE_TIERS;

/** The region flat-rate plans can be subscribed from here (the plan manager's API lives there). */
export const PRICING_PLAN_REGION = 'us-east-1';

/**
 * What differs between the stages (the dev/staging/prod matrix): retention, backups, protection and
 * limits here; the deployer's own names (domain, mail sender, frontend, alarm address, region) come from
 * the CDK context key `amply:<stage>` in cdk.json or `-c`, checked by `STAGE_CONTEXT`.
 */
export interface StageSettings {
  stage: Stage;
  /** Where the stack lives; CloudFront's WAF is made in us-east-1 whatever this is. */
  region: string;
  account: string | undefined;
  logRetentionDays: 7 | 14 | 30;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  /** Keep the table, bucket and secrets when the stack is deleted. */
  retainData: boolean;
  /** The API function's size: 512 MB, 10 s (argon2id hashing and image thumbnails are the heavy work). */
  memoryMb: number;
  timeoutSeconds: number;
  /** API Gateway's ceiling in front of the function: a cost guard, far above what the WAF lets one address send. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** WAF: requests per IP per 5 minutes before it answers 429. */
  wafRateLimit: number;
  frontendUrl: string;
  corsOrigins: string[] | undefined;
  mailFrom: string;
  adminEmails: string[];
  alarmEmail: string | undefined;
  /** A custom domain for the API (CloudFront alternate name) and its ACM certificate in us-east-1. */
  domain: { name: string; certificateArn: string } | undefined;
  /** The event dispatcher's function: small (it waits on the table and on webhook endpoints), a pass may take minutes. */
  dispatcher: { memoryMb: number; timeoutSeconds: number };
  /**
   * The proactive refresh of platform connections (its own function, on a schedule): how often it runs
   * (whole minutes; each run refreshes the connections expiring before the next), or off.
   */
  refreshConnections:
    | { everyMinutes: number; memoryMb: number; timeoutSeconds: number }
    | { everyMinutes: undefined };
  /** How each distribution is billed: the API's (behind the WAF) and the media CDN's. */
  pricingPlan: { api: PricingPlan; media: PricingPlan };
  /** Pins the origin secret's version CloudFront sends; changing it makes CloudFront read a rotated value. */
  originSecretVersion: string | undefined;
}

const MATRIX: Record<
  Stage,
  Pick<StageSettings, 'logRetentionDays' | 'pointInTimeRecovery' | 'deletionProtection' | 'retainData'> & {
    apiThrottle: StageSettings['apiThrottle'];
    frontendUrl: string;
    /** How often the proactive refresh runs, as `refreshConnectionsEvery` takes it. */
    refreshConnectionsEvery: string;
  }
> = {
  dev: {
    logRetentionDays: 7,
    pointInTimeRecovery: false,
    deletionProtection: false,
    retainData: false,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    frontendUrl: 'http://localhost:5173',
    // Developers' connections are test accounts: refreshing them daily buys nothing (run the CLI by hand).
    refreshConnectionsEvery: 'off',
  },
  staging: {
    logRetentionDays: 14,
    pointInTimeRecovery: true,
    deletionProtection: false,
    retainData: true,
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    frontendUrl: 'https://staging.example.com',
    refreshConnectionsEvery: '1d',
  },
  prod: {
    logRetentionDays: 30,
    pointInTimeRecovery: true,
    deletionProtection: true,
    retainData: true,
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    frontendUrl: 'https://example.com',
    refreshConnectionsEvery: '1d',
  },
};

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

/** The deployer's settings for one stage, from the context key `amply:<stage>`; every one is optional. */
export const STAGE_CONTEXT = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    frontendUrl: url,
    corsOrigins: z.array(url).min(1),
    mailFrom: z.string().min(3),
    adminEmails: z.array(z.email()),
    alarmEmail: z.email(),
    domainName: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a DNS name such as api.example.com'),
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN in us-east-1'),
    wafRateLimit: z.number().int().min(10).max(2_000_000_000),
    pricingPlan: z.strictObject({ api: z.enum(PRICING_PLANS), media: z.enum(PRICING_PLANS) }).partial(),
    originSecretVersion: z.string().regex(/^[\w-]{32,64}$/, 'a Secrets Manager VersionId'),
    refreshConnectionsEvery: z
      .string()
      .refine(
        (value) => value === 'off' || refreshMinutes(value) !== undefined,
        'off, or whole minutes to a week such as 30m, 12h or 1d',
      ),
  })
  .partial()
  .strict()
  .refine((value) => (value.domainName === undefined) === (value.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
  });

export type StageContext = z.input<typeof STAGE_CONTEXT>;

/** The settings of `stage`: the matrix, overridden by the deployer's context (validated, every problem named). */
export function stageSettings(
  stage: Stage,
  context: unknown = {},
  defaults: { account?: string; region?: string } = {},
): StageSettings {
  const parsed = STAGE_CONTEXT.safeParse(context ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `amply:${stage}.${issue.path.join('.') || '(object)'}: ${issue.message}`,
    );
    throw new Error(`The CDK context for the ${stage} stage is not valid:\n  ${problems.join('\n  ')}`);
  }
  const given = parsed.data;
  const matrix = MATRIX[stage];
  const region = given.region ?? defaults.region ?? 'us-east-1';
  const flatRate = Object.values(given.pricingPlan ?? {}).some((plan) => plan !== 'pay-as-you-go');
  if (flatRate && region !== PRICING_PLAN_REGION) {
    throw new Error(
      `The CDK context for the ${stage} stage is not valid:\n  amply:${stage}.pricingPlan: flat-rate plans are ` +
        `subscribed from ${PRICING_PLAN_REGION}; deploy the stage there or subscribe in the CloudFront console`,
    );
  }
  return {
    stage,
    region,
    account: given.account ?? defaults.account,
    logRetentionDays: matrix.logRetentionDays,
    pointInTimeRecovery: matrix.pointInTimeRecovery,
    deletionProtection: matrix.deletionProtection,
    retainData: matrix.retainData,
    memoryMb: 512,
    timeoutSeconds: 10,
    apiThrottle: matrix.apiThrottle,
    wafRateLimit: given.wafRateLimit ?? 100,
    frontendUrl: given.frontendUrl ?? matrix.frontendUrl,
    corsOrigins: given.corsOrigins,
    mailFrom: given.mailFrom ?? 'Amply <no-reply@example.com>',
    adminEmails: given.adminEmails ?? [],
    alarmEmail: given.alarmEmail,
    domain:
      given.domainName && given.certificateArn
        ? { name: given.domainName, certificateArn: given.certificateArn }
        : undefined,
    dispatcher: { memoryMb: 256, timeoutSeconds: 120 },
    refreshConnections: refreshSchedule(given.refreshConnectionsEvery ?? matrix.refreshConnectionsEvery),
    pricingPlan: {
      api: given.pricingPlan?.api ?? 'pay-as-you-go',
      media: given.pricingPlan?.media ?? 'pay-as-you-go',
    },
    originSecretVersion: given.originSecretVersion,
  };
}

/** `12h` → 720: an interval in whole minutes from one minute to a week; undefined otherwise. */
function refreshMinutes(every: string): number | undefined {
  const ms = parseAge(every);
  if (ms === undefined || ms % 60_000 !== 0 || ms > 7 * 86_400_000) return undefined;
  return ms / 60_000;
}

/** The proactive refresh's function at `every`: 256 MB (it waits on platforms), five minutes a run. */
function refreshSchedule(every: string): StageSettings['refreshConnections'] {
  const everyMinutes = every === 'off' ? undefined : refreshMinutes(every);
  return everyMinutes === undefined
    ? { everyMinutes: undefined }
    : { everyMinutes, memoryMb: 256, timeoutSeconds: 300 };
}

export { STAGES, type Stage };

/** The context the repository's cdk.json gives `cdk synth` (every stage's settings as shipped). */
export function shippedContext(): Record<string, unknown> {
  const cdkJson = readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8');
  return (JSON.parse(cdkJson) as { context: Record<string, unknown> }).context;
}
