/**
 * CaseService on both dialects: refusals by level and scope (an Actor built like systemActor() with
 * another level and region), and the village notice rendered from a case whose household, findings,
 * note and objections are full of personal data: none of it may appear, whatever the template says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, idNumber, income, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { AppError } from '../errors';
import { NATIONAL_SCOPE, regionScope } from '../repositories/scope';
import type { RegionLevel } from '../../shared/enums';
import { systemActor, type Actor } from './actor';

const actorAt = (level: RegionLevel, regionCode: string): Actor => ({ ...systemActor(`${level}-user`), level, regionCode, roles: ['dataEntry'], scope: regionScope(regionCode) });

async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

forEachDialect('CaseService', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  let hid = 0;
  const HEAD_ID = idNumber('522633', '19700301', 111);
  const MEMBER_ID = idNumber('522633', '19720402', 222);
  const village = actorAt('village', VILLAGES.basha);
  const township = actorAt('township', '522633100');
  const county = actorAt('county', '522633');

  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    const r = await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('PD-1', VILLAGES.basha, [
        head({ idNumber: HEAD_ID, name: '吴老岩', healthStatus: 'seriousIllness' }),
        person({ idNumber: MEMBER_ID, name: '吴妻', healthStatus: 'disabled', disabilityGrade: 2 }),
      ], [income(2025, 800_000, { compliantOutOfPocketFen: 700_000 })]),
    ]);
    hid = r.ids.get('PD-1')!;
  });
  afterAll(async () => {
    await drop?.();
  });

  describe('levels and scope', () => {
    it('a village cadre verifies; a township user may not deliberate; a county user may not verify', async () => {
      let c = await services.cases.openCase(village, { householdId: hid, origin: 'selfReport', clueDate: '2026-03-01', note: `身份证 ${HEAD_ID} 电话 13987654321` });
      const e = await appError(services.cases.recordStep(county, c.id, { step: 'verificationVisit', version: c.version, performedOn: '2026-03-02', consentSigned: true, riskFound: true }));
      expect(e.status).toBe(403);
      expect(e.code).toBe('wrong_level');
      expect(e.message).toMatch(/^“入户核实”应由村或乡镇级办理,您是县级用户/);
      c = await services.cases.recordStep(village, c.id, {
        step: 'verificationVisit', version: c.version, performedOn: '2026-03-02', consentSigned: true, riskFound: true,
        findings: `户主 ${HEAD_ID} 患尿毒症住院透析,银行卡 6228480012345678912,电话 13987654321,开户行账号 6217 0000 1111 2222`,
      });
      c = await services.cases.recordStep(township, c.id, { step: 'informationComparison', version: c.version, performedOn: '2026-03-03', deposits: `存款账户 6228480012345678912` });
      const w = await appError(services.cases.recordStep(township, c.id, { step: 'villageReview', version: c.version, performedOn: '2026-03-04', agreed: true }));
      expect(w.code).toBe('wrong_level');
      expect(w.message).toMatch(/^“村级民主评议”应由村级办理/);
      c = await services.cases.recordStep(village, c.id, { step: 'villageReview', version: c.version, performedOn: '2026-03-04', agreed: true });
      c = await services.cases.postNotice(village, c.id, { version: c.version, postedOn: '2026-03-05', days: 5 });
      c = await services.cases.recordObjection(village, c.id, { version: c.version, receivedOn: '2026-03-06', summary: `反映人电话 0855-6412345,称户主 ${MEMBER_ID} 有大病` });
      expect(c.notice?.objections).toHaveLength(1);
    });

    it('a user of another village cannot see the case (404); a province user may not act', async () => {
      const other = actorAt('village', VILLAGES.darong);
      const t = await services.cases.timeline(village, hid);
      const e = await appError(services.cases.get(other, t.cases[0]!.id));
      expect(e.status).toBe(404);
      // a province user sees the case but may not perform any step; a stale version is a conflict
      const p = actorAt('province', '52');
      const c = await services.cases.get(p, t.cases[0]!.id);
      expect((await appError(services.cases.closeNotice(p, c.id, { version: c.version, closedOn: '2026-03-10' }))).code).toBe('wrong_level');
      expect((await appError(services.cases.closeNotice(village, c.id, { version: c.version - 1, closedOn: '2026-03-10' }))).code).toBe('conflict');
    });
  });

  describe('closing ended notices in a batch (CLI cases close-notices)', () => {
    it('leaves a notice with an open objection, with the reason; closes it once the objection is dismissed', async () => {
      const t = await services.cases.timeline(village, hid);
      const id = t.cases[0]!.id;
      // posted 03-05 for 5 days: ends 03-09; on 03-15 it has ended, but an objection of 03-06 is open
      let r = await services.cases.closeEndedNotices(systemActor('cli:test'));
      expect(r).toEqual({ closed: [], skipped: [{ caseId: id, reason: '公示期间收到的 1 条异议尚未处理,不能结束公示' }] });
      let c = await services.cases.get(village, id);
      c = await services.cases.resolveObjection(township, id, c.notice!.objections[0]!.id, { version: c.version, resolvedOn: '2026-03-07', upheld: false, note: '经核实不属实' });
      r = await services.cases.closeEndedNotices(systemActor('cli:test'));
      expect(r).toEqual({ closed: [id], skipped: [] });
      c = await services.cases.get(village, id);
      // closed on the clock's day 03-15; township review due the next day
      expect(c).toMatchObject({ state: 'townshipReview', notice: { status: 'closed', closedOn: '2026-03-15' }, stepDue: '2026-03-16' });
    });
  });

  describe('the notice shows names and village only', () => {
    const hostile = [
      '<h1>{{title}}</h1>{{rows}}',
      '{{idNumber}}{{phone}}{{bankAccount}}{{healthStatus}}{{findings}}{{note}}{{members}}{{objections}}',
      `身份证:${HEAD_ID};家属:${MEMBER_ID};手机 13987654321;座机 0855-6412345;卡号 6228 4800 1234 5678 912;健康状况:大病、残疾、长期慢性病`,
    ].join('\n');

    it('renders from the case full of personal data; none of it appears', async () => {
      const t = await services.cases.timeline(village, hid);
      for (const template of [undefined, hostile]) {
        const html = await services.cases.noticeHtml(village, t.cases[0]!.id, template);
        expect(html).toContain('吴老岩');
        expect(html).toContain('岜沙村');
        for (const s of [HEAD_ID, MEMBER_ID, HEAD_ID.slice(0, 17), `522633**********${HEAD_ID.slice(-2)}`, '13987654321', '0855-6412345', '6412345', '6228480012345678912', '6228 4800', '6217 0000', '尿毒症', '透析', '大病', '残疾', '慢性病', '住院', '吴妻', '反映人']) {
          expect(html, `${template ? 'hostile' : 'default'} template leaks ${s}`).not.toContain(s);
        }
        expect(html).not.toMatch(/\d{10,}/);
      }
    });
  });
});
