import { describe, expect, it } from 'vitest';
import { maskBirthDate, maskIdNumber, maskName, redactIdNumbers } from './masking';

describe('maskName', () => {
  it('keeps only the first character, counting code points (c07)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张**');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠀀小明')).toBe('𠀀**');
    expect(maskName('赵𠮷祥')).toBe('赵**');
  });
});

describe('THE ID mask rule (issue 9 item 11)', () => {
  it('keeps the region code and the last two characters; the birth date digits are always starred', () => {
    expect(maskIdNumber('52263319700301011X')).toBe('522633**********1X');
    expect(maskIdNumber('522633450708123')).toBe('522633*******23');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
  it('beside a masked number the birth date is its year only', () => {
    expect(maskBirthDate('1970-03-01')).toBe('1970');
    expect(maskBirthDate('')).toBe('');
  });
  it('redacts every ID-like run of a text, not longer digit runs', () => {
    expect(redactIdNumbers('GET /x?id=52263319700301011x&n=522633450708123 t=1733241234567')).toBe('GET /x?id=522633**********1X&n=522633*******23 t=1733241234567');
    expect(redactIdNumbers('12345678901234567890')).toBe('12345678901234567890');
  });
});
