/**
 * The procedure engine, pure: the data files of data/procedures/ load; a file with an unknown step, a
 * cycle, a missing source, an unknown notice rule, a `back` that goes forward or an unreachable step is
 * refused with the reason; province overrides; who may act (levels and roles); due dates computed by hand
 * on the 2026 calendar of the State Council (data/holidays/2026.csv); the monitoring procedures built from
 * data/workflow-rules.json take every path of the case state machine to the same states.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { WorkCalendar, type CalendarDay } from '../workflow/calendar';
import { initialState, stepOfState, transition, type CaseAction } from '../workflow/state-machine';
import { workflowRulesFile } from '../workflow/procedure';
import { checkProcedure, type ProcedureDefinition } from './definition';
import { decide, dueOf, mayAct, resolveProcedure, stepOf } from './engine';
import { monitoringDefinition } from './monitoring';
import { loadProcedureDir, readProcedures } from '../../services/procedure-files';

const cal = new WorkCalendar(parse(readFileSync(new URL('../../../../data/holidays/2026.csv', import.meta.url)), { columns: true }) as CalendarDay[]);
const NOTICE_RULES = ['monitoring', 'project', 'funds', 'points', 'yulu'];

/** A small procedure: apply → review (3 working days after the previous step; Anhui: 5 working days from the start) → notice → end. */
const small = (): ProcedureDefinition => ({
  name: 'small', version: 1, title: '测试程序', subjectKind: 'project', source: '测试依据', projectChoices: '',
  steps: [
    { id: 'apply', title: '申报', levels: ['village'], roles: [], limit: null, notice: null, source: '依据一', actions: [{ id: 'submit', title: '提交', to: 'review', reasonRequired: false, back: false }] },
    {
      id: 'review', title: '审核', levels: ['township'], roles: ['townshipReviewer'], limit: { days: 3, unit: 'working', from: 'previous', source: '依据二', projectChoice: false }, notice: null, source: '依据二',
      actions: [
        { id: 'approve', title: '通过', to: 'notice', reasonRequired: false, back: false },
        { id: 'return', title: '退回', to: 'apply', reasonRequired: true, back: true },
        { id: 'reject', title: '不通过', to: 'refused', reasonRequired: true, back: false },
      ],
    },
    { id: 'notice', title: '公示', levels: ['county'], roles: [], limit: null, notice: 'project', source: '依据三', actions: [{ id: 'close', title: '期满', to: 'done', reasonRequired: false, back: false }] },
  ],
  ends: [{ id: 'done', title: '完成', outcome: 'positive' }, { id: 'refused', title: '不通过', outcome: 'negative' }],
  provinces: { '34': { source: '安徽依据', steps: { review: { limit: { days: 5, unit: 'working', from: 'start', source: '安徽依据', projectChoice: false }, source: '安徽依据' } } } },
});
const problemsOf = (raw: unknown) => {
  const r = checkProcedure(raw, NOTICE_RULES);
  return r.ok ? [] : r.problems.map((p) => p.message);
};

