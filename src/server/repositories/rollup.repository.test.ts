/**
 * The village rollups written at screening time (aggregateVillages: two grouped scans, the rule counts
 * from the flag bits, risk types split in code) equal the reference aggregation (aggregate: one
 * expression per metric over household ⋈ facts), metric for metric, on the 21 hand-counted households of
 * the list registry (test/fixtures/list-registry.ts); and the figures stored for townships and villages
 * read back as those sums. Both dialects.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { LIST_EXPECTED, listRegistry } from '../../../test/fixtures/list-registry';
import { VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { SCREENING_RULES } from '../domain/rules';
import { RollupRepository, type MetricRow } from './rollup.repository';
import { NATIONAL_SCOPE } from './scope';

const RULES = SCREENING_RULES.map((r) => r.id);
const key = (r: MetricRow) => `${r.regionCode}|${r.metric}|${r.key}`;
const asMap = (rows: readonly MetricRow[]) => new Map(rows.map((r) => [key(r), r.value]));

forEachDialect('RollupRepository', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, listRegistry());
  });
  afterAll(async () => {
    await drop?.();
  });

  it('aggregateVillages = aggregate by village, every metric (zeros too)', async () => {
    const repo = new RollupRepository(services.ctx.db);
    const fast = await repo.aggregateVillages(['522633', '522632'], 2025, RULES);
    const reference = await repo.aggregate(NATIONAL_SCOPE, 2025, 'village', RULES);
    expect(fast.length).toBe(reference.length);
    expect(asMap(fast)).toEqual(asMap(reference));
    // 岜沙 by hand: L01–L04 and L13–L20 = 12 households, 2 + 1 + 3 + 2 + 8 = 16 persons; L01 flagged R01
    const basha = asMap(fast.filter((r) => r.regionCode === VILLAGES.basha));
    expect(basha.get(`${VILLAGES.basha}|households|`)).toBe(LIST_EXPECTED.filter((h) => h.village === VILLAGES.basha).length);
    expect(basha.get(`${VILLAGES.basha}|households|`)).toBe(12);
    expect(basha.get(`${VILLAGES.basha}|persons|`)).toBe(16);
    expect(basha.get(`${VILLAGES.basha}|rule|R01`)).toBe(1);
    expect(basha.get(`${VILLAGES.basha}|flagged|`)).toBe(1);
  });

  it('stored township and village figures read back as the sums of their households', async () => {
    const repo = new RollupRepository(services.ctx.db);
    const township = VILLAGES.basha.slice(0, 9);
    const stored = asMap(await repo.read(2025, [VILLAGES.guandong, township]));
    // 贯洞: L09–L12 = 4 households, 1 + 2 + 3 + 2 = 8 persons; flagged L09 (R01, R03) and L10 (R04)
    expect(stored.get(`${VILLAGES.guandong}|households|`)).toBe(4);
    expect(stored.get(`${VILLAGES.guandong}|persons|`)).toBe(8);
    expect(stored.get(`${VILLAGES.guandong}|flagged|`)).toBe(2);
    expect(stored.get(`${VILLAGES.guandong}|rule|R03`)).toBe(1);
    // a zero is not stored below the county
    expect(stored.has(`${VILLAGES.guandong}|rule|R02`)).toBe(false);
    // 丙妹镇 (岜沙 + 大融): 12 + 4 = 16 households
    expect(stored.get(`${township}|households|`)).toBe(LIST_EXPECTED.filter((h) => h.township === township).length);
    expect(stored.get(`${township}|households|`)).toBe(16);
  });
});
