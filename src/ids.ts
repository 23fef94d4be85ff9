import { monotonicFactory, ulid } from 'ulid';

export const ID_PREFIXES = ['usr', 'ses', 'evt', 'gtr', 'img', 'note', 'cst', 'app', 'pfi'] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

/** Prefixed, time-sortable, unguessable ids (`usr_01jd…`): a ULID carries 48 bits of time and 80 random bits. */
export type IdGenerator = (prefix: IdPrefix, atMs?: number) => string;

export const newId: IdGenerator = (prefix, atMs) => `${prefix}_${ulid(atMs).toLowerCase()}`;

const monotonic = monotonicFactory();

/**
 * For append-only records whose order matters (the audit trail): ids made by this process in the same
 * millisecond still sort in the order they were made. The random part of such a run is predictable,
 * so never use these where an id must be unguessable.
 */
export const newOrderedId: IdGenerator = (prefix, atMs) => `${prefix}_${monotonic(atMs).toLowerCase()}`;
