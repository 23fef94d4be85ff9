import { describe, expect, it } from 'vitest';
import { text } from './text.js';

const line = text({ max: 20 });
const lines = text({ max: 20, multiline: true });

function problem(schema: typeof line, value: string): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('text fields', () => {
  it('trims and normalises to NFC', () => {
    expect(line.parse('  Cafe\u0301 ')).toBe('Café');
    expect(line.parse('  Cafe\u0301 ')).toHaveLength(4);
  });

  it('refuses unpaired surrogates at either end of a pair', () => {
    expect(problem(line, '\ud800')).toMatch(/unpaired surrogate/);
    expect(problem(line, 'a\udfffb')).toMatch(/unpaired surrogate/);
    expect(line.parse('🎸')).toBe('🎸');
  });

  it('refuses NUL and other control characters, and line breaks in one-line fields only', () => {
    expect(problem(line, 'a\u0000b')).toMatch(/control character/);
    expect(problem(line, 'a\u0085b')).toMatch(/control character/);
    expect(problem(line, 'a\nb')).toMatch(/one line/);
    expect(lines.parse('a\nb\tc')).toBe('a\nb\tc');
    expect(problem(lines, 'a\rb')).toMatch(/only line breaks and tabs/);
  });

  it('refuses bidirectional overrides and isolates', () => {
    expect(problem(line, 'abc\u202Egpj.exe')).toMatch(/bidirectional/);
    expect(problem(line, '\u2066x\u2069')).toMatch(/bidirectional/);
  });

  it('refuses strings with nothing visible, and keeps joiners inside visible text', () => {
    expect(problem(line, '\u200b\u200d')).toMatch(/no visible character/);
    expect(problem(line, '   ')).toBe('Required');
    expect(line.parse('👩\u200d🎤')).toBe('👩\u200d🎤');
  });

  it('holds its length limits after trimming', () => {
    expect(problem(line, 'x'.repeat(21))).toBe('At most 20 characters');
    expect(problem(text({ max: 30, min: 3 }), ' ab ')).toBe('At least 3 characters');
  });
});
