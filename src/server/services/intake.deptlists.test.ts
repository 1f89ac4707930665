/**
 * Department lists as departments send them (issue 9 items 1–6, issue 16 item 11), on both dialects,
 * with small invented files written here (every person and number is invented; ID numbers are built by
 * test/fixtures/registry.ts with their own check characters). Clock TEST_NOW = 2026-03-15; default year 2025.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Db } from '../db/connect';
import type { Services } from '../container';
import { systemActor } from './actor';

const tmp = mkdtempSync(join(tmpdir(), 'zx-deptlists-'));
const actor = systemActor('tester');
let fileSeq = 0;
/** Writes a CSV (CRLF) and returns the import file. */
const csv = (lines: string[]) => {
  const name = `list-${++fileSeq}.csv`;
  writeFileSync(join(tmp, name), lines.join('\r\n') + '\r\n');
  return { path: join(tmp, name), fileName: name };
};

/** Invented persons of 从江县 (522633). */
const ID = {
  wang: idNumber('522633', '19700101', 11),
  aygl: idNumber('522633', '19850312', 22),
  kid1: idNumber('522633', '20150601', 31),
  kid2: idNumber('522633', '20170901', 42),
  mum: idNumber('522633', '19880101', 52),
  li: idNumber('522633', '19620704', 61),
};

forEachDialect('department lists', (dialect) => {
  let services: Services;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, db, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds({ regionCode: null }, [
      household('D-1', VILLAGES.basha, [head({ idNumber: ID.wang, name: '王大山' }), person({ idNumber: ID.aygl, name: '阿依古丽·买买提' })], [income(2025, 3_000_000)]),
      household('D-2', VILLAGES.darong, [head({ idNumber: ID.mum, name: '杨秀英' }), person({ idNumber: ID.kid1, name: '杨小明', relationToHead: 'son' }), person({ idNumber: ID.kid2, name: '杨小红', relationToHead: 'daughter' })], [income(2025, 2_000_000)]),
      household('D-3', VILLAGES.darong, [head({ idNumber: ID.li, name: '李金宝' })], [income(2025, 1_500_000)]),
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('rollback (item 5; issue 16 item 11)', () => {
    it('removes the department records and clues of a batch; refuses while a clue of it is handled, naming the clue', async () => {
      const f = csv(['姓名,身份证号,保障类别,月保障金额', `李金宝,${ID.li},特困,620`]);
      const r = await services.intake.commit(actor, f, { kind: 'dibao' });
      expect(r.counts).toMatchObject({ rows: 1, matched: 1, clues: 1 });
      const recs = () => db.selectFrom('departmentRecord').select('id').where('batchId', '=', r.batchId!).execute();
      expect(await recs()).toHaveLength(1);
      const clue = await db.selectFrom('riskClue').select(['id', 'ruleId']).where('batchId', '=', r.batchId!).executeTakeFirstOrThrow();
      expect(clue.ruleId).toBe('SA-01');
      await services.intake.setClueStatus(actor, clue.id, 'verified');
      const refused = await services.intake.rollback(actor, r.batchId!).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'conflict', details: { clues: [{ id: clue.id, ruleId: 'SA-01', status: 'verified', caseId: null }] } });
      expect((refused as Error).message).toContain(`线索 ${clue.id}(SA-01,已核实)`);
      // nothing was erased by the refusal
      expect(await recs()).toHaveLength(1);
      expect((await db.selectFrom('riskClue').select('status').where('id', '=', clue.id).executeTakeFirstOrThrow()).status).toBe('verified');
      // back to open (nothing handled): the rollback removes records and clue
      await services.intake.setClueStatus(actor, clue.id, 'open');
      await services.intake.rollback(actor, r.batchId!);
      expect(await recs()).toEqual([]);
      expect(await db.selectFrom('riskClue').select('id').where('batchId', '=', r.batchId!).execute()).toEqual([]);
    });
  });
});
