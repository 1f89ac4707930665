/** The pure parts of evaluation: sample draws, sample sizes, grades and competition ranks. */
import { describe, expect, it } from 'vitest';
import { drawSample, gradeOf, sampleSize, scoreRound, type EvaluationTemplate } from './scoring';

describe('evaluation scoring', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
  it('draws the same sample for the same seed and key, whatever the order of the ids', () => {
    const a = drawSample(ids, 10, 42, '522633:other');
    expect(drawSample([...ids].reverse(), 10, 42, '522633:other')).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(drawSample(ids, 10, 43, '522633:other')).not.toEqual(a);
    expect(drawSample(ids, 10, 42, '522632:other')).not.toEqual(a);
    expect(drawSample([5, 3], 10, 1, 'k').sort()).toEqual([3, 5]);
  });
  it('sample sizes: share rounded up, at least the minimum, at most the stratum', () => {
    const s = { id: 'other' as const, label: '', share: 0.01, min: 3, source: '' };
    expect(sampleSize(s, 1000)).toBe(10);
    expect(sampleSize(s, 150)).toBe(3);
    expect(sampleSize(s, 2)).toBe(2);
  });
  it('grades at the lines and ranks ties together (1, 1, 3)', () => {
    const lines = { good: 90, fairlyGood: 80, fair: 60 };
    expect([90, 89.99, 80, 60, 59.99].map((x) => gradeOf(x, lines))).toEqual(['好', '较好', '较好', '一般', '差']);
    const t = { items: [{ id: 'A', name: 'a', source: 's', rule: { kind: 'enteredScore' } }] } as unknown as EvaluationTemplate;
    const c = (code: string, v: number) => ({ countyCode: code, indicators: new Map(), entered: new Map([['A', v]]) });
    const r = scoreRound(t, { A: 100 }, lines, [c('1', 70), c('2', 95), c('3', 95)], () => 'none');
    expect(r.map((x) => [x.countyCode, x.rank, x.grade])).toEqual([['2', 1, '好'], ['3', 1, '好'], ['1', 3, '一般']]);
  });
});
