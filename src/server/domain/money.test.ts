/**
 * Money in integer fen: division rounded half away from zero, yuan ↔ fen conversions.
 */
import { describe, expect, it } from 'vitest';
import { divideRounded, formatYuan, yuanToFen } from './money';

describe('divideRounded (half away from zero)', () => {
  it.each([
    // c14 county indicator: 4,840,000 / 9 = 537,777.78 → 537,778
    [4_840_000, 9, 537_778],
    // 5 / 2 = 2.5 → 3 (half goes away from zero)
    [5, 2, 3],
    // −5 / 2 = −2.5 → −3
    [-5, 2, -3],
    [5, -2, -3],
    [-5, -2, 3],
    // 1 / 3 = 0.33 → 0; 2 / 3 = 0.67 → 1; −1 / 3 → 0 (never −0); −2 / 3 → −1
    [1, 3, 0],
    [2, 3, 1],
    [-1, 3, 0],
    [-2, 3, -1],
    // c14 H1401: −60,000 / 3 = −20,000 exactly
    [-60_000, 3, -20_000],
    // 7 / 7 = 1; 0 / 5 = 0
    [7, 7, 1],
    [0, 5, 0],
    // 3 / 4 = 0.75 → 1; 1 / 4 = 0.25 → 0; 10 / 4 = 2.5 → 3; −10 / 4 → −3
    [3, 4, 1],
    [1, 4, 0],
    [10, 4, 3],
    [-10, 4, -3],
    // large amounts stay exact: (2^53 − 1) / 1 and 9,007,199,254,740,991 / 2 = 4,503,599,627,370,495.5 → …496
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 2, 4_503_599_627_370_496],
  ])('%i / %i = %i', (n, d, q) => {
    const r = divideRounded(n, d);
    expect(r).toBe(q);
    expect(Object.is(r, -0)).toBe(false);
  });

  it('throws RangeError on a zero divisor, never Infinity or NaN', () => {
    expect(() => divideRounded(5, 0)).toThrow(RangeError);
    expect(() => divideRounded(0, 0)).toThrow(RangeError);
    expect(() => divideRounded(-5, 0)).toThrow(RangeError);
  });

  it('throws on non-integer or non-finite input', () => {
    expect(() => divideRounded(1.5, 2)).toThrow(RangeError);
    expect(() => divideRounded(3, 1.5)).toThrow(RangeError);
    expect(() => divideRounded(Number.NaN, 2)).toThrow(RangeError);
    expect(() => divideRounded(Number.POSITIVE_INFINITY, 2)).toThrow(RangeError);
    expect(() => divideRounded(2 ** 60, 2)).toThrow(RangeError);
  });

  it('never returns NaN or Infinity over a grid of numerators and divisors', () => {
    for (let n = -50; n <= 50; n++) {
      for (let d = -7; d <= 7; d++) {
        if (d === 0) continue;
        const r = divideRounded(n, d);
        expect(Number.isSafeInteger(r)).toBe(true);
        // |r − n/d| ≤ 1/2, and exactly 1/2 only when rounded away from zero
        const diff = Math.abs(r - n / d);
        expect(diff).toBeLessThanOrEqual(0.5);
        if (diff === 0.5) expect(Math.abs(r)).toBeGreaterThan(Math.abs(n / d));
      }
    }
  });
});

describe('yuanToFen', () => {
  it.each([
    [0, 0],
    [7300, 730_000],
    [12.34, 1234],
    [0.1, 10],
    [-600, -60_000],
    // 1.15 × 100 = 114.99999999999999 in floating point: still exactly 115 fen
    [1.15, 115],
    [19.99, 1999],
  ])('%d yuan = %i fen', (y, f) => {
    expect(yuanToFen(y)).toBe(f);
  });

  it('rejects more than two decimals', () => {
    expect(() => yuanToFen(1.005)).toThrow(RangeError);
    expect(() => yuanToFen(0.001)).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [12_345, '123.45'],
    [730_000, '7,300.00'],
    [-20_000, '-200.00'],
    [123_456_789, '1,234,567.89'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
