/**
 * The two forms of every screening rule agree (issue 15): the TypeScript `evaluate` (explanations, the
 * household page) and the SQL `sqlCondition` (set-based screening) flag exactly the same households, on
 * SQLite and on PostgreSQL. The households are generated: a systematic grid of edges (one fen around the
 * threshold and around threshold × (1 + margin), falls of exactly the large-fall percentage and one fen
 * either side, medical spending of exactly the share of net income and one fen either side, zero and
 * negative income, missing figures, no members, no labour around the top of the near-threshold band (R03),
 * each basic need unmet) under several parameter
 * sets, and 2,000 random households from fast-check with a fixed seed.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestDb } from '../../../../test/harness';
import type { Db } from '../../db/connect';
import type { HouseholdFacts } from '../facts';
import type { ResolvedThreshold } from '../thresholds';
import { flagsExpression, flagsOfRuleIds, ruleIdsOfFlags, SCREENING_RULES, screenHousehold, type FactColumn, type RuleParameters } from './index';
import { DEFAULT_RULE_PARAMETERS } from './parameters';

interface Probe {
  facts: HouseholdFacts;
  thresholdFen: number;
  params: RuleParameters;
}

const baseFacts = (over: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  year: 2025, memberCount: 2, labourCount: 1, netIncomeFen: 2_000_000, perCapitaNetIncomeFen: 1_000_000, incomeIssue: null, prevPerCapitaNetIncomeFen: null,
  compliantOutOfPocketFen: 0, childrenOutOfSchool: 0, membersWithoutMedicalInsurance: 0, housingSafe: true, safeDrinkingWater: true, seriousIllnessMembers: 0, disabledMembers: 0, ...over,
});

const PARAMS: RuleParameters[] = [
  DEFAULT_RULE_PARAMETERS,
  { nearThresholdMarginPercent: 20, largeFallPercent: 50, medicalSpendingSharePercent: 30 },
  { nearThresholdMarginPercent: 33, largeFallPercent: 1, medicalSpendingSharePercent: 100 },
];
const THRESHOLDS = [730_000, 600_000, 650_001];

/** The edge grid: every edge of every rule under every parameter set and threshold. */
function edges(): Probe[] {
  const out: Probe[] = [];
  for (const params of PARAMS) {
    for (const t of THRESHOLDS) {
      const upper = t + Math.floor((t * params.nearThresholdMarginPercent) / 100);
      const curs = [null, -1, 0, t - 1, t, t + 1, upper - 1, upper, upper + 1];
      for (const cur of curs) {
        // previous-year figures around an exact large fall: (prev − cur) × 100 = p × prev ⇔ prev = cur × 100 / (100 − p)
        const exact = cur === null || params.largeFallPercent >= 100 ? 0 : (cur * 100) / (100 - params.largeFallPercent);
        const prevs = [null, 0, -5, cur ?? 1, Math.floor(exact), Math.ceil(exact), Math.floor(exact) - 1, Math.ceil(exact) + 1, 3 * t];
        for (const prev of prevs) out.push({ facts: baseFacts({ perCapitaNetIncomeFen: cur, prevPerCapitaNetIncomeFen: prev, netIncomeFen: cur === null ? null : cur * 2 }), thresholdFen: t, params });
        // R03: no labour around the band's top (and below the threshold, and without income)
        for (const memberCount of [0, 2]) out.push({ facts: baseFacts({ memberCount, labourCount: 0, perCapitaNetIncomeFen: cur, netIncomeFen: cur === null ? null : cur * 2 }), thresholdFen: t, params });
      }
      for (const net of [null, -60_000, 0, 1, 1_000_000, 1_000_001]) {
        const exact = net === null || net <= 0 ? 1 : (params.medicalSpendingSharePercent * net) / 100;
        for (const oop of [0, 1, Math.floor(exact), Math.ceil(exact), Math.floor(exact) - 1, Math.ceil(exact) + 1]) {
          if (oop < 0) continue;
          out.push({ facts: baseFacts({ netIncomeFen: net, perCapitaNetIncomeFen: net === null ? null : Math.round(net / 2), compliantOutOfPocketFen: oop }), thresholdFen: t, params });
        }
      }
    }
  }
  for (const memberCount of [0, 1, 3]) {
    for (const labourCount of [0, 1]) {
      for (const gap of [{}, { childrenOutOfSchool: 1 }, { membersWithoutMedicalInsurance: 2 }, { housingSafe: false }, { safeDrinkingWater: false }]) {
        out.push({ facts: baseFacts({ memberCount, labourCount: Math.min(labourCount, memberCount), ...gap }), thresholdFen: 730_000, params: DEFAULT_RULE_PARAMETERS });
      }
    }
  }
  return out;
}

