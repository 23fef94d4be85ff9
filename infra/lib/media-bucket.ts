import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BLOB_PREFIX } from '../../src/adapters/blobs/blob-store.js';
import type { StageSettings } from './stages.js';

/**
 * The media bucket behind the blob-storage port: `uploads/` (direct uploads from the browser, gone after a
 * day whether or not they were completed), `images/` (served by CloudFront, Intelligent-Tiering) and
 * `receipts/` (private, signed URLs only; Glacier Instant Retrieval after a year, so a signed URL still
 * opens an old receipt at once). Private, TLS only, no versioning: deleting an account deletes its files.
 */
export class MediaBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, settings: StageSettings, browserOrigins: string[]) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      // The browser PUTs straight to a pre-signed URL that binds type and length.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: browserOrigins,
          allowedHeaders: ['content-type'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        {
          id: 'abandoned-uploads',
          prefix: BLOB_PREFIX.uploads,
          expiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'images-intelligent-tiering',
          prefix: BLOB_PREFIX.images,
          transitions: [
            { storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) },
          ],
        },
        {
          id: 'receipts-archive',
          prefix: BLOB_PREFIX.receipts,
          transitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
          ],
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Every read and write goes through the function (one log line per request) or CloudFront for public images; ' +
        'server access logs would record the same requests again at extra cost. Enable CloudTrail data events to audit.',
    });
  }
}
