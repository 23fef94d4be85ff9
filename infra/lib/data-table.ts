import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { createTableInput, TABLE } from '../../src/data/table.js';
import type { StageSettings } from './stages.js';

/**
 * The one table, built from `src/data/table.ts` (the definition the local engine, the CLI and the tests
 * use): on-demand, encrypted with the AWS-managed KMS key, a NEW_AND_OLD_IMAGES stream for event
 * delivery, the TTL attribute, point-in-time recovery and deletion protection as the stage says.
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const definition = createTableInput(`amply-${settings.stage}`);
    const keyOf = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      tableName: definition.TableName,
      partitionKey: keyOf(TABLE.partitionKey),
      sortKey: keyOf(TABLE.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: settings.pointInTimeRecovery },
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.GlobalSecondaryIndexes) {
      const [partition, sort] = index.KeySchema;
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName,
        partitionKey: keyOf(partition?.AttributeName as string),
        sortKey: keyOf(sort?.AttributeName as string),
        projectionType: ProjectionType[index.Projection.ProjectionType],
        ...('NonKeyAttributes' in index.Projection
          ? { nonKeyAttributes: index.Projection.NonKeyAttributes as string[] }
          : {}),
      });
    }
    if (!settings.pointInTimeRecovery) {
      Validations.of(this.table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason: 'The dev stage holds throwaway data; staging and prod have point-in-time recovery.',
      });
    }
  }
}
