import { describe, expect, it } from 'vitest';
import { maskName } from './masking';

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
