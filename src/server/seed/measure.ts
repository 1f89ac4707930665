/**
 * Measures the demo-population generator: speed of a bare run, then the calibration quantities of a
 * second run (see data/seed-calibration.csv). Run: `npx tsx src/server/seed/measure.ts [persons] [seed]`
 * (default 1,000,000 persons, seed 20251231). Villages are synthetic codes over a few real key-county
 * codes; all people are invented.
 */
import { generateHouseholds, type SeedOptions, type SeedVillage } from './generator';
import { PopulationStats } from './stats';

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

function main(): void {
  const persons = Number(process.argv[2] ?? 1_000_000);
  const seed = Number(process.argv[3] ?? 20251231);
  const villages = syntheticVillages(DEMO_COUNTIES, 150);
  const opts: SeedOptions = { seed, targetPersons: persons, years: [2024, 2025], asOf: '2025-12-31' };

  const t0 = performance.now();
  let households = 0;
  let people = 0;
  for (const h of generateHouseholds(villages, opts)) {
    households++;
    people += h.members.length;
  }
  const ms = performance.now() - t0;
  console.log(`generated ${people} persons in ${households} households in ${(ms / 1000).toFixed(2)} s (${villages.length} villages)`);

  const stats = new PopulationStats(opts.asOf, opts.years);
  for (const h of generateHouseholds(villages, opts)) stats.add(h);
  for (const [k, v] of stats.summary()) console.log(`${k}\t${Number.isInteger(v) ? v : v.toFixed(4)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
