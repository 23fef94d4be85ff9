/** The time source every service uses, so tests can freeze and move time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Seconds since the epoch, the unit of DynamoDB's TTL attribute and of JWT times. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
