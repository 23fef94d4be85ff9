import type { ListEntryItem } from './store.js';

/*
 * Where an open casting is listed (decision 31): one entry per combination of its three filter values
 * (role type, compensation type, location; each either the casting's value or "any": 8 entries) and one
 * per search word of its title and skills. Every list a client can ask for is then one partition, read
 * newest first with one Query.
 */

/** Search words per casting at most: each is one more small write on create, update, close and reopen. */
export const MAX_WORDS = 24;
const MIN_WORD_LENGTH = 2;
const STOP_WORDS = new Set(['an', 'and', 'the', 'for', 'of', 'in', 'on', 'to', 'with', 'at', 'or', 'by']);

/** Lower case, accents off (NFKD without marks), split on anything but letters and digits. */
function tokens(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The distinct search words of some texts, in order of appearance, at most `MAX_WORDS`. */
export function searchWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const word of texts.flatMap(tokens)) {
    if (word.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(word)) words.add(word.slice(0, 40));
  }
  return [...words].slice(0, MAX_WORDS);
}

/** A location as filtered: "Berlin, DE" and "berlin de" are both `berlin-de`. */
export function locationKey(location: string): string {
  return tokens(location).join('-').slice(0, 100) || '-';
}

export interface FilterValues {
  roleType?: string | undefined;
  compensationType?: string | undefined;
  locationKey?: string | undefined;
}

/** The list partition of one filter combination (`*` where a filter is not set). */
export function filterScope(filter: FilterValues): string {
  return `f:${filter.roleType ?? '*'}:${filter.compensationType ?? '*'}:${filter.locationKey ?? '*'}`;
}

export const wordScope = (word: string) => `w:${word}`;

/** Every list partition a casting with these values belongs to while it is open. */
export function scopesOf(values: Required<FilterValues>, words: string[]): string[] {
  const scopes: string[] = [];
  for (const roleType of [values.roleType, undefined]) {
    for (const compensationType of [values.compensationType, undefined]) {
      for (const location of [values.locationKey, undefined]) {
        scopes.push(filterScope({ roleType, compensationType, locationKey: location }));
      }
    }
  }
  return [...scopes, ...words.map(wordScope)];
}

/** The key of a casting's entry in one partition (for deletion). */
export type EntryKey = Pick<ListEntryItem, 'scope' | 'bucket' | 'createdAt' | 'castingId'>;
