/**
 * AWS list prices in us-east-1 (USD), as published in 2026; other regions differ by a few percent.
 * The model applies them to measured usage; `FREE_TIER` lists the always-free allowances (not the
 * 12-month ones), shown separately so the list-price bill stays comparable.
 */
export const PRICES = {
  lambda: { perGbSecondArm: 0.0000133334, perMillionRequests: 0.2 },
  httpApi: { perMillionRequests: 1.0 },
  dynamodb: {
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
    perGbMonth: 0.25,
    pitrPerGbMonth: 0.2,
  },
  s3: {
    perGbMonth: 0.023,
    perThousandPuts: 0.005,
    perThousandGets: 0.0004,
    /** Intelligent-Tiering monitoring, objects of 128 KB and more. */
    intelligentTieringPerThousandObjects: 0.0025,
    perThousandLifecycleTransitions: 0.01,
  },
  cloudFront: { perGbOut: 0.085, perMillionRequests: 1.0 },
  waf: { perWebAclMonth: 5, perRuleMonth: 1, perMillionRequests: 0.6 },
  secretsManager: { perSecretMonth: 0.4, perTenThousandCalls: 0.05 },
  cloudWatch: { perAlarmMonth: 0.1, perGbLogsIngested: 0.5 },
  ses: { perThousandMails: 0.1 },
} as const;

export const FREE_TIER = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  cloudFrontGbOut: 1024,
  cloudFrontRequests: 10_000_000,
  dynamodbGb: 25,
  cloudWatchAlarms: 10,
  cloudWatchLogsGb: 5,
} as const;
