import { describe, expect, it } from 'vitest';
import { maskName } from './masking';

describe('maskName', () => {
  it('keeps the first and last character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠀀小明')).toBe('𠀀*明');
  });
});
