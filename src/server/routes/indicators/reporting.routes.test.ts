/**
 * Reporting and approval by level through the API, on both dialects (issue 10 item 4): the nation opens
 * the period, 从江县 (522633) enters a reported value and submits (a snapshot is tied to the report), a
 * second submission is refused, approvals by the wrong level are refused with 403 wrong_level, a return
 * needs a reason, 黔东南州 (5226) and 贵州省 (52) approve, the nation locks; a change after the lock is
 * refused until the nation (the locking level, not the province) unlocks with a reason, which is audited;
 * who has not submitted is listed per level.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestApp, testAuthHeaders } from '../../../../test/harness';
import { listRegistryServices } from '../../../../test/fixtures/list-registry-services';
import type { Services } from '../../container';

forEachDialect('reporting by level (API)', (dialect) => {
  let services: Services;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const h: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    ({ services, drop } = await listRegistryServices(dialect));
    app = await newTestApp(services);
    const roles = ['reviewer', 'dataEntry', 'countyApprover'];
    h.nation = await testAuthHeaders(app, services, { regionCode: null, roles });
    h.province = await testAuthHeaders(app, services, { regionCode: '52', roles });
    h.prefecture = await testAuthHeaders(app, services, { regionCode: '5226', roles });
    h.otherPrefecture = await testAuthHeaders(app, services, { regionCode: '5227', roles });
    h.county = await testAuthHeaders(app, services, { regionCode: '522633', roles });
    h.readOnly = await testAuthHeaders(app, services, { regionCode: '522633', roles: ['readOnly'] });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url: `/api/v1${url}`, headers: h[who], payload: payload as never });
  let periodId = 0;
  const act = (who: string, action: string, reason?: string, counties = ['522633']) => call(who, 'POST', `/reporting/periods/${periodId}/actions`, { action, counties, reason });
  const state = async () => ((await call('county', 'GET', `/reporting/periods/${periodId}`)).json().counties as { countyCode: string; state: string }[]).find((c) => c.countyCode === '522633')!.state;

  it('walks the chain county → prefecture → province → nation, refusing wrong levels and repeats', async () => {
    expect((await call('province', 'POST', '/reporting/periods', { set: 'monitoring', period: '2025' })).json().error.code).toBe('wrong_level');
    const opened = await call('nation', 'POST', '/reporting/periods', { set: 'monitoring', period: '2025' });
    expect(opened.statusCode).toBe(200);
    periodId = opened.json().id;
    expect((await call('nation', 'POST', '/reporting/periods', { set: 'monitoring', period: '2025' })).statusCode).toBe(409);

    expect((await call('county', 'PUT', '/indicators/reported', { set: 'monitoring', period: '2025', county: '522633', indicatorId: 'TB01', value: 14051 })).statusCode).toBe(204);
    expect((await call('readOnly', 'POST', `/reporting/periods/${periodId}/actions`, { action: 'submit', counties: ['522633'] })).statusCode).toBe(403);
    const sub = await act('county', 'submit');
    expect(sub.statusCode).toBe(200);
    const snapshotId = sub.json()[0].snapshotId as number;
    expect(snapshotId).toBeGreaterThan(0);
    // the snapshot tied to the report holds the county's values: JC10 = 3 (L01 L08 L09), TB01 reported
    const snap = (await call('county', 'GET', `/indicators/snapshots/${snapshotId}`)).json();
    expect(snap.values.find((v: { indicatorId: string }) => v.indicatorId === 'JC10').value).toBe(3);
    expect(snap.values.find((v: { indicatorId: string }) => v.indicatorId === 'TB01')).toMatchObject({ value: 14051, origin: 'reported' });

    const twice = await act('county', 'submit');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('不能重复报送');
    // a change after submission waits for a return
    expect((await call('county', 'PUT', '/indicators/reported', { set: 'monitoring', period: '2025', county: '522633', indicatorId: 'TB01', value: 1 })).statusCode).toBe(409);

    const byCounty = await act('county', 'approve');
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.json().error.code).toBe('wrong_level');
    const byProvince = await act('province', 'approve');
    expect(byProvince.json().error).toMatchObject({ code: 'wrong_level' });
    expect(byProvince.json().error.message).toContain('市州');
    expect((await act('otherPrefecture', 'approve')).statusCode).toBe(404);

    const noReason = await act('prefecture', 'return');
    expect(noReason.statusCode).toBe(409);
    expect(noReason.json().error.message).toContain('须说明理由');
    expect((await act('prefecture', 'return', '务工人数口径有误')).statusCode).toBe(200);
    expect(await state()).toBe('returned');
    expect((await act('county', 'submit')).statusCode).toBe(200);
    expect((await act('prefecture', 'approve')).statusCode).toBe(200);
    expect(await state()).toBe('prefectureApproved');
    expect((await act('nation', 'lock')).statusCode).toBe(409);
    expect((await act('province', 'approve')).statusCode).toBe(200);
    expect((await act('nation', 'lock')).statusCode).toBe(200);
    expect(await state()).toBe('locked');
  });

  it('after the lock: a change is refused until the locking level unlocks with a reason (audited)', async () => {
    const change = await call('county', 'PUT', '/indicators/reported', { set: 'monitoring', period: '2025', county: '522633', indicatorId: 'TB01', value: 14100 });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.message).toContain('须先由国家说明理由解锁');
    expect((await act('province', 'unlock', '更正')).json().error.code).toBe('wrong_level');
    expect((await act('nation', 'unlock')).statusCode).toBe(409);
    expect((await act('nation', 'unlock', '县统计局更正收入数据')).statusCode).toBe(200);
    expect(await state()).toBe('returned');
    expect((await call('county', 'PUT', '/indicators/reported', { set: 'monitoring', period: '2025', county: '522633', indicatorId: 'TB01', value: 14100 })).statusCode).toBe(204);
    const events = (await call('county', 'GET', `/reporting/periods/${periodId}/counties/522633/events`)).json() as { action: string; actorLevel: string; reason: string | null }[];
    expect(events.map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'approve', 'approve', 'lock', 'unlock']);
    expect(events.at(-1)).toMatchObject({ actorLevel: 'national', reason: '县统计局更正收入数据' });
    const audit = await services.ctx.db.selectFrom('auditEvent').select(['action', 'details']).where('action', '=', 'report_unlock').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details).reason).toBe('县统计局更正收入数据');
  });

  it('who has not submitted, per level, inside the caller region', async () => {
    const st = (await call('prefecture', 'GET', `/reporting/periods/${periodId}`)).json() as { levels: { regionCode: string; notSubmitted: { code: string }[]; byState: Record<string, number> }[]; counties: { countyCode: string }[] };
    expect(st.counties.every((c) => c.countyCode.startsWith('5226'))).toBe(true);
    expect(st.levels.map((l) => l.regionCode)).toEqual(['5226']);
    const pref = st.levels[0]!;
    // every key county of 黔东南 has not submitted: 522633 returned, the others still draft
    expect(pref.notSubmitted.map((c) => c.code)).toContain('522633');
    expect(pref.notSubmitted.map((c) => c.code)).toContain('522632');
    expect(pref.byState.returned).toBe(1);
    expect(pref.notSubmitted.length).toBe(st.counties.length);
    const nation = (await call('nation', 'GET', `/reporting/periods/${periodId}`)).json() as { levels: { regionCode: string; level: string }[] };
    expect(nation.levels.find((l) => l.regionCode === '')!.level).toBe('national');
    expect(nation.levels.some((l) => l.regionCode === '52' && l.level === 'province')).toBe(true);
  });
});
