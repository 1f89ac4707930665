/**
 * Synthetic villages for demos, tests and measurements: real county codes, invented village codes
 * (12 digits, format only; they need not exist in the division table).
 */
import type { SeedVillage } from './generator';

/** Synthetic villages: `perCounty` villages under each county code (12-digit codes, format only). */
export function syntheticVillages(countyCodes: readonly string[], perCounty: number): SeedVillage[] {
  const out: SeedVillage[] = [];
  for (const county of countyCodes) {
    for (let i = 0; i < perCounty; i++) {
      const township = 100 + Math.floor(i / 20);
      const village = 200 + (i % 20);
      out.push({ code: `${county}${township}${village}`, countyCode: county, provinceCode: county.slice(0, 2) });
    }
  }
  return out;
}

/**
 * Real county codes (GB/T 2260) used for demos and tests: 从江 522633, 昭觉 513431, 大化 451229,
 * 巴林左旗 150422 and 酉阳 500242 are in data/key-counties-160.csv; 威信 530629 and 称多 632723 are in
 * provinces whose list there is incomplete; 皮山 653223 is in Xinjiang (handled by reference).
 */
export const DEMO_COUNTIES = ['522633', '513431', '451229', '530629', '632723', '653223', '150422', '500242'] as const;
