import { round } from './stats.js';

export interface Target {
  value: number;
  /** The limit, and on which side of it a value passes. */
  limit: number;
  better: 'higher' | 'lower';
  pass: boolean;
}

export function target(value: number, limit: number, better: Target['better']): Target {
  const pass = better === 'higher' ? value >= limit : value <= limit;
  return { value: round(value, 3), limit, better, pass };
}

export function verdict(t: Target | undefined): string {
  if (!t || Number.isNaN(t.value)) return 'n/a';
  return `${t.pass ? 'PASS' : 'MISS'} (target ${t.better === 'higher' ? '≥' : '≤'} ${t.limit})`;
}

/** A plain text table, columns padded to their widest cell; numbers are right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[], raw: (string | number)[] = row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return typeof raw[column] === 'number' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map((row) => line(row.map(String), row))].join('\n');
}

export function heading(title: string): string {
  return `\n== ${title} ${'='.repeat(Math.max(0, 72 - title.length))}`;
}

export const kib = (bytes: number) => `${round(bytes / 1024)} KiB`;
export const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${round(value)} ms`);
