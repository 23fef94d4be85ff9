import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';

/** How a screenshot of a page reads: distinct colours, and the share of pixels unlike the page's corner. */
export async function screenshotContent(png: Buffer): Promise<{ colours: number; inkShare: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const background = (data[0] ?? 0) * 65536 + (data[1] ?? 0) * 256 + (data[2] ?? 0);
  const colours = new Set<number>();
  let ink = 0;
  for (let offset = 0; offset < data.length; offset += info.channels) {
    const colour = (data[offset] ?? 0) * 65536 + (data[offset + 1] ?? 0) * 256 + (data[offset + 2] ?? 0);
    colours.add(colour);
    if (colour !== background) ink += 1;
  }
  return { colours: colours.size, inkShare: ink / (info.width * info.height) };
}

/**
 * Takes a full-page screenshot of `page` and fails if it looks blank: a page that drew its heading, text
 * and controls has dozens of colours (antialiased text) and several per cent of pixels unlike its background.
 */
export async function expectNotBlank(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: true });
  const { colours, inkShare } = await screenshotContent(png);
  expect(colours, `${name}: distinct colours`).toBeGreaterThan(16);
  expect(inkShare, `${name}: share of non-background pixels`).toBeGreaterThan(0.02);
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Runs axe-core (WCAG 2 A/AA rules: labels, contrast, names of buttons and links, landmarks) on the page as
 * it is now and fails on any serious or critical violation, naming the rule and the elements.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  const violations = (await page.evaluate(`${await axeSource}
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.help}): ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, `${name}: accessibility violations`).toEqual([]);
}
