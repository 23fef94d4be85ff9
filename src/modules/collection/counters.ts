import type { CounterDelta, GuitarItem } from './store.js';

/*
 * What a guitar adds to its owner's counters: one to `total`, one to its brand, and — when it has a
 * currency — one guitar and its amounts to that currency. A change moves counters by the difference
 * between the contributions before and after it.
 */

type Contribution = Map<string, CounterDelta>;

export interface StoredPrivateInfo {
  serialNumber?: string;
  purchaseDate?: string;
  originalRetailPriceMinor?: number;
  purchasePriceMinor?: number;
  purchaseLocation?: string;
  currentValueMinor?: number;
  currency?: string;
  insuranceInfo?: string;
  /** The receipt's blob key under `receipts/`; served only through signed URLs. */
  receiptKey?: string;
}

function contribution(item: GuitarItem | null): Contribution {
  const counts: Contribution = new Map();
  if (!item) return counts;
  const one = (counterKey: string, extra: Partial<CounterDelta> = {}) =>
    counts.set(counterKey, { counterKey, count: 1, purchaseMinor: 0, valueMinor: 0, ...extra });
  one('total');
  one(`brand#${item.brandKey}`, { label: item.brand });
  const info = (item.privateInfo ?? {}) as StoredPrivateInfo;
  if (info.currency) {
    one(`currency#${info.currency}`, {
      purchaseMinor: info.purchasePriceMinor ?? 0,
      valueMinor: info.currentValueMinor ?? 0,
    });
  }
  return counts;
}

/** The counter changes that take `before` to `after` (either may be null: creation, deletion). */
export function counterDeltas(before: GuitarItem | null, after: GuitarItem | null): CounterDelta[] {
  const old = contribution(before);
  const next = contribution(after);
  const keys = new Set([...old.keys(), ...next.keys()]);
  const deltas: CounterDelta[] = [];
  for (const counterKey of keys) {
    const a = old.get(counterKey);
    const b = next.get(counterKey);
    const delta: CounterDelta = {
      counterKey,
      label: b?.label,
      count: (b?.count ?? 0) - (a?.count ?? 0),
      purchaseMinor: (b?.purchaseMinor ?? 0) - (a?.purchaseMinor ?? 0),
      valueMinor: (b?.valueMinor ?? 0) - (a?.valueMinor ?? 0),
    };
    // A brand spelt anew ("fender" → "Fender") moves no count but changes the label shown.
    const relabelled = a !== undefined && b?.label !== undefined && b.label !== a.label;
    if (delta.count !== 0 || delta.purchaseMinor !== 0 || delta.valueMinor !== 0 || relabelled) {
      deltas.push(delta);
    }
  }
  return deltas;
}

/**
 * The brand as it is compared, keyed and counted, made here only: "  Gibson  USA " and "gibson usa" are
 * one brand. Brands reach it as NFC text without lone surrogates (the request schema), so "América"
 * composed or decomposed is one key too.
 */
export function brandKey(brand: string): string {
  return brand.trim().replace(/\s+/g, ' ').toLowerCase();
}
