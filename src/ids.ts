import { monotonicFactory, ulid } from 'ulid';

export const ID_PREFIXES = ['usr', 'ses', 'evt', 'gtr', 'img', 'note', 'cst', 'app', 'pfi', 'pky'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

/** Prefixed, time-sortable, unguessable ids (`usr_01jd…`): a ULID carries 48 bits of time and 80 random bits. */
export type IdGenerator = (prefix: IdPrefix, atMs?: number) => string;

export const newId: IdGenerator = (prefix, atMs) => `${prefix}_${ulid(atMs).toLowerCase()}`;

const ID_SHAPES = Object.fromEntries(
  ID_PREFIXES.map((prefix) => [prefix, new RegExp(`^${prefix}_[0-9a-z]{26}$`)]),
) as Record<IdPrefix, RegExp>;

/** Whether `value` has the shape of an id with this prefix (the prefix, `_`, 26 lower-case ULID characters). */
export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && ID_SHAPES[prefix].test(value);
}

const monotonic = monotonicFactory();

/**
 * For append-only records whose order matters (the audit trail): ids made by this process in the same
 * millisecond still sort in the order they were made. The random part of such a run is predictable,
 * so never use these where an id must be unguessable.
 */
export const newOrderedId: IdGenerator = (prefix, atMs) => `${prefix}_${monotonic(atMs).toLowerCase()}`;
