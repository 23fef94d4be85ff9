import { describe, expect, it } from 'vitest';
import { FLAT_RATE_TIERS } from '../../infra/lib/stages.js';
import { type Deployment, type MeasuredOperation, monthlyBill, tierFor, usersWithin } from './model.js';
import { PRICES } from './prices.js';

const operation = (overrides: Partial<MeasuredOperation> = {}): MeasuredOperation => ({
  name: 'GET /users/me',
  module: 'identity',
  perUserMonth: 10,
  fixedPerMonth: 0,
  fn: 'api',
  invocations: 1,
  readUnits: 1,
  writeUnits: 0,
  indexWriteUnits: 0,
  dynamoCalls: 1,
  billedMs: 20,
  cpuMs: 5,
  wallMs: 20,
  responseBytes: 2048,
  logBytes: 300,
  mails: 0,
  s3Puts: 0,
  s3Gets: 0,
  s3Lists: 0,
  eventsPublished: 0,
  eventsCarried: 0,
  ...overrides,
});

const deployment = (plans: Deployment['plans']): Deployment => ({
  functions: {
    api: { memoryMb: 512, secretsRead: 2, minColdStarts: 2880 },
    dispatcher: { memoryMb: 256, secretsRead: 1, minColdStarts: 720 },
    refresh: { memoryMb: 256, secretsRead: 2, minColdStarts: 30 },
  },
  wafRules: 4,
  secrets: 2,
  alarms: 8,
  pointInTimeRecovery: true,
  plans,
  coldStartMs: 300,
  imageBytes: 300_000,
  thumbnailBytes: 20_000,
  uploadBytes: 2_400_000,
  tableBytesPerUser: 10_000,
  media: {
    thumbnailViewsPerUserMonth: 30,
    imageViewsPerUserMonth: 1,
    storedImagesPerUser: 2,
    cacheMissRatio: 0.1,
  },
});

describe('flat-rate tiers', () => {
  it('bills the configured tier while its allowance holds the month', () => {
    expect(tierFor('free', 900_000, 10e9)).toMatchObject({ billedTier: 'free', exceeded: false });
  });

  it('bills the smallest larger tier that holds the month, and marks the configured one exceeded', () => {
    expect(tierFor('free', 2_000_000, 10e9)).toMatchObject({ billedTier: 'pro', exceeded: true });
    // Bytes count as well as requests.
    expect(tierFor('free', 10, 200e9)).toMatchObject({ billedTier: 'pro', exceeded: true });
    expect(tierFor('pro', 20_000_000, 1e9)).toMatchObject({ billedTier: 'business', exceeded: true });
  });

  it('leaves a pay-as-you-go distribution without a tier', () => {
    expect(tierFor('pay-as-you-go', 1e9, 1e12)).toMatchObject({ billedTier: null, exceeded: false });
  });

  it('finds the users a tier holds from the traffic per user, whichever allowance runs out first', () => {
    expect(usersWithin('free', 100, 1000)).toBe(10_000);
    expect(usersWithin('free', 1, 1e6)).toBe(100_000);
    expect(usersWithin('free', 0, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the monthly bill', () => {
  const ops = [operation()];

  it('bills the web ACL and CloudFront per request on pay-as-you-go, and neither on a flat-rate plan', () => {
    const payg = monthlyBill(1000, ops, deployment({ api: 'pay-as-you-go', media: 'pay-as-you-go' }));
    const flat = monthlyBill(1000, ops, deployment({ api: 'free', media: 'free' }));
    expect(payg.byService.WAF).toBeGreaterThanOrEqual(
      PRICES.waf.perWebAclMonth + 4 * PRICES.waf.perRuleMonth,
    );
    expect(payg.byService.CloudFront).toBeGreaterThan(0);
    expect(flat.byService.WAF).toBe(0);
    expect(flat.byService.CloudFront).toBe(0);
    expect(flat.distributions.api).toMatchObject({ billedTier: 'free', requests: 10_000 });
    // Everything else is billed the same way.
    expect(flat.byService.DynamoDB).toBe(payg.byService.DynamoDB);
    expect(flat.byService.Lambda).toBe(payg.byService.Lambda);
  });

  it('bills the next tier’s monthly price once a free plan’s allowance is outgrown', () => {
    const bill = monthlyBill(200_000, ops, deployment({ api: 'free', media: 'pay-as-you-go' }));
    expect(bill.distributions.api).toMatchObject({ billedTier: 'pro', exceeded: true, requests: 2_000_000 });
    expect(bill.byService.WAF).toBe(0);
    // The same month as a Pro plan from the start; and Pro's price over the media CDN's pay-as-you-go bill.
    const pro = monthlyBill(200_000, ops, deployment({ api: 'pro', media: 'pay-as-you-go' }));
    expect(pro.distributions.api).toMatchObject({ billedTier: 'pro', exceeded: false });
    expect(bill.byService.CloudFront).toBe(pro.byService.CloudFront);
    const mediaFree = monthlyBill(200_000, ops, deployment({ api: 'pro', media: 'business' }));
    expect(mediaFree.byService.CloudFront).toBe(
      FLAT_RATE_TIERS.pro.monthly + FLAT_RATE_TIERS.business.monthly,
    );
  });

  it('runs the dispatcher’s fixed work whatever the users, outside API Gateway and the CDN', () => {
    const sweep = operation({
      name: 'sweep',
      module: 'events',
      perUserMonth: 0,
      fixedPerMonth: 43_200,
      fn: 'dispatcher',
      responseBytes: 0,
    });
    const plans = { api: 'pay-as-you-go', media: 'pay-as-you-go' } as const;
    const without = monthlyBill(1000, ops, deployment(plans));
    const withSweep = monthlyBill(1000, [...ops, sweep], deployment(plans));
    expect(withSweep.apiRequests).toBe(without.apiRequests);
    expect(withSweep.byService['API Gateway']).toBe(without.byService['API Gateway']);
    expect(withSweep.byService.Lambda).toBeGreaterThan(without.byService.Lambda);
    expect(withSweep.operations.find((op) => op.name === 'sweep')?.requests).toBe(43_200);
  });
});
