import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RateLimiterDynamo, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type Clock, epochSeconds } from '../clock.js';
import { TABLE } from './table.js';

/** What `_get`/`_upsert` hand back to the library, in the shape its DynamoDB limiter uses. */
interface CounterItem {
  key: string;
  points: number;
  /** Window end, epoch seconds. */
  expire: number;
}

/**
 * rate-limiter-flexible's DynamoDB limiter, storing its counters as items of Amply's one table instead
 * of a table of its own. Windows are fixed and aligned, with the window number in the key, so each
 * request costs one UpdateItem (ADD) and no conditional retry.
 */
class TableRateLimiter extends RateLimiterDynamo {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
    options: { keyPrefix: string; points: number; duration: number },
  ) {
    super({
      ...options,
      storeClient: documentClient,
      tableName: table,
      tableCreated: true,
      ttlSet: true,
      // If the table cannot be reached, count in this instance's memory rather than fail the request.
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  private window(rlKey: string, msDuration: number) {
    const index = Math.floor(this.clock.now() / msDuration);
    return {
      key: { [TABLE.partitionKey]: `RL#${rlKey}#${index}`, [TABLE.sortKey]: 'RL' },
      expire: ((index + 1) * msDuration) / 1000,
    };
  }

  async _get(rlKey: string): Promise<CounterItem | null> {
    const { key } = this.window(rlKey, this.duration * 1000);
    const { Item } = await this.documentClient.send(new GetCommand({ TableName: this.table, Key: key }));
    return Item ? { key: rlKey, points: Item.points as number, expire: Item.expire as number } : null;
  }

  async _upsert(
    rlKey: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<CounterItem> {
    if (forceExpire || msDuration <= 0)
      throw new Error('TableRateLimiter supports consume() over fixed windows only');
    const { key, expire } = this.window(rlKey, msDuration);
    const { Attributes } = await this.documentClient.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression:
          'ADD points :points SET expire = if_not_exists(expire, :expire), #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': TABLE.ttlAttribute },
        ExpressionAttributeValues: {
          ':points': points,
          ':expire': expire,
          ':ttl': epochSeconds(expire * 1000) + 60,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { key: rlKey, points: Attributes?.points as number, expire: Attributes?.expire as number };
  }

  /** As the library's own, but timed by the injected clock so windows follow a test's frozen time. */
  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: CounterItem): RateLimiterRes {
    const isFirstInDuration = changedPoints === result.points;
    const consumedPoints = isFirstInDuration ? changedPoints : result.points;
    return new RateLimiterRes(
      Math.max(this.points - consumedPoints, 0),
      Math.max(result.expire * 1000 - this.clock.now(), 0),
      consumedPoints,
      isFirstInDuration,
    );
  }

  async _delete(rlKey: string): Promise<boolean> {
    const { key } = this.window(rlKey, this.duration * 1000);
    await this.documentClient.send(new DeleteCommand({ TableName: this.table, Key: key }));
    return true;
  }
}

export function createTableRateLimiter(
  documentClient: DynamoDBDocumentClient,
  table: string,
  clock: Clock,
  options: { keyPrefix: string; points: number; duration: number },
): RateLimiterDynamo {
  return new TableRateLimiter(documentClient, table, clock, options);
}
