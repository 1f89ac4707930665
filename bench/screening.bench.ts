/**
 * Scale benchmark (issue 15): seeds an invented population (default 1,000,000 persons), then times a full
 * screening of a year (every household-year rewritten, rollups to the village rebuilt), a re-run on
 * unchanged inputs, the figures of every dashboard level and the first household-list page, each product
 * figure printed beside its reference measured in the same run — DuckDB (@duckdb/node-api) running the
 * same five rules and per-county rollup over the same rows — with the ratio, and checks that both agree
 * county by county. Prints its figures; asserts nothing.
 *
 *   npm run bench                                   # 1,000,000 persons, SQLite, fresh temporary database
 *   BENCH_PERSONS=200000 npm run bench              # smaller
 *   BENCH_DIR=/tmp/zx1m npm run bench               # keep (or reuse, when already seeded) the SQLite database there
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npm run bench   # PostgreSQL (its schema public is dropped first)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openRuntime } from '../src/server/bootstrap';
import { NATIONAL_SCOPE } from '../src/server/repositories/scope';
import { RegionRepository } from '../src/server/repositories/region.repository';
import { duckScreening, exportHouseholdFacts } from './lib/duck';
import { peakRss, ratio, table, timeIt } from './lib/report';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const keep = process.env.BENCH_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'zhenxing-bench-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const env = { ...process.env, ZX_DATA_DIR: dir, DATABASE_URL: pgUrl ?? '', LOG_LEVEL: 'silent', ZX_ID_KEY: '22'.repeat(32), ZX_AUDIT_KEY: '23'.repeat(32) };

if (pgUrl && !keep) {
  const rt = await openRuntime(env);
  await sql`drop schema public cascade`.execute(rt.db);
  await sql`create schema public`.execute(rt.db);
  await rt.close();
}
const run = await openRuntime(env);
const s = run.services;
const year = run.config.defaultYear;
const dialect = pgUrl ? 'PostgreSQL' : 'SQLite';
console.log(`database: ${dialect}; target ${persons.toLocaleString()} persons; ${dir}`);
await s.regions.ensureReferenceData();

const rows: string[][] = [];
if (!(await s.seed.isSeeded())) {
  let last = 0;
  const seed = await timeIt(() =>
    s.seed.seed({
      persons,
      seed: 42,
      onProgress: (d) => {
        if (d - last >= 200_000) {
          last = d;
          process.stderr.write(`  seeded ${d.toLocaleString()} persons (RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)\n`);
        }
      },
    }),
  );
  rows.push([`seed (generate, validate, hash and encrypt IDs, write, facts, screen 2 years, rollups)`, `${seed.result.persons.toLocaleString()} persons / ${seed.result.households.toLocaleString()} households in ${(seed.ms / 1000).toFixed(1)} s = ${Math.round(seed.result.persons / (seed.ms / 1000)).toLocaleString()} persons/s`, '—', '—']);
}
const total = await run.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
const personCount = Number(total.n);

// full screening with every stored result invalidated, so that all are recomputed and written
await run.db.updateTable('householdFact').set({ screenedFactsHash: 'stale' }).where('year', '=', year).execute();
const full = await timeIt(() => s.screening.screen({ year }));
const again = await timeIt(() => s.screening.screen({ year }));

// the DuckDB reference over the same rows
const csv = join(dir, 'household-facts.csv');
const exported = await exportHouseholdFacts(run.db, year, csv);
const duck = await duckScreening(csv);
rmSync(csv, { force: true });
const duckAll = duck.loadMs + duck.queryMs;
rows.push([`full screening of ${year} (${full.result.households.toLocaleString()} household-years, ${full.result.changed.toLocaleString()} written; rollups of every level rebuilt)`, `${Math.round(full.ms).toLocaleString()} ms`, `DuckDB, same rules and per-county rollup, one query: ${Math.round(duck.queryMs)} ms (${Math.round(duckAll)} ms with its CSV load of ${exported.toLocaleString()} rows)`, `${ratio(full.ms, duck.queryMs)} (${ratio(full.ms, duckAll)} with the load)`]);
rows.push([`re-run on unchanged inputs (${again.result.changed} written)`, `${Math.round(again.ms).toLocaleString()} ms`, '—', '—']);

// agreement: flagged households per county and rule, rollups against DuckDB
const RULES = ['R01', 'R02', 'R03', 'R04', 'R05'];
const stored = await run.db.selectFrom('regionRollup').select(['regionCode', 'key', 'value']).where('year', '=', year).where('metric', '=', 'rule').where(sql<boolean>`length(region_code) = 6`).execute();
let cells = 0;
let differ = 0;
for (const [county, counts] of duck.byCounty) {
  RULES.forEach((id, i) => {
    cells++;
    const mine = Number(stored.find((r) => r.regionCode === county && r.key === id)?.value ?? 0);
    if (mine !== counts[i]) differ++;
  });
}
console.log(`agreement with DuckDB: ${differ} of ${cells} county × rule cells differ`);

// every dashboard level and the first list page, through the services (the HTTP bench measures them over HTTP)
const regions = new RegionRepository(run.db);
const county = (await run.db.selectFrom('household').select('countyCode').groupBy('countyCode').orderBy(sql`count(*)`, 'desc').limit(1).executeTakeFirstOrThrow()).countyCode;
const township = (await regions.children(county))[0]!.code;
const village = (await regions.children(township))[0]!.code;
const levels: [string, string | null][] = [['national', null], ['province', county.slice(0, 2)], ['prefecture', county.slice(0, 4)], ['county', county], ['township', township], ['village', village]];
for (const [name, code] of levels) {
  const sum = await timeIt(async () => {
    for (let i = 0; i < 20; i++) await s.summary.summary(NATIONAL_SCOPE, code, year);
  });
  const kids = await timeIt(async () => {
    for (let i = 0; i < 20; i++) await s.summary.children(NATIONAL_SCOPE, code, year);
  });
  rows.push([`${name} figures (summary; child table)`, `${(sum.ms / 20).toFixed(1)} ms; ${(kids.ms / 20).toFixed(1)} ms`, '—', '—']);
}
const list = await timeIt(async () => {
  for (let i = 0; i < 20; i++) await s.households.list(NATIONAL_SCOPE, { region: county, sort: 'householdNo', order: 'asc', limit: 20 });
});
rows.push([`household list, first page of county ${county}`, `${(list.ms / 20).toFixed(1)} ms`, '—', '—']);
rows.push(['peak RSS of this process', peakRss(), '—', '—']);

console.log(`\n${dialect}, ${personCount.toLocaleString()} persons (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} at the end)\n`);
console.log(table(['work', 'product', 'reference, same data, same run', 'ratio'], rows));
await run.close();
if (!keep) rmSync(dir, { recursive: true, force: true });
