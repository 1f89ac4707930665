import { describe, expect, it } from 'vitest';
import { sameName } from './person-name';

describe('sameName (issue 9 item 2)', () => {
  it('separator look-alikes and full/half width are the same name', () => {
    for (const v of ['阿依古丽•买买提', '阿依古丽・买买提', '阿依古丽.买买提', '阿依古丽．买买提', '阿依古丽 买买提', '阿依古丽　买买提', '阿依古丽･买买提']) expect(sameName('阿依古丽·买买提', v)).toBe(true);
    expect(sameName('ＷＡＮＧ　Ｌｉ', 'WANG Li')).toBe(true);
  });
  it('any other difference is a different name', () => {
    expect(sameName('阿依古丽·买买提', '阿依古丽·买提')).toBe(false);
    expect(sameName('王大山', '王大三')).toBe(false);
    expect(sameName('王大山', '王 大 山 ')).toBe(true);
  });
});
