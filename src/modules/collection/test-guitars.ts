import type { TestApp } from '../../../test/helpers/test-app.js';

/** A valid guitar body; tests override what they are about. */
export function guitarBody(overrides: Record<string, unknown> = {}) {
  return {
    brand: 'Fender',
    model: 'Stratocaster',
    year: 1965,
    type: 'electric',
    color: 'Sunburst',
    numberOfFrets: 21,
    caseIncluded: true,
    detailedSpecs: { neckProfile: 'C', radius: '7.25"' },
    privateInfo: {
      serialNumber: 'L12345',
      purchaseDate: '2021-06-30',
      purchasePrice: '1499.99',
      currentValue: '2100.50',
      currency: 'EUR',
    },
    ...overrides,
  };
}

/** Creates a guitar through the API and returns it; throws unless it answers 201. */
export async function createGuitar(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const created = await t.call('POST', '/guitars', { token, body: guitarBody(overrides) });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.text}`);
  return created.json.data as { id: string; version: number } & Record<string, unknown>;
}
