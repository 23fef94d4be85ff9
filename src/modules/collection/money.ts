/*
 * Money is a decimal string at the edge ("1499.99") and an integer count of the currency's minor unit
 * in storage and counters, so sums never meet a float rounding error (decisions 16 and 21).
 */

export const MONEY_PATTERN = /^(?:0|[1-9]\d{0,8})(?:\.\d{1,3})?$/;

const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return currencies.has(code);
}

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY, 3 for KWD). */
function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "1499.9" in EUR → 149990; undefined when the amount has more decimals than the currency has. */
export function toMinorUnits(amount: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const [whole = '0', fraction = ''] = amount.split('.');
  if (fraction.length > digits) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 149990 in EUR → "1499.90". */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