describe('procedure files', () => {
  it('loads every file of data/procedures/ and the two monitoring procedures', () => {
    const all = readProcedures();
    expect([...all.keys()].sort()).toEqual(['asset-disposal', 'monitoring-elimination', 'monitoring-identification', 'points-claim', 'project-library', 'public-welfare-post', 'yulu-subsidy']);
    expect(all.get('project-library')!.steps.map((s) => s.id)).toEqual(['declaration', 'townshipReview', 'countyAssessment', 'publicNotice', 'countyApproval']);
    // no period without a source: the new procedures carry no time allowed (none was found)
    for (const name of ['project-library', 'public-welfare-post', 'yulu-subsidy', 'points-claim', 'asset-disposal']) expect(all.get(name)!.steps.every((s) => s.limit === null)).toBe(true);
  });

  it('refuses an action to an unknown step', () => {
    const d = small();
    d.steps[0]!.actions[0]!.to = 'reveiw';
    expect(problemsOf(d)).toEqual(['环节“申报”的操作“提交”指向未知环节“reveiw”']);
  });

  it('refuses a cycle of forward actions, and accepts the same edge marked back', () => {
    const d = small();
    d.steps[1]!.actions[1]!.back = false;
    expect(problemsOf(d)).toEqual(['环节之间有循环:apply → review → apply(退回须标记 back)']);
    expect(problemsOf(small())).toEqual([]);
  });

  it('refuses a missing source (step, time allowed), an unknown notice rule and a back that goes forward', () => {
    const d = small();
    d.steps[0]!.source = ' ';
    (d.steps[1]!.limit as { source: string }).source = '';
    expect(problemsOf(d)).toEqual(['缺少政策依据(source)', '缺少政策依据(source)']);
    const n = small();
    n.steps[2]!.notice = 'nosuchrule';
    expect(problemsOf(n)).toEqual(['环节“公示”引用的公示规则“nosuchrule”不存在(data/notice-rules.json)']);
    const b = small();
    b.steps[0]!.actions[0]!.back = true;
    expect(problemsOf(b)).toEqual(['环节“申报”的退回操作“提交”须退回到本环节或之前的环节']);
  });

  it('refuses a step that cannot be reached, a step that cannot end, and an override of an unknown step', () => {
    const d = small();
    d.steps[1]!.actions = d.steps[1]!.actions.filter((a) => a.id !== 'approve');
    expect(problemsOf(d)).toEqual(['环节“公示”从第一个环节无法到达']);
    const e = small();
    e.steps[2]!.actions = [{ id: 'again', title: '重贴', to: 'notice', reasonRequired: false, back: true }];
    expect(problemsOf(e)).toEqual(['环节“公示”无法办结(没有通向结果的操作)']);
    const o = small();
    o.provinces['34']!.steps = { reveiw: { source: 'x' } };
    expect(problemsOf(o)).toEqual(['省份 34 的覆盖规则指向未知环节“reveiw”']);
  });

  it('the worked example of docs/procedures.md (交通补助) passes the checks', () => {
    const doc = readFileSync(new URL('../../../../docs/procedures.md', import.meta.url), 'utf8');
    const block = /\*\*a\. The file\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = checkProcedure(JSON.parse(block), [...NOTICE_RULES, 'transport']);
    expect(r.ok && r.definition.steps.map((s) => s.id)).toEqual(['application', 'countyReview', 'publicNotice', 'payment']);
  });

  it('refuses a file whose name is not the procedure name, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zx-proc-'));
    writeFileSync(join(dir, 'other.json'), JSON.stringify(small()));
    expect(() => loadProcedureDir(dir, NOTICE_RULES)).toThrow('procedures/other.json 的 name 应为文件名“other”,实为“small”');
    const bad = small();
    bad.steps[0]!.actions[0]!.to = 'x';
    writeFileSync(join(dir, 'other.json'), JSON.stringify(bad));
    expect(() => loadProcedureDir(dir, NOTICE_RULES)).toThrow('procedures/other.json 有误:steps.0.actions.0.to:环节“申报”的操作“提交”指向未知环节“x”');
  });
});

describe('engine', () => {
  const national = resolveProcedure(small(), '52');
  const anhui = resolveProcedure(small(), '34');

  it('due dates by hand across 清明 and 劳动节 2026', () => {
    // review: 3 working days after the step before, done Thu 04-02: Fri 04-03 (1), 04-04…04-06 清明, Tue 04-07 (2), Wed 04-08 (3)
    expect(dueOf(stepOf(national, 'review').limit, cal, '2026-03-30', '2026-04-02')).toEqual({ date: '2026-04-08', provisional: false });
    // Anhui: 5 working days from the start, Thu 04-30: 05-01…05-05 劳动节, Wed 05-06 (1), 05-07 (2), 05-08 (3), Sat 05-09 调休上班 (4), Mon 05-11 (5)
    expect(dueOf(stepOf(anhui, 'review').limit, cal, '2026-04-30', '2026-05-06')).toEqual({ date: '2026-05-11', provisional: false });
    expect(stepOf(anhui, 'review').source).toBe('安徽依据');
    // no time allowed: no due date
    expect(dueOf(stepOf(national, 'apply').limit, cal, '2026-04-30', '2026-04-30')).toBeNull();
  });

  it('who may act: the step’s level and, when named, role; the national operator anything', () => {
    const review = stepOf(national, 'review');
    expect(mayAct(review, 'township', ['townshipReviewer'], false)).toBe(true);
    expect(mayAct(review, 'township', ['readOnly'], false)).toBe(false);
    expect(mayAct(review, 'village', ['townshipReviewer'], false)).toBe(false);
    expect(mayAct(review, 'national', ['admin'], true)).toBe(true);
    expect(mayAct(review, 'province', ['admin'], true)).toBe(false);
  });

  it('actions: next state, refusals out of order, without a reason, after the end', () => {
    expect(decide(national, 'apply', 'apply', 'submit', null)).toMatchObject({ ok: true, next: 'review', ended: false });
    expect(decide(national, 'apply', 'review', 'approve', null)).toEqual({ ok: false, reason: '当前应办理“申报”,不能办理“审核”' });
    expect(decide(national, 'review', 'review', 'reject', '')).toEqual({ ok: false, reason: '“不通过”须说明理由' });
    expect(decide(national, 'review', 'review', 'reject', '材料不全')).toMatchObject({ ok: true, next: 'refused', ended: true });
    expect(decide(national, 'review', 'review', 'return', '补材料')).toMatchObject({ ok: true, next: 'apply', ended: false });
    expect(decide(national, 'review', 'review', 'nope', null)).toEqual({ ok: false, reason: '环节“审核”没有操作“nope”(可选:approve 通过、return 退回、reject 不通过)' });
    expect(decide(national, 'done', 'notice', 'close', null)).toEqual({ ok: false, reason: '已办结(完成),不能再办理环节' });
    // a step a later version of the file removed
    expect(decide(national, 'oldStep', 'oldStep', 'go', null)).toEqual({ ok: false, reason: '记录状态“oldStep”不是本程序的环节' });
  });
});

