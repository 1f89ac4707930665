/**
 * Benchmark: seed an invented population (default 1,000,000 persons) into a fresh embedded database,
 * then time a full screening of a year, a re-run on unchanged inputs, the national summary (read from
 * rollups), the county aggregation behind the rollups, and the same aggregation run by DuckDB on the
 * same household-level rows (exported to CSV) for comparison. Prints its figures; asserts nothing.
 *
 *   npm run bench                       # 1,000,000 persons, SQLite
 *   BENCH_PERSONS=200000 npm run bench  # smaller
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench   # PostgreSQL (schema dropped first)
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DuckDBInstance } from '@duckdb/node-api';
import { openRuntime } from '../src/server/bootstrap';
import { NATIONAL_SCOPE } from '../src/server/repositories/scope';
import { RollupRepository } from '../src/server/repositories/rollup.repository';
import { SCREENING_RULES, ruleIdsOfFlags } from '../src/server/domain/rules';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'zhenxing-bench-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const ms = (t: number) => Math.round(performance.now() - t);
const rss = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`;

const rt = await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: pgUrl ?? '', LOG_LEVEL: 'silent', ZX_ID_KEY: '22'.repeat(32) });
if (pgUrl) {
  await sql`drop schema public cascade`.execute(rt.db);
  await sql`create schema public`.execute(rt.db);
  await rt.close();
}
const run = pgUrl ? await openRuntime({ ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: pgUrl, LOG_LEVEL: 'silent', ZX_ID_KEY: '22'.repeat(32) }) : rt;
const s = run.services;
const year = run.config.defaultYear;
console.log(`database: ${pgUrl ? 'PostgreSQL' : 'SQLite'}; target ${persons.toLocaleString()} persons`);

let t = performance.now();
await s.regions.ensureReferenceData();
console.log(`reference data: ${ms(t)} ms`);

t = performance.now();
let last = 0;
const seeded = await s.seed.seed({
  persons,
  seed: 42,
  onProgress: (d) => {
    if (d - last >= 100_000) {
      last = d;
      process.stderr.write(`  seeded ${d.toLocaleString()} persons (${rss()})\n`);
    }
  },
});
const seedMs = ms(t);
console.log(`seed (register + facts + screen 2 years): ${seeded.persons.toLocaleString()} persons, ${seeded.households.toLocaleString()} households in ${seedMs} ms = ${Math.round(seeded.persons / (seedMs / 1000)).toLocaleString()} persons/s`);

// Full screening with every stored result invalidated, so that all are recomputed and written.
await run.db.updateTable('householdFact').set({ screenedFactsHash: 'stale' }).where('year', '=', year).execute();
t = performance.now();
const full = await s.screening.screen({ year });
const fullMs = ms(t);
console.log(`full screening ${year}: ${full.households.toLocaleString()} households (${seeded.persons.toLocaleString()} persons), ${full.changed.toLocaleString()} results written, ${fullMs} ms = ${Math.round(seeded.persons / (fullMs / 1000)).toLocaleString()} persons/s, ${Math.round(full.households / (fullMs / 1000)).toLocaleString()} households/s`);

t = performance.now();
const again = await s.screening.screen({ year });
console.log(`re-run on unchanged inputs: ${again.changed} results written, ${ms(t)} ms`);

t = performance.now();
const summary = await s.summary.summary(NATIONAL_SCOPE, null, year);
console.log(`national summary (rollups): ${ms(t)} ms (households ${summary.households.toLocaleString()}, flagged ${summary.flaggedHouseholds.toLocaleString()})`);

const ruleIds = SCREENING_RULES.map((r) => r.id);
t = performance.now();
const agg = await new RollupRepository(run.db).aggregate(NATIONAL_SCOPE, year, 'county', ruleIds);
const aggMs = ms(t);
console.log(`county aggregation over household-level tables (${pgUrl ? 'PostgreSQL' : 'SQLite'}): ${aggMs} ms (${agg.length} metric rows)`);

// The same aggregation in DuckDB on the same rows.
const csv = join(dir, 'households.csv');
const out = createWriteStream(csv);
out.write('county_code,household_type,monitored_category,risk_eliminated,risk_types,member_count,per_capita,flagged_rules,threshold_fen\n');
let afterId = 0;
for (;;) {
  const rows = await run.db
    .selectFrom('household as h')
    .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
    .leftJoin('screeningContext as c', 'c.id', 'f.contextId')
    .select(['h.id', 'h.countyCode', 'h.householdType', 'h.monitoredCategory', 'h.riskEliminated', 'h.riskTypes', 'h.memberCount', 'f.perCapitaNetIncomeFen', 'f.flags', 'c.thresholdFen'])
    .where('h.id', '>', afterId)
    .orderBy('h.id')
    .limit(50_000)
    .execute();
  if (!rows.length) break;
  afterId = rows[rows.length - 1]!.id;
  for (const r of rows) out.write(`${r.countyCode},${r.householdType},${r.monitoredCategory ?? ''},${r.riskEliminated},"${r.riskTypes}",${r.memberCount},${r.perCapitaNetIncomeFen ?? ''},"${r.flags ? ruleIdsOfFlags(r.flags).join(',') : ''}",${r.thresholdFen ?? ''}\n`);
}
await new Promise((res) => out.end(res));
const duck = await DuckDBInstance.create(':memory:');
const conn = await duck.connect();
t = performance.now();
await conn.run(`create table h as select * from read_csv('${csv}', header=true, columns={'county_code':'VARCHAR','household_type':'VARCHAR','monitored_category':'VARCHAR','risk_eliminated':'INTEGER','risk_types':'VARCHAR','member_count':'INTEGER','per_capita':'BIGINT','flagged_rules':'VARCHAR','threshold_fen':'BIGINT'})`);
const loadMs = ms(t);
const ruleSums = ruleIds.map((id) => `sum(case when flagged_rules like '%${id}%' then 1 else 0 end)`).join(', ');
t = performance.now();
const res = await conn.runAndReadAll(`select county_code, count(*), sum(member_count), sum(case when household_type = 'liftedOutOfPoverty' then 1 else 0 end),
  sum(case when monitored_category is not null and risk_eliminated = 0 then 1 else 0 end), sum(case when flagged_rules <> '' then 1 else 0 end), ${ruleSums},
  sum(case when per_capita >= 0 and per_capita < threshold_fen then 1 else 0 end), sum(case when per_capita >= threshold_fen * 3 then 1 else 0 end)
  from h group by county_code`);
const duckMs = ms(t);
console.log(`same county aggregation in DuckDB: ${duckMs} ms (${res.getRows().length} counties; CSV load ${loadMs} ms)`);
console.log(`peak RSS ≈ ${rss()}`);
conn.closeSync();
await run.close();
rmSync(dir, { recursive: true, force: true });
