import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { StageSettings } from './stages.js';

/** AWS managed rule groups in front of the API (each is a billed rule: see `npm run cost`). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** What the rate rule answers: Amply's error envelope, with Retry-After. */
const RATE_LIMITED_BODY = JSON.stringify({
  success: false,
  error: { code: 'RATE_LIMITED', message: 'Too many requests; try again later', statusCode: 429 },
});

/**
 * The WAF in front of the API's CloudFront distribution (so it lives in us-east-1). A rate-based rule
 * per client IP (by default 100 requests per 5 minutes) is the API's general per-IP limit on AWS, answered
 * as 429 in the envelope; the managed groups drop known-bad addresses and inputs. The Core Rule Set's 8 KB
 * body limit only counts: the API takes bodies up to 1 MiB and validates them itself.
 */
export class ApiWebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const visibility = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName: `amply-${settings.stage}-${name}`,
      sampledRequestsEnabled: true,
    });
    const managed = (
      name: (typeof MANAGED_RULE_GROUPS)[number],
      priority: number,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(name === 'AWSManagedRulesCommonRuleSet'
            ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    this.acl = new CfnWebACL(this, 'Acl', {
      name: `amply-${settings.stage}-api`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('api'),
      customResponseBodies: {
        'rate-limited': { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rate-limited',
                responseHeaders: [{ name: 'Retry-After', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: settings.wafRateLimit,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('rate-per-ip'),
        },
        ...MANAGED_RULE_GROUPS.map((name, index) => managed(name, index + 1)),
      ],
    });
  }
}

/**
 * The media CDN's web ACL, made only when its distribution is on a flat-rate plan: a plan covers exactly
 * one distribution and one web ACL, which it includes in its price. No rules: a per-IP rate rule would
 * block a gallery of thumbnails, and the bucket answers only GETs of `images/`; the plan's DDoS
 * protection applies all the same.
 */
export class MediaWebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.acl = new CfnWebACL(this, 'Acl', {
      name: `amply-${settings.stage}-media`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `amply-${settings.stage}-media`,
        sampledRequestsEnabled: true,
      },
      rules: [],
    });
  }
}