describe('monitoring procedures on the engine', () => {
  const rules = workflowRulesFile.parse(JSON.parse(readFileSync(new URL('../../../../data/workflow-rules.json', import.meta.url), 'utf8')));
  /** engine action of a state-machine action */
  const engineAction = (a: CaseAction): string => {
    switch (a.type) {
      case 'verify': return a.riskFound ? 'riskFound' : 'noRisk';
      case 'compare': return 'compare';
      case 'assess': return 'criteriaMet';
      case 'villageReview': return a.agreed ? 'agreed' : 'refused';
      case 'closeNotice': return 'close';
      case 'objectionUpheld': return 'objectionUpheld';
      case 'townshipReview': return a.approved ? 'approved' : 'refused';
      case 'countyApproval': return a.approved ? 'approved' : 'refused';
      case 'announce': return 'announce';
      default: return a.type;
    }
  };
  const paths: Record<'identification' | 'elimination', CaseAction[][]> = {
    identification: [
      [{ type: 'verify', consentSigned: true, riskFound: true }, { type: 'compare' }, { type: 'villageReview', agreed: true }, { type: 'objectionUpheld' }, { type: 'villageReview', agreed: true }, { type: 'closeNotice' }, { type: 'townshipReview', approved: true }, { type: 'countyApproval', approved: true }, { type: 'announce' }],
      [{ type: 'verify', consentSigned: true, riskFound: false }],
      [{ type: 'verify', consentSigned: true, riskFound: true }, { type: 'compare' }, { type: 'villageReview', agreed: false }],
      [{ type: 'verify', consentSigned: true, riskFound: true }, { type: 'compare' }, { type: 'villageReview', agreed: true }, { type: 'closeNotice' }, { type: 'townshipReview', approved: false }],
      [{ type: 'verify', consentSigned: true, riskFound: true }, { type: 'compare' }, { type: 'villageReview', agreed: true }, { type: 'closeNotice' }, { type: 'townshipReview', approved: true }, { type: 'countyApproval', approved: false }],
    ],
    elimination: [
      [{ type: 'assess', criteriaMet: true }, { type: 'villageReview', agreed: true }, { type: 'closeNotice' }, { type: 'townshipReview', approved: true }, { type: 'countyApproval', approved: true }, { type: 'announce' }],
      [{ type: 'assess', criteriaMet: true }, { type: 'villageReview', agreed: false }],
    ],
  };
  for (const kind of ['identification', 'elimination'] as const) {
    it(`${kind}: every path reaches the same states as the state machine`, () => {
      const proc = resolveProcedure(monitoringDefinition(rules, kind), '52');
      for (const path of paths[kind]) {
        let s = initialState(kind);
        let e = proc.steps[0]!.id;
        expect(e).toBe(stepOfState(s));
        for (const a of path) {
          const t = transition(kind, s, a);
          const d = decide(proc, e, stepOfState(s)!, engineAction(a), 'reason');
          expect(t.ok && d.ok).toBe(true);
          if (!t.ok || !d.ok) return;
          s = t.next;
          e = d.next;
          // a case state is its step's state or the end itself
          expect(stepOfState(s) ?? s).toBe(e);
        }
      }
    });
  }

  it('Anhui override through the engine: verification 2 working days from the clue', () => {
    const p = resolveProcedure(monitoringDefinition(rules, 'identification'), '34');
    expect(stepOf(p, 'verificationVisit').limit).toMatchObject({ days: 2, unit: 'working', from: 'start', projectChoice: false });
    expect(stepOf(resolveProcedure(monitoringDefinition(rules, 'identification'), '52'), 'verificationVisit').limit).toMatchObject({ days: 2, unit: 'calendar', projectChoice: true });
  });
});
