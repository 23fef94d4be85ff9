import { CfnSubscription } from 'aws-cdk-lib/aws-pricingplanmanager';
import { Construct } from 'constructs';
import type { FlatRateTier } from './stages.js';

/**
 * A CloudFront flat-rate plan for one distribution and its web ACL (a plan covers exactly one of each):
 * a fixed monthly price instead of per-request and per-byte charges, the web ACL's fees included, no
 * overage charge past the allowance (AWS may slow the distribution down instead). A free tier is active
 * at once; a paid tier waits in PENDING_APPROVAL, unbilled, until approved outside CloudFormation
 * (README). CloudFormation refuses to change the tier of an existing subscription.
 */
export class FlatRatePlan extends Construct {
  readonly subscription: CfnSubscription;

  constructor(
    scope: Construct,
    id: string,
    props: { tier: FlatRateTier; distributionArn: string; webAclArn: string },
  ) {
    super(scope, id);
    this.subscription = new CfnSubscription(this, 'Subscription', {
      planFamily: 'CloudFront',
      planTier: props.tier.toUpperCase(),
      resourceArns: [props.distributionArn, props.webAclArn],
    });
    // cfn-lint 1.51's resource specification predates this type (November 2025) and calls it unknown;
    // the exception covers that one check on this one resource, so its properties go unlinted.
    this.subscription.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
  }
}
