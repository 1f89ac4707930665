/**
 * Round trip on both dialects: a registry exported in the national layout and imported into an empty
 * installation gives the same registry (households, members, incomes, facts); imported back into the
 * same installation it changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor } from './actor';
import { exportNationalLayout } from './intake.service';

const tmp = mkdtempSync(join(tmpdir(), 'zx-roundtrip-'));
const actor = systemActor('tester');

/** The registry's content without ids, timestamps or ciphertexts (whose IVs differ). */
async function content(db: Db) {
  const hs = await db.selectFrom('household').selectAll().orderBy('householdNo').execute();
  const out = [];
  for (const h of hs) {
    const { id, createdAt: _c, updatedAt: _u, version: _v, isDemo: _d, ...fields } = h;
    const persons = (await db.selectFrom('person').selectAll().where('householdId', '=', id).execute()).map(({ id: _i, householdId: _h, idCipher: _x, ...p }) => p).sort((a, b) => a.idHash.localeCompare(b.idHash));
    const incomes = (await db.selectFrom('incomeRecord').selectAll().where('householdId', '=', id).execute()).map(({ householdId: _h, ...r }) => ({ ...r, wageFen: Number(r.wageFen) }));
    const facts = (await db.selectFrom('householdFact').select(['year', 'memberCount', 'netIncomeFen', 'perCapitaNetIncomeFen']).where('householdId', '=', id).orderBy('year').execute()).map((f) => ({ ...f, netIncomeFen: f.netIncomeFen === null ? null : Number(f.netIncomeFen), perCapitaNetIncomeFen: f.perCapitaNetIncomeFen === null ? null : Number(f.perCapitaNetIncomeFen) }));
    out.push({ ...fields, farmlandMu: Number(fields.farmlandMu), forestMu: Number(fields.forestMu), persons, incomes, facts });
  }
  return out;
}

forEachDialect('export → import round trip', (dialect) => {
  let a: Services;
  let dbA: Db;
  let dropA: () => Promise<void>;
  let b: Services;
  let dbB: Db;
  let dropB: () => Promise<void>;
  beforeAll(async () => {
    ({ services: a, db: dbA, drop: dropA } = await newTestServices(dialect));
    ({ services: b, db: dbB, drop: dropB } = await newTestServices(dialect));
    await a.regions.ensureReferenceData();
    await b.regions.ensureReferenceData();
    await a.registry.registerHouseholds({ regionCode: null }, [
      household('RT-1', VILLAGES.basha, [head({ name: '阿依古丽·买买提', healthStatus: 'chronicIllness' }), person({ name: '王𬌗', relationToHead: 'daughter', birth: '20120304', schoolStage: 'primary', labourSkill: 'none' })],
        [income(2025, 1_234_567, { businessIncomeFen: -50_000, transferFen: 120_000, compliantOutOfPocketFen: 300_000 })],
        { householdType: 'liftedOutOfPoverty', monitoredCategory: 'unstableLifted', riskTypes: ['illness', 'educationCosts'], identifiedMonth: '2024-04', farmlandMu: 2.5, dangerousHouse: true, distanceToRoadKm: 1.2 }),
      household('RT-2', VILLAGES.rongjiang, [head({ name: '杨㵲', labourSkill: 'skilled', dibao: true })]),
    ]);
  });
  afterAll(async () => {
    await dropA?.();
    await dropB?.();
  });

  it('exports, imports into an empty installation, and gets the same registry', async () => {
    const file = join(tmp, `registry-${dialect}.xlsx`);
    // full ID numbers only with a reason (issue 9 item 10): refused and recorded without one
    await expect(exportNationalLayout(a.ctx, actor, file, { year: 2025 })).rejects.toMatchObject({ code: 'forbidden', message: '导出完整身份证号需要:至少4个字的导出理由' });
    await expect(exportNationalLayout(a.ctx, actor, file, { year: 2025, reason: '迁移到新的服务器' })).resolves.toEqual({ households: 2, persons: 3 });
    const audits = await a.ctx.db.selectFrom('auditEvent').select(['outcome', 'details']).where('action', '=', 'export').orderBy('id').execute();
    expect(audits.map((e) => [e.outcome, JSON.parse(e.details!).reason])).toEqual([['denied', null], ['ok', '迁移到新的服务器']]);
    expect(JSON.parse(audits[1]!.details!).sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    const r = await b.intake.commit(actor, { path: file, fileName: 'registry.xlsx' }, { kind: 'national-person', year: 2025 });
    expect(r.headerRows).toEqual([3]);
    expect(r.counts).toMatchObject({ rows: 3, add: 3, hold: 0, reject: 0 });
    expect(await content(dbB)).toEqual(await content(dbA));
    const again = await a.intake.commit(actor, { path: file, fileName: 'registry.xlsx' }, { kind: 'national-person', year: 2025 });
    expect(again.counts).toMatchObject({ add: 0, update: 0, unchanged: 3, households: { add: 0, update: 0, unchanged: 2 } });
  });
});
