/**
 * CheckService on both dialects: findings per check and per region inside the scope, names masked, a
 * person registered in two households (Q01), a region outside the scope looks missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { regionScope } from '../repositories/scope';
import { systemActor } from './actor';

forEachDialect('CheckService', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds({ regionCode: null }, [
      // 脱贫户 with 6,500 yuan per person in 2025 (13,000 / 2), not monitored: Q07 (threshold 7,300 placeholder)
      household('K-1', VILLAGES.basha, [head({ name: '韦老大' }), person({ name: '韦二', labourSkill: 'weakOrHalf' })], [income(2025, 1_300_000)], { householdType: 'liftedOutOfPoverty' }),
      household('K-2', VILLAGES.rongjiang, [head({ name: '吴大' })], [income(2025, 2_000_000)]),
    ]);
    // a person of K-1 also registered in K-2 (the registry refuses this; an old import could have done it)
    const p = await db.selectFrom('person').selectAll().where('name', '=', '韦二').executeTakeFirstOrThrow();
    const k2 = await db.selectFrom('household').select('id').where('householdNo', '=', 'K-2').executeTakeFirstOrThrow();
    const { id: _id, ...copy } = p;
    await db.insertInto('person').values({ ...copy, householdId: k2.id, relationToHead: 'other' }).execute();
  });
  afterAll(async () => {
    await drop?.();
  });

  it('national run: Q07 and Q16 in K-1, Q01 on both households, counts per county', async () => {
    const r = await services.checks.run(systemActor());
    expect(r.households).toBe(2);
    const got = r.findings.map((f) => [f.checkId, f.householdNo, f.member]);
    expect(got).toEqual([
      ['Q01', 'K-1', null],
      ['Q01', 'K-2', null],
      ['Q06', 'K-2', null],
      ['Q07', 'K-1', null],
      ['Q16', 'K-1', '韦*'],
      ['Q16', 'K-2', '韦*'],
    ]);
    expect(r.checks.find((c) => c.id === 'Q07')).toMatchObject({ zh: '脱贫户人均纯收入低于监测范围但未纳入监测', findings: 1 });
    expect(r.byRegion.find((x) => x.regionCode === '522633')).toMatchObject({ households: 1 });
  });
  it('a region filter narrows; a county outside the scope looks missing', async () => {
    const r = await services.checks.run(systemActor(), { regionCode: '522632' });
    expect(r.households).toBe(1);
    expect(r.findings.every((f) => f.householdNo === 'K-2')).toBe(true);
    const county = { ...systemActor(), scope: regionScope('522633') };
    await expect(services.checks.run(county, { regionCode: '522632' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
