/**
 * The DuckDB reference of the scale bench (issue 15): the same household-level rows exported to CSV,
 * loaded into DuckDB (@duckdb/node-api, in memory) and the same five rules and per-county rollup run in
 * one SQL query, timed in the same run as the product's figures so that the ratio cancels the load of the
 * machine. Bench code only.
 */
import { createWriteStream } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Db } from '../../src/server/db/connect';
import { DEFAULT_RULE_PARAMETERS } from '../../src/server/domain/rules/parameters';

const COLUMNS = [
  'county_code', 'household_type', 'monitored_category', 'risk_eliminated', 'member_count', 'labour_count', 'net_income_fen', 'per_capita_net_income_fen',
  'prev_per_capita_net_income_fen', 'compliant_out_of_pocket_fen', 'children_out_of_school', 'members_without_medical_insurance', 'housing_safe', 'safe_drinking_water', 'threshold_fen',
] as const;
const TYPES: Record<(typeof COLUMNS)[number], string> = {
  county_code: 'VARCHAR', household_type: 'VARCHAR', monitored_category: 'VARCHAR', risk_eliminated: 'INTEGER', member_count: 'INTEGER', labour_count: 'INTEGER',
  net_income_fen: 'BIGINT', per_capita_net_income_fen: 'BIGINT', prev_per_capita_net_income_fen: 'BIGINT', compliant_out_of_pocket_fen: 'BIGINT',
  children_out_of_school: 'INTEGER', members_without_medical_insurance: 'INTEGER', housing_safe: 'INTEGER', safe_drinking_water: 'INTEGER', threshold_fen: 'BIGINT',
};

/** Writes household ⋈ facts ⋈ the threshold of its screening context for `year` to a CSV file; returns the row count. */
export async function exportHouseholdFacts(db: Db, year: number, file: string): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await db
      .selectFrom('household as h')
      .innerJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .innerJoin('screeningContext as c', 'c.id', 'f.contextId')
      .select([
        'h.id', 'h.countyCode', 'h.householdType', 'h.monitoredCategory', 'h.riskEliminated', 'f.memberCount', 'f.labourCount', 'f.netIncomeFen', 'f.perCapitaNetIncomeFen',
        'f.prevPerCapitaNetIncomeFen', 'f.compliantOutOfPocketFen', 'f.childrenOutOfSchool', 'f.membersWithoutMedicalInsurance', 'f.housingSafe', 'f.safeDrinkingWater', 'c.thresholdFen',
      ])
      .where('h.id', '>', after)
      .orderBy('h.id')
      .limit(50_000)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const v = (x: unknown) => (x === null ? '' : String(x));
    let chunk = '';
    for (const r of rows) {
      chunk += `${r.countyCode},${r.householdType},${v(r.monitoredCategory)},${r.riskEliminated},${r.memberCount},${r.labourCount},${v(r.netIncomeFen)},${v(r.perCapitaNetIncomeFen)},${v(r.prevPerCapitaNetIncomeFen)},${r.compliantOutOfPocketFen},${r.childrenOutOfSchool},${r.membersWithoutMedicalInsurance},${r.housingSafe},${r.safeDrinkingWater},${r.thresholdFen}\n`;
    }
    if (!out.write(chunk)) await new Promise<void>((res) => out.once('drain', () => res()));
    n += rows.length;
  }
  await new Promise<void>((res) => out.end(() => res()));
  return n;
}

/**
 * Loads the CSV into DuckDB and runs the five rules (their conditions as in src/server/domain/rules,
 * default parameters; `//` is DuckDB's integer division) with the per-county rollup in one query.
 * Returns load and query times (ms) and the per-county flagged counts per rule, to check agreement.
 */
export async function duckScreening(file: string): Promise<{ loadMs: number; queryMs: number; byCounty: Map<string, number[]> }> {
  const p = DEFAULT_RULE_PARAMETERS;
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  let t = performance.now();
  await conn.run(`create table hf as select * from read_csv('${file}', header = true, columns = {${COLUMNS.map((c) => `'${c}': '${TYPES[c]}'`).join(', ')}})`);
  const loadMs = performance.now() - t;
  const r01 = 'per_capita_net_income_fen < threshold_fen';
  const r02 = `per_capita_net_income_fen >= threshold_fen and per_capita_net_income_fen < threshold_fen + (threshold_fen * ${p.nearThresholdMarginPercent}) // 100
    and prev_per_capita_net_income_fen > 0 and (prev_per_capita_net_income_fen - per_capita_net_income_fen) * 100 >= ${p.largeFallPercent} * prev_per_capita_net_income_fen`;
  const r03 = 'member_count > 0 and labour_count = 0';
  const r04 = 'member_count > 0 and (children_out_of_school > 0 or members_without_medical_insurance > 0 or housing_safe = 0 or safe_drinking_water = 0)';
  const r05 = `net_income_fen is not null and compliant_out_of_pocket_fen > 0 and (net_income_fen <= 0 or compliant_out_of_pocket_fen * 100 >= ${p.medicalSpendingSharePercent} * net_income_fen)`;
  const c = (cond: string) => `sum(case when ${cond} then 1 else 0 end)`;
  t = performance.now();
  const res = await conn.runAndReadAll(`select county_code, count(*), sum(member_count), ${c("household_type = 'liftedOutOfPoverty'")}, ${c('monitored_category is not null and risk_eliminated = 0')},
    ${c(`(${r01}) or (${r02}) or (${r03}) or (${r04}) or (${r05})`)}, ${[r01, r02, r03, r04, r05].map(c).join(', ')},
    ${c('per_capita_net_income_fen >= 0 and per_capita_net_income_fen < threshold_fen')}, ${c('per_capita_net_income_fen >= threshold_fen * 3')}
    from hf group by county_code`);
  const queryMs = performance.now() - t;
  const byCounty = new Map<string, number[]>();
  for (const row of res.getRows()) byCounty.set(String(row[0]), row.slice(6, 11).map((x) => Number(x)));
  conn.closeSync();
  return { loadMs, queryMs, byCounty };
}
