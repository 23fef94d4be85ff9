/**
 * The one DynamoDB table Amply uses, described once. The local bootstrap, the tests, the CLI and the
 * CDK app all build the table from this definition, so the key names can never drift apart.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Generic secondary indexes; each module documents which of its entities use them and for what. */
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    gsi4: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  },
  /** Epoch seconds; DynamoDB deletes the item some time after. Readers treat a passed value as absent. */
  ttlAttribute: 'ttl',
} as const;

export type IndexName = keyof typeof TABLE.indexes;

/** The `CreateTable` input for a table named `tableName`, on-demand billing. */
export function createTableInput(tableName: string) {
  const indexNames = Object.keys(TABLE.indexes) as IndexName[];
  const keyAttributes = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...indexNames.flatMap((name) => [TABLE.indexes[name].partitionKey, TABLE.indexes[name].sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyAttributes.map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: indexNames.map((name) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: TABLE.indexes[name].partitionKey, KeyType: 'HASH' as const },
        { AttributeName: TABLE.indexes[name].sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
