import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * A clone of this repository is all a user has: the README, the docs and the code's comments describe
 * Amply in its own words. The design documents it grew from are named only as background in decision
 * records.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Spelt in pieces so this file does not match itself.
const OUTSIDE = [
  new RegExp(['\\.\\./', 'shared'].join('')),
  new RegExp(`\\b${'SP'}EC\\b`),
  new RegExp(`\\b${'se'}eds?[ _-]?0\\d\\d\\b`, 'i'),
  new RegExp(`\\b${'se'}eds/`, 'i'),
];

describe('the repository', () => {
  it('points at nothing a clone lacks, outside the background of decision records', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => /\.(?:ts|mjs|js|md|json|example)$|^\.env\.example$/.test(file))
      .filter((file) => !file.startsWith('docs/decisions/') && file !== 'package-lock.json');
    expect(files).toContain('README.md');
    const found = files.flatMap((file) =>
      readFileSync(`${ROOT}${file}`, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          OUTSIDE.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });
});
