/**
 * The notice module, pure: the period rules of data/notice-rules.json (≥ 5 days monitoring, ≥ 10 days
 * funds and projects, with their sources; no invented minimum where none was found), posting and closing
 * dates by hand on the 2026 calendar (data/holidays/2026.csv), and the redaction rule applied whatever the
 * columns and cells say.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { WorkCalendar, type CalendarDay } from '../workflow/calendar';
import { columnAllowed, noticePeriod, noticeRulesFile, redactColumns, renderNoticePage } from './notice';

const cal = new WorkCalendar(parse(readFileSync(new URL('../../../../data/holidays/2026.csv', import.meta.url)), { columns: true }) as CalendarDay[]);
const file = noticeRulesFile.parse(JSON.parse(readFileSync(new URL('../../../../data/notice-rules.json', import.meta.url), 'utf8')));
const rule = (id: string) => file.rules.find((r) => r.id === id)!;

describe('notice period rules', () => {
  it('monitoring ≥ 5 days (中农组发〔2021〕7号), funds and projects ≥ 10 days (公告公示指导意见), none invented for post payment and 雨露计划', () => {
    expect(rule('monitoring')).toMatchObject({ minDays: 5, unit: 'calendar', projectChoice: false });
    expect(rule('monitoring').source).toContain('中农组发〔2021〕7号');
    expect(rule('project')).toMatchObject({ minDays: 10, unit: 'calendar' });
    expect(rule('funds')).toMatchObject({ minDays: 10, unit: 'calendar' });
    expect(rule('funds').source).toContain('不少于10天');
    expect(rule('postPayment').minDays).toBeNull();
    expect(rule('yulu').minDays).toBeNull();
    expect(rule('points').projectChoice).toBe(true);
    expect(file.rules.flatMap((r) => r.subjectKinds).sort()).toEqual(['assetIncome', 'fundAllocation', 'monitoringCase', 'pointsClaim', 'postPayment', 'project', 'yuluAid']);
  });

  it('refuses a subject kind under two rules and a rule without source', () => {
    const raw = JSON.parse(readFileSync(new URL('../../../../data/notice-rules.json', import.meta.url), 'utf8'));
    raw.rules[1].subjectKinds.push('monitoringCase');
    raw.rules[2].source = '';
    const r = noticeRulesFile.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).sort()).toEqual(['公示对象“monitoringCase”同时属于规则“monitoring”和“project”', '缺少政策依据(source)']);
  });

  it('dates by hand: the posting day is the first day', () => {
    // 10 calendar days from Mon 03-02: 03-02 … 03-11, closable 03-12
    expect(noticePeriod(rule('funds'), cal, '2026-03-02', 10)).toEqual({ postedOn: '2026-03-02', days: 10, endsOn: '2026-03-11', closableFrom: '2026-03-12', provisional: false });
    // 5 calendar days from 03-02 run to 03-06 (the monitoring notice)
    expect(noticePeriod(rule('monitoring'), cal, '2026-03-02', 5)).toMatchObject({ endsOn: '2026-03-06', closableFrom: '2026-03-07' });
    // across Spring Festival in calendar days: posted 02-12 for 10 days ends 02-21 whatever the holiday
    expect(noticePeriod(rule('project'), cal, '2026-02-12', 10)).toMatchObject({ endsOn: '2026-02-21' });
    expect(noticePeriod(rule('project'), cal, '2026-03-02', 9)).toEqual({ refused: `公示期不得少于 10 天(${rule('project').source})` });
    expect(noticePeriod(rule('postPayment'), cal, '2026-03-02', 0)).toEqual({ refused: '公示天数须为不少于1的整数' });
  });

  it('dates by hand in working days: Thu 04-02 for 3 ends Tue 04-07 (清明 04-04…04-06); Sat 04-04 for 3 ends Thu 04-09', () => {
    const working = { minDays: 3, unit: 'working' as const, source: 'test' };
    // 04-02 (1), Fri 04-03 (2), 04-04…04-06 holiday, Tue 04-07 (3)
    expect(noticePeriod(working, cal, '2026-04-02', 3)).toMatchObject({ endsOn: '2026-04-07', closableFrom: '2026-04-08' });
    // posted on a rest day: Tue 04-07 (1), 04-08 (2), 04-09 (3)
    expect(noticePeriod(working, cal, '2026-04-04', 3)).toMatchObject({ endsOn: '2026-04-09' });
  });
});

describe('redaction (no ID, phone, bank or health data, whatever the template says)', () => {
  it('drops columns that name forbidden data, by key or by title', () => {
    const cols = [
      { key: 'name', title: '姓名' }, { key: 'idNumber', title: '身份证号码' }, { key: 'x1', title: '联系电话' }, { key: 'bankAccount', title: '账户' },
      { key: 'x2', title: '健康状况' }, { key: 'post', title: '岗位名称' }, { key: 'days', title: '本月累计出勤天数' }, { key: 'amount', title: '补贴金额' }, { key: 'x3', title: '开户行' },
    ];
    expect(redactColumns(cols)).toEqual({
      kept: [{ key: 'name', title: '姓名' }, { key: 'post', title: '岗位名称' }, { key: 'days', title: '本月累计出勤天数' }, { key: 'amount', title: '补贴金额' }],
      dropped: ['身份证号码', '联系电话', '账户', '健康状况', '开户行'],
    });
    expect(columnAllowed({ key: 'mobile', title: '备注' })).toBe(false);
  });

  it('scrubs numbers and health terms that slip into allowed cells, escapes markup, prints A4', () => {
    const html = renderNoticePage({
      title: '2026年2月公益性岗位补贴发放公示', intro: '现将本月补贴发放情况公示如下:',
      columns: [{ key: 'name', title: '姓名' }, { key: 'note', title: '备注' }, { key: 'idNumber', title: '身份证号码' }],
      rows: [{ name: '吴某<script>', note: '卡号 6222 0200 1234 5678 901,电话 0855-6412345,因病请假', idNumber: '52263319900101123X' }],
      postedOn: '2026-03-02', endsOn: '2026-03-04', days: 3, unit: 'calendar', issuer: '丙妹镇人民政府', objectionsTo: '县乡村振兴局、县人社局(监督电话12317)', source: '发放公示表',
    });
    expect(html).toContain('@page { size: A4 portrait');
    expect(html).toContain('<td>吴某&lt;script&gt;</td>');
    expect(html).toContain('卡号 ***,电话 ***,(不予公示)请假');
    expect(html).not.toContain('身份证号码');
    expect(html).not.toContain('52263319900101123X');
    expect(html).toContain('12317');
    expect(html).toContain('公示期为 3 天(2026-03-02 至 2026-03-04)');
  });
});
