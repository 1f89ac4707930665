/**
 * Measures the demo-population generator: speed of a bare run, then the calibration quantities of a
 * second run (see data/seed-calibration.csv). Run: `npx tsx src/server/seed/measure.ts [persons] [seed]`
 * (default 1,000,000 persons, seed 20251231). Villages are synthetic codes over a few real key-county
 * codes; all people are invented.
 */
import { DEMO_COUNTIES, syntheticVillages } from './demo-villages';
import { generateHouseholds, type SeedOptions } from './generator';
import { PopulationStats } from './stats';

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

main();
