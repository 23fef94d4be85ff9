import { Annotations, Fn, type SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BLOB_PREFIX } from '../../src/adapters/blobs/blob-store.js';
import { ORIGIN_VERIFY_HEADER } from '../../src/http/origin-verify.js';
import type { StageSettings } from './stages.js';

const DEFAULT_CERTIFICATE_REASON =
  'Without a custom domain CloudFront serves its *.cloudfront.net certificate, whose TLS policy cannot be set; ' +
  'with domainName and certificateArn the distribution requires TLS 1.2 (TLSv1.2_2021).';

/**
 * The API's public address: CloudFront with the WAF in front of API Gateway, nothing cached, every header,
 * query and method passed on. On its way to the origin it adds the origin secret (read from Secrets
 * Manager at deploy time), so calls straight to API Gateway, which would skip the WAF, are refused.
 */
export class ApiDistribution extends Construct {
  readonly distribution: Distribution;
  /** `https://` + the custom domain or the distribution's own name: the API's public URL and token issuer. */
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; apiEndpoint: string; webAclArn: string; originSecret: SecretValue },
  ) {
    super(scope, id);
    const { settings } = props;
    const domain = settings.domain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Amply ${settings.stage} API`,
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          customHeaders: {
            // Resolved by CloudFormation at deploy time; the template holds only the reference.
            [ORIGIN_VERIFY_HEADER]: props.originSecret.unsafeUnwrap(),
          },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      webAclId: props.webAclArn,
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(domain
        ? {
            domainNames: [domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${domain ? domain.name : this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A music platform serves every country; no geo restriction.' },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'The function logs every request (id, route, status, latency, user) and API Gateway writes access logs; ' +
          'CloudFront logs would repeat them.',
      },
      ...(domain ? [] : [{ id: 'AwsSolutions-CFR4', reason: DEFAULT_CERTIFICATE_REASON }]),
    );
  }
}

/**
 * Public images: CloudFront in front of the media bucket with origin access control, reading `images/`
 * only (receipts and uploads stay private; receipts open through short-lived signed S3 URLs). Cached a
 * year (the function stores images with immutable cache headers). Not behind the API's WAF: a gallery
 * loads dozens of thumbnails, and a 100-per-5-minutes rule would block browsing. On a flat-rate plan it
 * gets a web ACL of its own without rules (`webAclArn`), because a plan covers a distribution and its ACL.
 */
export class MediaDistribution extends Construct {
  readonly distribution: Distribution;
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; bucket: Bucket; webAclArn?: string | undefined },
  ) {
    super(scope, id);
    const { settings, bucket } = props;
    // The origin grants nothing by itself (an imported reference cannot change the bucket policy); the
    // statement below grants this distribution `images/` alone.
    const reference: IBucket = Bucket.fromBucketAttributes(this, 'BucketReference', {
      bucketArn: bucket.bucketArn,
      bucketRegionalDomainName: bucket.bucketRegionalDomainName,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Amply ${settings.stage} media`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(reference),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The media bucket policy grants this distribution images/ only (MediaDistribution).',
    );
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsImages',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${BLOB_PREFIX.images}*`)],
        conditions: {
          StringEquals: {
            'AWS:SourceArn': Stack.of(this).formatArn({
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: this.distribution.distributionId,
            }),
          },
        },
      }),
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Public images for every country; no geo restriction.' },
      ...(props.webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason:
                'Immutable public images: a per-IP rate rule would block a gallery, and the bucket answers only GETs of images/.',
            },
          ]),
      {
        id: 'AwsSolutions-CFR3',
        reason: 'Public immutable images; request logs would cost more than they tell.',
      },
      { id: 'AwsSolutions-CFR4', reason: DEFAULT_CERTIFICATE_REASON },
    );
  }
}
