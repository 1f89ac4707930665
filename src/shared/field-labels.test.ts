import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels';

describe('field labels in error messages', () => {
  it('no internal paths: query and body fields by their Chinese names, list rows counted from 1', () => {
    expect(fieldLabel('querystring.incomeMinFen')).toBe('人均纯收入下限');
    expect(fieldLabel('body.reason')).toBe('理由');
    expect(fieldLabel('body.members.1.idNumber')).toBe('第2名成员 身份证号');
    expect(fieldLabel('body.unknownKey')).toBe('unknownKey');
    expect(fieldLabel('body')).toBe('请求');
  });
});
