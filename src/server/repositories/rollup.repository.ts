/**
 * Region figures: the aggregation of household-level tables (household, household_fact,
 * the screening columns of household_fact with their context) by a region level, and the stored rollups (region_rollup) kept for
 * every level, village to nation, so that a figure is a lookup. Figures are never computed from persons.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { bulkInsert, type Cell } from '../db/bulk';
import { invalidate, peek, put } from './reference-cache';
import { HOUSEHOLD_LEVEL_COLUMN, levelOfCode, type Scope } from './scope';
import { MONITORED_CATEGORIES, RISK_TYPES } from '../../shared/enums';
import { flagOf } from '../domain/rules';

/** Metric rows: metric name, key ('' when none) and value (households or persons). */
export interface MetricRow {
  regionCode: string;
  metric: string;
  key: string;
  value: number;
}

/** Figures of regions as vectors of values in the order of `keys` (see metricKeys). */
export interface Figures {
  keys: [string, string][];
  byRegion: Map<string, number[]>;
}

/** Income bins relative to the threshold t: their keys, in order. */
export const INCOME_BINS = ['negative', 'below', 'near', 'middle', 'high', 'noData'] as const;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class RollupRepository {
  constructor(private readonly db: Db) {}

  /**
   * Aggregates households inside `scope` for `year`, grouped by the codes of `groupLevel`
   * ('county', 'township', 'village', …), into metric rows.
   * @param ruleIds the rule ids to count flags for
   */
  async aggregate(scope: Scope, year: number, groupLevel: keyof typeof HOUSEHOLD_LEVEL_COLUMN, ruleIds: readonly string[]): Promise<MetricRow[]> {
    const groupCol = sql.raw(`h.${snake(HOUSEHOLD_LEVEL_COLUMN[groupLevel])}`);
    const count = (cond: RawBuilder<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
    const cols: [string, string, RawBuilder<number>][] = [
      ['households', '', sql<number>`count(*)`],
      ['persons', '', sql<number>`sum(h.member_count)`],
      ['lifted', '', count(sql`h.household_type = 'liftedOutOfPoverty'`)],
      ['monitored', '', count(sql`h.monitored_category is not null and h.risk_eliminated = 0`)],
      ['eliminated', '', count(sql`h.monitored_category is not null and h.risk_eliminated = 1`)],
      ['flagged', '', count(sql`f.flags <> 0`)],
      ['placeholder', '', count(sql`c.threshold_status = 'placeholder'`)],
      ...MONITORED_CATEGORIES.map((c): [string, string, RawBuilder<number>] => ['category', c, count(sql`h.monitored_category = ${c} and h.risk_eliminated = 0`)]),
      ...ruleIds.map((id): [string, string, RawBuilder<number>] => ['rule', id, count(sql`(f.flags & ${sql.lit(flagOf(id)!)}) <> 0`)]),
      ...ruleIds.map((id): [string, string, RawBuilder<number>] => ['ruleAlone', id, count(sql`f.flags = ${sql.lit(flagOf(id)!)}`)]),
      ...RISK_TYPES.map((t): [string, string, RawBuilder<number>] => ['risk', t, count(sql`h.risk_types like ${`%${t}%`}`)]),
      ['income', 'noData', count(sql`f.per_capita_net_income_fen is null or c.threshold_fen is null`)],
      ['income', 'negative', count(sql`f.per_capita_net_income_fen < 0 and c.threshold_fen is not null`)],
      ['income', 'below', count(sql`f.per_capita_net_income_fen >= 0 and f.per_capita_net_income_fen < c.threshold_fen`)],
      ['income', 'near', count(sql`f.per_capita_net_income_fen >= c.threshold_fen and f.per_capita_net_income_fen * 2 < c.threshold_fen * 3`)],
      ['income', 'middle', count(sql`f.per_capita_net_income_fen * 2 >= c.threshold_fen * 3 and f.per_capita_net_income_fen < c.threshold_fen * 3`)],
      ['income', 'high', count(sql`f.per_capita_net_income_fen >= c.threshold_fen * 3`)],
    ];
    let q = this.db
      .selectFrom('household as h')
      .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .leftJoin('screeningContext as c', 'c.id', 'f.contextId')
      .select(groupCol.as('code') as any)
      .select(cols.map(([, , expr], i) => expr.as(`m${i}`)) as any)
      .groupBy(groupCol as any);
    if (scope.regionCode !== null) {
      const col = sql.raw(`h.${snake(HOUSEHOLD_LEVEL_COLUMN[levelOfCode(scope.regionCode) as keyof typeof HOUSEHOLD_LEVEL_COLUMN])}`);
      q = q.where(sql<boolean>`${col} = ${scope.regionCode}`);
    }
    const rows = (await q.execute()) as Record<string, unknown>[];
    const out: MetricRow[] = [];
    for (const row of rows) {
      cols.forEach(([metric, key], i) => out.push({ regionCode: String(row.code), metric, key, value: Number(row[`m${i}`] ?? 0) }));
    }
    return out;
  }

  /**
   * Aggregates the households of the given counties for `year` by village (12-digit codes): the same
   * metric rows as aggregate(…, 'village'), zeros included, from two grouped scans that keep the per-row
   * work small (issue 15: 32 CASE and LIKE expressions a row took 3× as long): one by (village, flag
   * bits, income bin) whose flag bits give the rule counts, one over the monitored households by (village,
   * category, elimination, risk types) whose comma lists are split here.
   */
  async aggregateVillages(countyCodes: readonly string[], year: number, ruleIds: readonly string[]): Promise<MetricRow[]> {
    const { keys, byRegion } = await this.villageFigures(countyCodes, year, ruleIds);
    const out: MetricRow[] = [];
    for (const [v, a] of byRegion) keys.forEach(([metric, key], i) => out.push({ regionCode: v, metric, key, value: a[i]! }));
    return out;
  }

  /** aggregateVillages as one vector of values per village, in the order of `keys` (metricKeys). */
  async villageFigures(countyCodes: readonly string[], year: number, ruleIds: readonly string[]): Promise<Figures> {
    const keys = metricKeys(ruleIds);
    if (!countyCodes.length) return { keys, byRegion: new Map() };
    const pc = sql.ref('f.perCapitaNetIncomeFen');
    const t = sql.ref('c.thresholdFen');
    const bin = sql<string>`case when ${pc} is null or ${t} is null then 'noData' when ${pc} < 0 then 'negative' when ${pc} < ${t} then 'below'
      when ${pc} * 2 < ${t} * 3 then 'near' when ${pc} < ${t} * 3 then 'middle' else 'high' end`;
    const main = await this.db
      .selectFrom('household as h')
      .leftJoin('householdFact as f', (j) => j.onRef('f.householdId', '=', 'h.id').on('f.year', '=', year))
      .leftJoin('screeningContext as c', 'c.id', 'f.contextId')
      .select((eb) => [
        'h.villageCode', 'f.flags', bin.as('bin'), eb.fn.countAll<number>().as('n'), sql<number>`sum(h.member_count)`.as('persons'),
        sql<number>`sum(case when h.household_type = 'liftedOutOfPoverty' then 1 else 0 end)`.as('lifted'),
        sql<number>`sum(case when c.threshold_status = 'placeholder' then 1 else 0 end)`.as('placeholder'),
      ])
      .where('h.countyCode', 'in', [...countyCodes])
      .groupBy(['h.villageCode', 'f.flags', sql`3` as any])
      .execute();
    const monitored = await this.db
      .selectFrom('household as h')
      .select((eb) => ['h.villageCode', 'h.monitoredCategory', 'h.riskEliminated', 'h.riskTypes', eb.fn.countAll<number>().as('n')])
      .where('h.countyCode', 'in', [...countyCodes])
      .where((eb) => eb.or([eb('h.monitoredCategory', 'is not', null), eb('h.riskTypes', '<>', '')]))
      .groupBy(['h.villageCode', 'h.monitoredCategory', 'h.riskEliminated', 'h.riskTypes'])
      .execute();
    const index = new Map(keys.map(([m, k], i) => [`${m}|${k}`, i]));
    const at = (m: string, k = '') => index.get(`${m}|${k}`)!;
    const rules = ruleIds.map((id) => [at('rule', id), flagOf(id)!, at('ruleAlone', id)] as const);
    const byVillage = new Map<string, number[]>();
    const values = (v: string) => {
      let a = byVillage.get(v);
      if (!a) byVillage.set(v, (a = new Array<number>(keys.length).fill(0)));
      return a;
    };
    for (const r of main) {
      const a = values(r.villageCode);
      const n = Number(r.n);
      a[at('households')]! += n;
      a[at('persons')]! += Number(r.persons ?? 0);
      a[at('lifted')]! += Number(r.lifted ?? 0);
      a[at('placeholder')]! += Number(r.placeholder ?? 0);
      a[at('income', String(r.bin))]! += n;
      const flags = r.flags === null ? 0 : Number(r.flags);
      if (flags !== 0) a[at('flagged')]! += n;
      for (const [i, bit, alone] of rules) {
        if ((flags & bit) !== 0) a[i]! += n;
        if (flags === bit) a[alone]! += n;
      }
    }
    for (const r of monitored) {
      const a = values(r.villageCode);
      const n = Number(r.n);
      if (r.monitoredCategory !== null) {
        if (Number(r.riskEliminated) === 0) {
          a[at('monitored')]! += n;
          const i = index.get(`category|${r.monitoredCategory}`);
          if (i !== undefined) a[i]! += n;
        } else a[at('eliminated')]! += n;
      }
      // the same test as aggregate's `risk_types like '%type%'`
      for (const type of RISK_TYPES) if (r.riskTypes.includes(type)) a[at('risk', type)]! += n;
    }
    return { keys, byRegion: byVillage };
  }

  /**
   * Replaces the stored rollups of whole counties for the year: the county's rows in region_rollup (every
   * metric, zeros too), and one row per township and village in region_figures (non-zero metrics as a
   * JSON object): 22,000 villages × 33 metrics would be 700,000 rows a year, and writing them dominated
   * a screening run.
   */
  async replaceCounties(year: number, countyCodes: readonly string[], figures: Figures, updatedAt: string): Promise<void> {
    invalidate(this.db, `rollup:${year}:`);
    for (let i = 0; i < countyCodes.length; i += 500) {
      const part = countyCodes.slice(i, i + 500);
      await this.db.deleteFrom('regionRollup').where('year', '=', year).where('regionCode', 'in', part).execute();
      for (const c of part) {
        // every township and village code of the county: (c, c with its last digit + 1), digits only
        const upper = c.slice(0, -1) + String.fromCharCode(c.charCodeAt(c.length - 1) + 1);
        await this.db.deleteFrom('regionFigures').where('year', '=', year).where('regionCode', '>', c).where('regionCode', '<', upper).execute();
      }
    }
    const { keys, byRegion } = figures;
    const countyRows: Cell[][] = [];
    const json: Cell[][] = [];
    const names = keys.map(([m, k]) => (k ? `${m}:${k}` : m));
    for (const [code, values] of byRegion) {
      if (code.length === 6) {
        keys.forEach(([metric, key], i) => countyRows.push([code, year, metric, key, values[i]!, updatedAt]));
        continue;
      }
      const f: Record<string, number> = {};
      values.forEach((v, i) => {
        if (v !== 0) f[names[i]!] = v;
      });
      json.push([code, year, JSON.stringify(f), updatedAt]);
    }
    await bulkInsert(this.db, 'region_rollup', ['region_code', 'year', 'metric', 'key', 'value', 'updated_at'], countyRows);
    await bulkInsert(this.db, 'region_figures', ['region_code', 'year', 'figures', 'updated_at'], json);
  }

  /** Replaces the stored rollups of the given regions for the year. */
  async replace(year: number, regionCodes: readonly string[], rows: readonly MetricRow[], updatedAt: string): Promise<void> {
    invalidate(this.db, `rollup:${year}:`);
    for (let i = 0; i < regionCodes.length; i += 500) {
      await this.db.deleteFrom('regionRollup').where('year', '=', year).where('regionCode', 'in', regionCodes.slice(i, i + 500)).execute();
    }
    const values = rows.map((r) => ({ ...r, year, updatedAt }));
    for (let i = 0; i < values.length; i += 1000) await this.db.insertInto('regionRollup').values(values.slice(i, i + 1000)).execute();
  }

  /**
   * Stored rollups of regions for the year, any level ('' is the nation): "rollup figures of a region".
   * Below the county a metric missing from the stored figures is 0 and is returned as no row.
   */
  async read(year: number, regionCodes: readonly string[]): Promise<(MetricRow & { updatedAt: string })[]> {
    type Row = MetricRow & { updatedAt: string };
    // served from the per-process cache, which the writes below drop (reference-cache.ts)
    const out: Row[] = [];
    const missing: string[] = [];
    for (const code of regionCodes) {
      const hit = peek<Row[]>(this.db, `rollup:${year}:${code}`);
      if (hit) out.push(...(await hit));
      else missing.push(code);
    }
    if (!missing.length) return out;
    const loaded = this.load(year, missing);
    for (const code of missing) put(this.db, `rollup:${year}:${code}`, loaded.then((rows) => rows.filter((r) => r.regionCode === code)));
    out.push(...(await loaded));
    return out;
  }

  private async load(year: number, regionCodes: readonly string[]): Promise<(MetricRow & { updatedAt: string })[]> {
    const out: (MetricRow & { updatedAt: string })[] = [];
    const upper = regionCodes.filter((c) => c.length <= 6);
    const lower = regionCodes.filter((c) => c.length > 6);
    for (let i = 0; i < upper.length; i += 500) {
      out.push(
        ...(await this.db
          .selectFrom('regionRollup')
          .select(['regionCode', 'metric', 'key', 'value', 'updatedAt'])
          .where('year', '=', year)
          .where('regionCode', 'in', upper.slice(i, i + 500))
          .execute()),
      );
    }
    for (let i = 0; i < lower.length; i += 500) {
      const rows = await this.db.selectFrom('regionFigures').select(['regionCode', 'figures', 'updatedAt']).where('year', '=', year).where('regionCode', 'in', lower.slice(i, i + 500)).execute();
      for (const r of rows) {
        for (const [k, value] of Object.entries(JSON.parse(r.figures) as Record<string, number>)) {
          const colon = k.indexOf(':');
          out.push({ regionCode: r.regionCode, metric: colon < 0 ? k : k.slice(0, colon), key: colon < 0 ? '' : k.slice(colon + 1), value, updatedAt: r.updatedAt });
        }
      }
    }
    return out;
  }

  /** Drops this process's cached figures of a year (after the transaction that rewrote them committed). */
  forget(year: number): void {
    invalidate(this.db, `rollup:${year}:`);
  }

  /** Stored county-level rollups of a year (6-digit codes), for summing up to higher levels. */
  readCounties(year: number): Promise<MetricRow[]> {
    return this.db
      .selectFrom('regionRollup')
      .select(['regionCode', 'metric', 'key', 'value'])
      .where('year', '=', year)
      .where(sql<boolean>`length(region_code) = 6`)
      .execute();
  }

  /** Codes of every region above the county (prefectures, provinces, the nation '') with rollups for the year. */
  async codesAboveCounty(year: number): Promise<string[]> {
    const rows = await this.db.selectFrom('regionRollup').select('regionCode').distinct().where('year', '=', year).where(sql<boolean>`length(region_code) < 6`).execute();
    return rows.map((r) => r.regionCode);
  }
}

/** Every (metric, key) of a region's figures, in display order. */
export function metricKeys(ruleIds: readonly string[]): [string, string][] {
  return [
    ['households', ''], ['persons', ''], ['lifted', ''], ['monitored', ''], ['eliminated', ''], ['flagged', ''], ['placeholder', ''],
    ...MONITORED_CATEGORIES.map((c): [string, string] => ['category', c]),
    ...ruleIds.map((id): [string, string] => ['rule', id]),
    ...ruleIds.map((id): [string, string] => ['ruleAlone', id]),
    ...RISK_TYPES.map((t): [string, string] => ['risk', t]),
    ...(['noData', 'negative', 'below', 'near', 'middle', 'high'] as const).map((b): [string, string] => ['income', b]),
  ];
}
