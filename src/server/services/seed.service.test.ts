/**
 * The demo seed looks like a county at work (issue 16 item 13), on both dialects: 5,000 invented
 * persons over the loaded key counties, then the demo cases.
 * - every household lives in a 村民委员会 (村级 200–399) under a 镇 or 乡 (乡级 100–399): no 社区, no
 *   street, no state unit such as a prison administration;
 * - identification cases are left at several steps, some enrolled with measures; elimination cases
 *   are opened for monitored households and some finish (风险消除).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { isRuralVillageCode, townshipClass } from '../domain/division-code';
import type { SeedReport } from './seed.service';

describe('division code classes (统计用区划代码编制规则)', () => {
  it('tells streets, towns, townships and state units; only 村民委员会 under 镇/乡 are rural', () => {
    expect(townshipClass('522633001')).toBe('street');
    expect(townshipClass('522633100')).toBe('town');
    expect(townshipClass('522633204001')).toBe('township');
    expect(townshipClass('150422400000')).toBe('stateUnit');
    expect(townshipClass('5226')).toBeNull();
    expect(isRuralVillageCode('522633100201')).toBe(true); // 村委会 under a 镇
    expect(isRuralVillageCode('522633204399')).toBe(true); // 村委会 under a 乡
    expect(isRuralVillageCode('522633100001')).toBe(false); // 社区居委会
    expect(isRuralVillageCode('522633001201')).toBe(false); // under a 街道
    expect(isRuralVillageCode('150422400201')).toBe(false); // under a state unit (监狱管理局, 农场)
    expect(isRuralVillageCode('522633100400')).toBe(false);
  });
});

forEachDialect('demo seed', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  let report: SeedReport;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    report = await services.seed.seed({ persons: 5000, seed: 7 });
  }, 600_000);
  afterAll(async () => {
    await drop?.();
  });

  it('populates rural villages only', async () => {
    const villages = await db.selectFrom('household').select('villageCode').distinct().execute();
    expect(villages.length).toBeGreaterThan(10);
    expect(villages.map((v) => v.villageCode).filter((c) => !isRuralVillageCode(c))).toEqual([]);
  });

  it('leaves cases at every step, enrolled households with measures, and eliminated households', async () => {
    const w = report.workflow;
    expect(w.identification).toBeGreaterThanOrEqual(20);
    const states = await db.selectFrom('monitoringCase').select(['state', 'kind']).execute();
    const idStates = new Set(states.filter((s) => s.kind === 'identification').map((s) => s.state));
    for (const s of ['verification', 'comparison', 'villageReview', 'notice', 'townshipReview', 'countyApproval', 'announcement', 'enrolled']) expect(idStates, s).toContain(s);
    expect(w.enrolled).toBeGreaterThan(0);
    const measures = await db.selectFrom('assistanceMeasure').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(measures.n)).toBe(w.measures);
    // two for each enrolled household, one for each elimination case taken past its opening
    expect(w.measures).toBeGreaterThanOrEqual(2 * w.enrolled);
    expect(w.elimination).toBeGreaterThan(0);
    expect(w.eliminated).toBeGreaterThan(0);
    expect(states.filter((s) => s.kind === 'elimination' && s.state === 'eliminated').length).toBe(w.eliminated);
  });
});
