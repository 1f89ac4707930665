/**
 * Per-capita net income (家庭年人均纯收入): the c14 field case by hand, missing figures, rounding.
 * c14's amounts are in yuan; × 100 gives fen.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { netIncomeFen, perCapitaNetIncome, type IncomeAmounts } from './income';
import { divideRounded } from './money';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

const amounts = (over: Partial<IncomeAmounts>): IncomeAmounts => ({ wageFen: 0, businessIncomeFen: 0, businessExpensesFen: 0, propertyFen: 0, transferFen: 0, ...over });

describe('netIncomeFen', () => {
  it('adds wage, business income, property and transfer income and subtracts business expenses', () => {
    // 100 + 200 − 50 + 30 + 20 = 300
    expect(netIncomeFen({ wageFen: 100, businessIncomeFen: 200, businessExpensesFen: 50, propertyFen: 30, transferFen: 20 })).toBe(300);
  });
  it('keeps a negative result (a business loss)', () => {
    // 0 + 100 − 500 = −400
    expect(netIncomeFen(amounts({ businessIncomeFen: 100, businessExpensesFen: 500 }))).toBe(-400);
  });
});

describe('c14 households by hand', () => {
  it('H1401: wage 6,000 − business 9,000 + transfer 2,400 = −600 yuan = −60,000 fen; / 3 members = −20,000 (kept negative)', () => {
    const r = perCapitaNetIncome(amounts({ wageFen: 600_000, businessIncomeFen: 0, businessExpensesFen: 900_000, transferFen: 240_000 }), 3);
    expect(r).toEqual({ ok: true, netIncomeFen: -60_000, perCapitaNetIncomeFen: -20_000 });
  });

  it('H1402: income 8,000 + 1,000 = 9,000 yuan but no members on the roster → HOUSEHOLD_NO_MEMBERS, per-capita null', () => {
    const r = perCapitaNetIncome(amounts({ wageFen: 800_000, transferFen: 100_000 }), 0);
    expect(r).toEqual({ ok: false, netIncomeFen: 900_000, perCapitaNetIncomeFen: null, issue: 'HOUSEHOLD_NO_MEMBERS' });
  });

  it('H1403: 30,000 + 4,000 + 2,000 = 36,000 yuan = 3,600,000 fen; the roster has 4 (the income file says 5): 3,600,000 / 4 = 900,000', () => {
    const r = perCapitaNetIncome(amounts({ wageFen: 3_000_000, businessIncomeFen: 400_000, transferFen: 200_000 }), 4);
    expect(r).toEqual({ ok: true, netIncomeFen: 3_600_000, perCapitaNetIncomeFen: 900_000 });
  });

  it('H1404: 10,000 + 3,000 = 13,000 yuan = 1,300,000 fen / 2 = 650,000', () => {
    const r = perCapitaNetIncome(amounts({ wageFen: 1_000_000, transferFen: 300_000 }), 2);
    expect(r).toEqual({ ok: true, netIncomeFen: 1_300_000, perCapitaNetIncomeFen: 650_000 });
  });

  it('H1405: no income record → INCOME_MISSING, not a zero-income household', () => {
    const r = perCapitaNetIncome(null, 1);
    expect(r).toEqual({ ok: false, netIncomeFen: null, perCapitaNetIncomeFen: null, issue: 'INCOME_MISSING' });
  });

  it('county indicator: (−60,000 + 3,600,000 + 1,300,000) / (3 + 4 + 2) = 4,840,000 / 9 = 537,777.8 → 537,778', () => {
    expect(divideRounded(-60_000 + 3_600_000 + 1_300_000, 3 + 4 + 2)).toBe(537_778);
  });
});

describe('c14 from the fixture files, roster wins over 家庭人口', () => {
  const expected = JSON.parse(fixture('c14.expected.json')) as { households: { id: string; members: number; total_fen: number | null; per_capita_fen: number | null; errors?: string[] }[] };
  const incomeRows = fixture('c14_income.csv').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(','));
  const roster = fixture('c14_members.csv').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[0]!);

  it.each(expected.households.map((h) => [h.id, h] as const))('%s', (id, e) => {
    const row = incomeRows.find((r) => r[0] === id)!;
    const cells = row.slice(2, 6);
    // blank cells = no income record (not zero)
    const inc = cells.every((c) => c === '') ? null : amounts({ wageFen: Number(cells[0]) * 100, businessIncomeFen: Number(cells[1]) * 100, propertyFen: Number(cells[2]) * 100, transferFen: Number(cells[3]) * 100 });
    const members = roster.filter((h) => h === id).length;
    expect(members).toBe(e.members);
    const r = perCapitaNetIncome(inc, members);
    expect(r.perCapitaNetIncomeFen).toBe(e.per_capita_fen);
    if (e.per_capita_fen !== null) expect(r.netIncomeFen).toBe(e.total_fen);
    if (e.errors) expect(r.ok ? null : r.issue).toBe(e.errors[0]);
  });
});

describe('perCapitaNetIncome: edges', () => {
  it('no members and no income → HOUSEHOLD_NO_MEMBERS (members are checked first)', () => {
    expect(perCapitaNetIncome(null, 0)).toEqual({ ok: false, netIncomeFen: null, perCapitaNetIncomeFen: null, issue: 'HOUSEHOLD_NO_MEMBERS' });
  });

  it('a record of all zeros is zero income, not missing', () => {
    expect(perCapitaNetIncome(amounts({}), 3)).toEqual({ ok: true, netIncomeFen: 0, perCapitaNetIncomeFen: 0 });
  });

  it('rounds half away from zero: 5 / 2 = 3, −5 / 2 = −3, 1,000,000 / 3 = 333,333', () => {
    expect(perCapitaNetIncome(amounts({ wageFen: 5 }), 2).perCapitaNetIncomeFen).toBe(3);
    expect(perCapitaNetIncome(amounts({ businessExpensesFen: 5 }), 2).perCapitaNetIncomeFen).toBe(-3);
    expect(perCapitaNetIncome(amounts({ wageFen: 1_000_000 }), 3).perCapitaNetIncomeFen).toBe(333_333);
    // 2,000,000 / 3 = 666,666.67 → 666,667
    expect(perCapitaNetIncome(amounts({ wageFen: 2_000_000 }), 3).perCapitaNetIncomeFen).toBe(666_667);
  });

  it('never gives NaN, Infinity or 0 in place of a missing figure', () => {
    for (const members of [0, -1]) {
      const r = perCapitaNetIncome(amounts({ wageFen: 100 }), members);
      expect(r.ok).toBe(false);
      expect(r.perCapitaNetIncomeFen).toBeNull();
    }
  });
});