const money = fc.oneof(fc.constant(null), fc.integer({ min: -200_000, max: 5_000_000 }));
const probeArb: fc.Arbitrary<Probe> = fc
  .record({
    memberCount: fc.integer({ min: 0, max: 8 }),
    labour: fc.integer({ min: 0, max: 8 }),
    net: money,
    cur: money,
    prev: money,
    oop: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000_000 })),
    children: fc.integer({ min: 0, max: 2 }),
    uninsured: fc.integer({ min: 0, max: 2 }),
    housingSafe: fc.boolean(),
    water: fc.boolean(),
    t: fc.integer({ min: 100_000, max: 1_500_000 }),
    margin: fc.integer({ min: 0, max: 100 }),
    fall: fc.integer({ min: 1, max: 99 }),
    share: fc.integer({ min: 1, max: 100 }),
    // half of the households near the threshold, with last year's income 1–3 times this year's (R02's ground)
    near: fc.boolean(),
    above: fc.integer({ min: -1000, max: 1_000_000 }),
    prevPercent: fc.integer({ min: 90, max: 300 }),
  })
  .map((r) => ({
    facts: baseFacts({
      memberCount: r.memberCount, labourCount: Math.min(r.labour, r.memberCount), netIncomeFen: r.net,
      perCapitaNetIncomeFen: r.near ? r.t + r.above : r.cur,
      prevPerCapitaNetIncomeFen: r.near ? Math.round(((r.t + r.above) * r.prevPercent) / 100) : r.prev,
      compliantOutOfPocketFen: r.oop, childrenOutOfSchool: r.children, membersWithoutMedicalInsurance: r.uninsured, housingSafe: r.housingSafe, safeDrinkingWater: r.water,
    }),
    thresholdFen: r.t,
    params: { nearThresholdMarginPercent: r.margin, largeFallPercent: r.fall, medicalSpendingSharePercent: r.share },
  }));

/** The flag set the TypeScript form gives. */
function tsFlags(p: Probe): number {
  const threshold: ResolvedThreshold = { valueFen: p.thresholdFen, status: 'sourced', source: '测试', basis: 'province', provinceCode: '52', countyCode: null, year: 2025 };
  return flagsOfRuleIds(screenHousehold(p.facts, { threshold, params: p.params }).filter((v) => v.verdict.outcome === 'flagged').map((v) => v.ruleId));
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COLUMNS: FactColumn[] = [
  'memberCount', 'labourCount', 'netIncomeFen', 'perCapitaNetIncomeFen', 'prevPerCapitaNetIncomeFen', 'compliantOutOfPocketFen', 'childrenOutOfSchool',
  'membersWithoutMedicalInsurance', 'housingSafe', 'safeDrinkingWater', 'seriousIllnessMembers', 'disabledMembers',
];

describe('flag sets', () => {
  it('each rule has its own bit; ids ↔ flags round-trip: R01 + R04 = 2^0 + 2^3 = 9', () => {
    expect(new Set(SCREENING_RULES.map((r) => r.bit)).size).toBe(SCREENING_RULES.length);
    expect(flagsOfRuleIds(['R01', 'R04'])).toBe(9);
    expect(ruleIdsOfFlags(9)).toEqual(['R01', 'R04']);
    expect(ruleIdsOfFlags(0)).toEqual([]);
    expect(() => flagsOfRuleIds(['R99'])).toThrow(RangeError);
  });
});

forEachDialect('screening rules: SQL form = TypeScript form', (dialect) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await newTestDb(dialect));
    let t = db.schema.createTable('rule_probe').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('threshold_fen', 'bigint', (c) => c.notNull());
    for (const c of COLUMNS) t = t.addColumn(snake(c), 'bigint');
    await t.execute();
  });
  afterAll(async () => {
    await drop?.();
  });

  /** Flags the SQL form gives for each probe, one parameter set at a time (parameters are literals in the SQL). */
  async function sqlFlags(probes: readonly Probe[]): Promise<number[]> {
    await sql`delete from rule_probe`.execute(db);
    const rows = probes.map((p, id) => ({
      id, threshold_fen: p.thresholdFen,
      ...Object.fromEntries(COLUMNS.map((c) => {
        const v = p.facts[c];
        return [snake(c), typeof v === 'boolean' ? (v ? 1 : 0) : v];
      })),
    }));
    for (let i = 0; i < rows.length; i += 500) await (db as any).withoutPlugins().insertInto('rule_probe').values(rows.slice(i, i + 500)).execute();
    const out: number[] = new Array(probes.length).fill(-1);
    const byParams = new Map<string, number[]>();
    probes.forEach((p, i) => byParams.set(JSON.stringify(p.params), [...(byParams.get(JSON.stringify(p.params)) ?? []), i]));
    for (const [key, ids] of byParams) {
      const params = JSON.parse(key) as RuleParameters;
      const flags = flagsExpression({ fact: (c) => sql.ref(`f.${snake(c)}`), thresholdFen: sql.ref('f.threshold_fen'), params });
      for (let i = 0; i < ids.length; i += 1000) {
        const got = await sql<{ id: number; flags: number }>`select f.id as id, ${flags} as flags from rule_probe f where f.id in (${sql.join(ids.slice(i, i + 1000))})`.execute(db);
        for (const r of got.rows) out[Number(r.id)] = Number(r.flags);
      }
    }
    return out;
  }

  it('agree on the edge grid', async () => {
    const probes = edges();
    expect(probes.length).toBeGreaterThan(500);
    const got = await sqlFlags(probes);
    const want = probes.map(tsFlags);
    const differ = probes.map((p, i) => ({ p, sql: got[i], ts: want[i] })).filter((d) => d.sql !== d.ts);
    expect(differ).toEqual([]);
    // the grid reaches every rule, flagged and clear
    for (const r of SCREENING_RULES) {
      expect(want.some((f) => (f & (2 ** r.bit)) !== 0)).toBe(true);
      expect(want.some((f) => (f & (2 ** r.bit)) === 0)).toBe(true);
    }
  });

  it('agree on 2,000 generated households', async () => {
    const probes = fc.sample(probeArb, { numRuns: 2000, seed: 20261203 });
    const got = await sqlFlags(probes);
    const want = probes.map(tsFlags);
    expect(probes.map((p, i) => ({ p, sql: got[i], ts: want[i] })).filter((d) => d.sql !== d.ts)).toEqual([]);
    for (const r of SCREENING_RULES) expect(want.filter((f) => (f & (2 ** r.bit)) !== 0).length).toBeGreaterThan(10);
  });
});
