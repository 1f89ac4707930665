/**
 * Pure workflow rules: working-day arithmetic across public holidays and make-up working days (worked
 * by hand from the State Council notices in data/holidays/), deadlines of the procedure, the state
 * machine, notice rendering, coverage, elimination criteria and the statistics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { WorkCalendar, type CalendarDay } from './calendar';
import { clockDays, decisionDue, mayPerform, noticeEndsOn, procedureFor, stepDue, workflowRulesFile } from './procedure';
import { initialState, transition } from './state-machine';
import { renderNotice, scrubNotice } from './notice';
import { coverage, needsDevelopmentMeasure } from './measures';
import { assessElimination, monthsSince, type EliminationInputs } from './elimination';
import { distribution, distributionOfHistogram, percentile } from './stats';

const days = (y: number) => parse(readFileSync(new URL(`../../../../data/holidays/${y}.csv`, import.meta.url)), { columns: true }) as CalendarDay[];
const cal = new WorkCalendar([...days(2025), ...days(2026)]);
const rules = workflowRulesFile.parse(JSON.parse(readFileSync(new URL('../../../../data/workflow-rules.json', import.meta.url), 'utf8')));

describe('working-day calendar', () => {
  it('knows holidays and make-up working days of 2026 (Spring Festival 02-15…02-23, make-up 02-14 and 02-28)', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(cal.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside the holiday
    expect(cal.isWorkingDay('2026-02-24')).toBe(true); // Tuesday after
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
  });

  it('adds working days across the Spring Festival 2026, by hand', () => {
    // from Thu 02-12: Fri 02-13 (1), Sat 02-14 make-up (2)
    expect(cal.addWorkingDays('2026-02-12', 2)).toEqual({ date: '2026-02-14', provisional: false });
    // 02-13 (1), 02-14 (2), 02-15…02-23 holiday, Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5)
    expect(cal.addWorkingDays('2026-02-12', 5).date).toBe('2026-02-26');
    // Fri 02-27 (1), Sat 02-28 make-up (2)
    expect(cal.addWorkingDays('2026-02-26', 2).date).toBe('2026-02-28');
  });

  it('adds working days across National Day 2025 (10-01…10-08, make-up Sun 09-28 and Sat 10-11), by hand', () => {
    // from Fri 09-26: Sat 09-27 rest, Sun 09-28 make-up (1)
    expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
    // 09-28 (1), Mon 09-29 (2), Tue 09-30 (3), 10-01…10-08 holiday, Thu 10-09 (4)
    expect(cal.addWorkingDays('2025-09-26', 4).date).toBe('2025-10-09');
    // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 (make-up) = 6
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-11')).toBe(6);
  });

  it('marks arithmetic through a year without a holiday file as provisional', () => {
    // 2027-01-01 is a Friday; no 2027 file ships, so it counts as a working day, provisionally
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });
    expect(cal.add('2026-12-31', 1, 'calendar')).toEqual({ date: '2027-01-01', provisional: false });
  });
});

describe('procedure rules', () => {
  const national = procedureFor(rules, '52');
  const anhui = procedureFor(rules, '34');

  it('has a source for every step and national defaults of 5 notice days and 15 days to decision', () => {
    for (const s of Object.values(national.steps)) expect(s.source.length).toBeGreaterThan(5);
    expect(national.noticeMinDays.days).toBe(5);
    expect(national.clueToDecision).toMatchObject({ days: 15, unit: 'calendar' });
    expect(national.eliminationMinMonths.months).toBe(6);
  });

  it('Anhui: village verification within 2 working days of the clue (Spring Festival: Thu 02-12 → Sat 02-14 make-up)', () => {
    expect(anhui.steps.verificationVisit.limit).toEqual({ days: 2, unit: 'working', from: 'clue' });
    expect(stepDue(anhui, cal, 'verificationVisit', '2026-02-12', '2026-02-12').date).toBe('2026-02-14');
    // national: 2 calendar days → 02-14 too, but from Fri 02-13 Anhui gives Tue 02-24 and national Sun 02-15
    expect(stepDue(anhui, cal, 'verificationVisit', '2026-02-13', '2026-02-13').date).toBe('2026-02-24');
    expect(stepDue(national, cal, 'verificationVisit', '2026-02-13', '2026-02-13').date).toBe('2026-02-15');
  });

  it('the order of the steps in the data is the one the state machine enforces; a reordered file is refused', () => {
    expect(rules.national.order.identification).toEqual(['verificationVisit', 'informationComparison', 'villageReview', 'publicNotice', 'townshipReview', 'countyApproval', 'announcement']);
    const raw = JSON.parse(readFileSync(new URL('../../../../data/workflow-rules.json', import.meta.url), 'utf8'));
    raw.national.order.identification = ['informationComparison', 'verificationVisit', ...raw.national.order.identification.slice(2)];
    const r = workflowRulesFile.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['national', 'order', 'identification']);
  });

  it('who may perform: village review by the village, county approval by the county, the national operator anything', () => {
    expect(mayPerform(national.steps.villageReview, 'village', false)).toBe(true);
    expect(mayPerform(national.steps.villageReview, 'county', true)).toBe(false);
    expect(mayPerform(national.steps.countyApproval, 'township', false)).toBe(false);
    expect(mayPerform(national.steps.countyApproval, 'national', true)).toBe(true);
    expect(mayPerform(national.steps.countyApproval, 'province', true)).toBe(false);
  });

  it('notice period: posted 03-02 for 5 calendar days ends 03-06', () => {
    expect(noticeEndsOn(cal, '2026-03-02', 5, 'calendar')).toBe('2026-03-06');
  });

  it('decision due: 15 calendar days, and 15 + the notice when the rule stops the clock during the notice', () => {
    expect(decisionDue(national, cal, '2026-03-02', { from: '2026-03-10', to: '2026-03-14' }).date).toBe('2026-03-17');
    const paused = { ...national, clueToDecision: { ...national.clueToDecision, noticePausesClock: true } };
    // 03-03…03-09 (7), skip 03-10…03-14, 03-15…03-22 (8) = 15 → 03-22
    expect(decisionDue(paused, cal, '2026-03-02', { from: '2026-03-10', to: '2026-03-14' }).date).toBe('2026-03-22');
    expect(clockDays(paused, cal, '2026-03-02', '2026-03-22', { from: '2026-03-10', to: '2026-03-14' })).toBe(15);
    // 20 working days from Thu 2026-02-12: 02-13 (1), 02-14 make-up (2), 02-24…02-27 (3–6), 02-28 make-up (7),
    // 03-02…03-06 (8–12), 03-09…03-13 (13–17), 03-16 (18), 03-17 (19), 03-18 (20)
    const working = { ...national, clueToDecision: { days: 20, unit: 'working' as const, noticePausesClock: false, source: 'test' } };
    expect(decisionDue(working, cal, '2026-02-12', null).date).toBe('2026-03-18');
  });
});

describe('state machine', () => {
  it('runs the identification path to enrolment', () => {
    let s = initialState('identification');
    for (const a of [
      { type: 'verify', consentSigned: true, riskFound: true },
      { type: 'compare' },
      { type: 'villageReview', agreed: true },
      { type: 'postNotice' },
      { type: 'closeNotice' },
      { type: 'townshipReview', approved: true },
      { type: 'countyApproval', approved: true },
      { type: 'announce' },
    ] as const) {
      const t = transition('identification', s, a);
      if (!t.ok) throw new Error(t.reason);
      s = t.next;
    }
    expect(s).toBe('enrolled');
  });

  it('refuses a step out of order, verification without consent, rollback of an open case', () => {
    expect(transition('identification', 'verification', { type: 'townshipReview', approved: true })).toEqual({ ok: false, reason: '当前应办理“入户核实”,不能办理“乡镇审核”' });
    expect(transition('identification', 'verification', { type: 'verify', consentSigned: false, riskFound: true })).toMatchObject({ ok: false, reason: '入户核实须有农户签字的承诺授权书' });
    expect(transition('elimination', 'assessment', { type: 'assess', criteriaMet: false }).ok).toBe(false);
    expect(transition('elimination', 'villageReview', { type: 'rollback' }).ok).toBe(false);
    expect(transition('elimination', 'eliminated', { type: 'rollback' })).toEqual({ ok: true, next: 'rolledBack' });
    expect(transition('identification', 'enrolled', { type: 'announce' }).ok).toBe(false);
  });

  it('ends in not enrolled at a refusal and goes back to deliberation on an upheld objection', () => {
    expect(transition('identification', 'countyApproval', { type: 'countyApproval', approved: false })).toEqual({ ok: true, next: 'notEnrolled' });
    expect(transition('identification', 'notice', { type: 'objectionUpheld' })).toEqual({ ok: true, next: 'villageReview' });
    expect(transition('elimination', 'townshipReview', { type: 'townshipReview', approved: false })).toEqual({ ok: true, next: 'notEliminated' });
  });
});

describe('notice', () => {
  const content = { kind: 'identification' as const, countyName: '从江县', townshipName: '丙妹镇', villageName: '岜沙村', names: ['吴老岩'], postedOn: '2026-03-02', endsOn: '2026-03-06', days: 5 };

  it('shows names, village and the period, print-ready', () => {
    const html = renderNotice(content);
    expect(html).toContain('<td>吴老岩</td><td>岜沙村</td>');
    expect(html).toContain('公示期为 5 天(2026-03-02 至 2026-03-06)');
    expect(html).toContain('@page { size: A4 portrait');
  });

  it('never shows ID numbers, phones, bank accounts or health terms, whatever the template says', () => {
    const hostile = '{{idNumber}}|{{phone}}|{{bankAccount}}|{{healthStatus}}|{{rows}}|身份证 522633197003011114 电话 13812345678 0855-6412345 卡号 6228 4800 1234 5678 912 健康状况:大病、残疾、长期慢性病';
    const html = renderNotice(content, hostile);
    expect(html).not.toMatch(/\d{10,}/);
    for (const s of ['522633197003011114', '13812345678', '6412345', '6228 4800', '大病', '残疾', '慢性病']) expect(html).not.toContain(s);
    expect(html).toContain('吴老岩');
    expect(scrubNotice('x 52263319700301111X y')).toBe('x *** y');
  });
});

describe('coverage and development measures', () => {
  const cov = [
    { riskType: 'illness' as const, kinds: ['health', 'socialSecurity', 'socialAssistance'] as const, source: 's' },
    { riskType: 'housingSafety' as const, kinds: ['housingSafety', 'relocation'] as const, source: 's' },
  ].map((r) => ({ ...r, kinds: [...r.kinds] }));

  it('shows an uncovered risk and ignores planned or stopped measures', () => {
    const c = coverage(cov, ['illness', 'housingSafety'], [{ kind: 'health', status: 'inProgress' }, { kind: 'relocation', status: 'planned' }]);
    expect(c.map((x) => [x.riskType, x.covered])).toEqual([['illness', true], ['housingSafety', false]]);
  });

  it('a household able to work needs a development-type measure', () => {
    expect(needsDevelopmentMeasure(2, [{ kind: 'socialSecurity', status: 'inProgress' }])).toBe(true);
    expect(needsDevelopmentMeasure(2, [{ kind: 'employment', status: 'completed' }])).toBe(false);
    expect(needsDevelopmentMeasure(0, [{ kind: 'socialSecurity', status: 'inProgress' }])).toBe(false);
  });
});

describe('elimination criteria', () => {
  const base: EliminationInputs = {
    mode: 'assistance', identifiedMonth: '2025-09', asOf: '2026-03-15', minMonths: 6, measuresInPlace: 1, labourCount: 2,
    factsYear: 2025, perCapitaNetIncomeFen: 900_000, thresholdFen: 730_000, thresholdIsPlaceholder: false, thresholdSource: 'x',
    netIncomeFen: 2_700_000, compliantOutOfPocketFen: 100_000, medicalSharePercent: 50,
    childrenOutOfSchool: 0, membersWithoutMedicalInsurance: 0, housingSafe: true, safeDrinkingWater: true,
  };
  it('months since enrolment: 2025-09 → 2026-03-15 is 6; 2025-10 → 5', () => {
    expect(monthsSince('2025-09', '2026-03-15')).toBe(6);
    expect(monthsSince('2025-10', '2026-03-15')).toBe(5);
  });
  it('eligible when every criterion holds; each failure shows with its evidence', () => {
    expect(assessElimination(base).eligible).toBe(true);
    const early = assessElimination({ ...base, identifiedMonth: '2025-10' });
    expect(early.eligible).toBe(false);
    expect(early.criteria.find((c) => c.id === 'monitoredSixMonths')).toMatchObject({ met: false, evidence: '识别监测时间 2025-10,至 2026-03-15 满 5 个月' });
    expect(assessElimination({ ...base, labourCount: 0 }).criteria.find((c) => c.id === 'labourCapacity')!.met).toBe(false);
    // 730,000 fen threshold; 730,000 is not above it
    expect(assessElimination({ ...base, perCapitaNetIncomeFen: 730_000 }).eligible).toBe(false);
    // 50% of 2,700,000 = 1,350,000: 1,350,000 out of pocket is not below it
    expect(assessElimination({ ...base, compliantOutOfPocketFen: 1_350_000 }).eligible).toBe(false);
    expect(assessElimination({ ...base, safeDrinkingWater: false }).eligible).toBe(false);
    expect(assessElimination({ ...base, mode: 'natural', measuresInPlace: 0 }).eligible).toBe(true);
    expect(assessElimination({ ...base, measuresInPlace: 0 }).eligible).toBe(false);
  });
});

describe('statistics', () => {
  it('nearest-rank median and 90th percentile', () => {
    // sorted 1 2 3 4 5 6 7 8 9 10: median rank ceil(5) = 5 → 5; p90 rank ceil(9) = 9 → 9
    expect(distribution([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual({ n: 10, median: 5, p90: 9 });
    // 3 values 4 7 20: median rank 2 → 7; p90 rank ceil(2.7) = 3 → 20
    expect(distribution([20, 4, 7])).toEqual({ n: 3, median: 7, p90: 20 });
    expect(percentile([], 50)).toBeNull();
  });

  it('from a histogram gives the same figures as from the values', () => {
    // 1,1,3,5 → median 1, p90 5 (as in the timeliness test)
    expect(distributionOfHistogram([{ value: 5, n: 1 }, { value: 1, n: 2 }, { value: 3, n: 1 }])).toEqual({ n: 4, median: 1, p90: 5 });
    expect(distributionOfHistogram([])).toEqual({ n: 0, median: null, p90: null });
    let seed = 7;
    const values = Array.from({ length: 997 }, () => (seed = (seed * 48271) % 2147483647) % 40);
    const hist = new Map<number, number>();
    for (const v of values) hist.set(v, (hist.get(v) ?? 0) + 1);
    expect(distributionOfHistogram([...hist].map(([value, n]) => ({ value, n })))).toEqual(distribution(values));
  });
});
