/**
 * Resident ID numbers (GB 11643-1999): check characters, birth dates, normalisation, 15-digit numbers,
 * Excel damage, masking and ages. The field cases c02 (normalisation) and c04 (impossible dates) are
 * copied to test/fixtures/ and run as tables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, checkIdNumber, maskIdNumber, normalizeIdNumber } from './id-number';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

/** c04's as-of date. */
const C04_AS_OF = '2024-06-30';
const AS_OF = '2026-03-15';

describe('checkCharacter (ISO 7064 MOD 11-2)', () => {
  it('computes the check character of 522633200002291068 by hand', () => {
    // digits  5  2  2  6  3  3  2  0  0  0  0  2  2  9  1  0  6
    // weights 7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 35+18+20+30+24+12+4+0+0+0+0+18+20+45+8+0+12 = 246; 246 mod 11 = 4 (242 = 22×11);
    // table "10X98765432"[4] = '8'
    expect(checkCharacter('52263320000229106')).toBe('8');
  });

  it('gives X for remainder 2: 52263319850312003X', () => {
    // 5×7=35 2×9=18 2×10=20 6×5=30 3×8=24 3×4=12 1×2=2 9×1=9 8×6=48 5×3=15 0×7=0 3×9=27 1×10=10 2×5=10 0×8=0 0×4=0 3×2=6
    // sum = 35+18+20+30+24+12+2+9+48+15+0+27+10+10+0+0+6 = 266; 266 mod 11 = 2 (264 = 24×11); table[2] = 'X'
    expect(checkCharacter('52263319850312003')).toBe('X');
  });

  it('gives 1 for remainder 0 and 2 for remainder 10', () => {
    // 522633200102032151: 35+18+20+30+24+12+4+0+0+3+0+18+0+15+16+4+10 = 209 = 19×11 → remainder 0 → '1'
    expect(checkCharacter('52263320010203215')).toBe('1');
    // 522633202402291082: 35+18+20+30+24+12+4+0+12+12+0+18+20+45+8+0+16 = 274; 274 − 264 = 10 → '2'
    expect(checkCharacter('52263320240229108')).toBe('2');
  });
});

describe('checkIdNumber: valid numbers', () => {
  it('accepts a valid 18-digit number with its birth date and sex', () => {
    const r = checkIdNumber('522633200002291068', AS_OF);
    expect(r).toEqual({ ok: true, idNumber: '522633200002291068', status: 'valid', birthDate: '2000-02-29', sex: 'female', errors: [], warnings: [] });
  });

  it('reads sex from digit 17: odd male, even female', () => {
    // 522633199602291074: digit 17 = 7 (odd) → male
    expect(checkIdNumber('522633199602291074', AS_OF).sex).toBe('male');
    // 522633202402291082: digit 17 = 8 (even) → female
    expect(checkIdNumber('522633202402291082', AS_OF).sex).toBe('female');
    // 522633200102032151: digit 17 = 5 → male; 522632199306114026: digit 17 = 2 → female
    expect(checkIdNumber('522633200102032151', AS_OF).sex).toBe('male');
    expect(checkIdNumber('522632199306114026', AS_OF).sex).toBe('female');
  });

  it('accepts a number born exactly on the as-of date', () => {
    // 52263320260315001: 35+18+20+30+24+12+4+0+12+18+0+27+10+25+0+0+2 = 237; 237 − 231 = 6 → table[6] = '6'
    const r = checkIdNumber('522633202603150016', AS_OF);
    expect(r.ok).toBe(true);
    expect(r.birthDate).toBe('2026-03-15');
  });

  it.each([
    ['522633200002291068', '2000-02-29'],
    ['522633199602291074', '1996-02-29'],
    ['522633202402291082', '2024-02-29'],
  ])('accepts the real leap day in %s', (id, birth) => {
    const r = checkIdNumber(id, AS_OF);
    expect(r.ok).toBe(true);
    expect(r.status).toBe('valid');
    expect(r.birthDate).toBe(birth);
  });
});

describe('checkIdNumber: wrong check character', () => {
  it('keeps the number as checkFailed with ID_BAD_CHECKSUM, never corrected', () => {
    // right check character of 52263320000229106 is '8' (see above); '9' is wrong
    const r = checkIdNumber('522633200002291069', AS_OF);
    expect(r.ok).toBe(true);
    expect(r.status).toBe('checkFailed');
    expect(r.idNumber).toBe('522633200002291069');
    expect(r.warnings).toContain('ID_BAD_CHECKSUM');
    expect(r.errors).toEqual([]);
    expect(r.birthDate).toBe('2000-02-29');
  });

  it('a wrong X is kept as typed', () => {
    // 52263320000229106 needs '8': X is wrong
    const r = checkIdNumber('52263320000229106X', AS_OF);
    expect(r.status).toBe('checkFailed');
    expect(r.idNumber).toBe('52263320000229106X');
  });

  it('marks Excel precision loss when the last three characters are 000 and the check fails (c01 row 3)', () => {
    // 52263319880506100, per digit:
    // 5×7 2×9 2×10 6×5 3×8 3×4 1×2 9×1 8×6 8×3 0×7 5×9 0×10 6×5 1×8 0×4 0×2
    // = 35+18+20+30+24+12+2+9+48+24+0+45+0+30+8+0+0 = 305; 305 − 297 = 8 → '4', not '0'
    const r = checkIdNumber('522633198805061000', AS_OF);
    expect(r.ok).toBe(true);
    expect(r.status).toBe('checkFailed');
    expect(r.warnings).toEqual(expect.arrayContaining(['ID_BAD_CHECKSUM', 'EXCEL_PRECISION_LOSS_SUSPECTED']));
  });
});

describe('checkIdNumber: impossible and future birth dates', () => {
  it.each([
    ['522633199902301019', '30 February 1999'],
    ['522633190002291029', '29 February 1900 (1900 is not a leap year: divisible by 100, not by 400)'],
    ['522633198813011090', 'month 13'],
    ['522633198801001100', 'day 00'],
    ['522633202304311035', '31 April'],
    ['522633189912311051', '31 December 1899, before 1900'],
    ['522633199900001014', 'month 00'],
  ])('rejects %s (%s) with ID_BAD_BIRTHDATE', (id) => {
    const r = checkIdNumber(id, AS_OF);
    expect(r.ok).toBe(false);
    expect(r.errors).toContain('ID_BAD_BIRTHDATE');
    expect(r.idNumber).toBeUndefined();
  });

  it('rejects a birth date after the as-of date', () => {
    // 2099-12-31 after 2024-06-30
    const r = checkIdNumber('522633209912311049', C04_AS_OF);
    expect(r).toMatchObject({ ok: false, errors: ['ID_BIRTHDATE_IN_FUTURE'] });
  });

  it('the day after the as-of date is already in the future', () => {
    // born 2026-03-16, as of 2026-03-15. 52263320260316001:
    // 5×7 2×9 2×10 6×5 3×8 3×4 2×2 0×1 2×6 6×3 0×7 3×9 1×10 6×5 0×8 0×4 1×2
    // = 35+18+20+30+24+12+4+0+12+18+0+27+10+30+0+0+2 = 242 = 22×11 → remainder 0 → '1'
    expect(checkIdNumber('522633202603160011', AS_OF).errors).toEqual(['ID_BIRTHDATE_IN_FUTURE']);
  });
});

describe('checkIdNumber: normalisation', () => {
  it('reads lowercase x as X and says so', () => {
    const r = checkIdNumber('52263319850312003x', AS_OF);
    expect(r.ok).toBe(true);
    expect(r.idNumber).toBe('52263319850312003X');
    expect(r.status).toBe('valid');
    expect(r.warnings).toContain('ID_NORMALIZED');
  });

  it.each([
    ['full-width digits and Ｘ', '５２２６３３１９６２０７０４１０８Ｘ', '52263319620704108X'],
    ['a full-width ｘ', '５２２６３３１９６２０７０４１０８ｘ', '52263319620704108X'],
    ['leading space and trailing tab', ' 52263319711120036X\t', '52263319711120036X'],
    ["Excel's leading apostrophe", "'522633200102032151", '522633200102032151'],
    ['ideographic space U+3000 and NBSP', '522632\u300019930611\u00a04026', '522632199306114026'],
    ['zero-width space U+200B', '522633195\u200b801010775', '522633195801010775'],
    ['BOM U+FEFF and CR LF', '\ufeff522633195801010775\r\n', '522633195801010775'],
  ])('normalises %s', (_what, raw, expected) => {
    const r = checkIdNumber(raw, AS_OF);
    expect(r.ok).toBe(true);
    expect(r.idNumber).toBe(expected);
    expect(r.status).toBe('valid');
    expect(r.warnings).toEqual(['ID_NORMALIZED']);
  });

  it('does not warn when nothing changed', () => {
    expect(checkIdNumber('52263319850312003X', AS_OF).warnings).toEqual([]);
    expect(normalizeIdNumber('52263319850312003X')).toEqual({ value: '52263319850312003X', changed: false });
  });

  it('removes only one apostrophe', () => {
    expect(checkIdNumber("''522633200102032151", AS_OF).errors).toEqual(['ID_BAD_FORMAT']);
  });
});

describe('checkIdNumber: 15-digit numbers (first generation)', () => {
  it('upgrades 522633380615217 to 522633193806152175 (c04 row 13)', () => {
    // 17 digits 52263319380615217:
    // 5×7 2×9 2×10 6×5 3×8 3×4 1×2 9×1 3×6 8×3 0×7 6×9 1×10 5×5 2×8 1×4 7×2
    // = 35+18+20+30+24+12+2+9+18+24+0+54+10+25+16+4+14 = 315; 315 − 308 = 7 → table[7] = '5'
    const r = checkIdNumber('522633380615217', C04_AS_OF);
    expect(r).toEqual({ ok: true, idNumber: '522633193806152175', status: 'valid', birthDate: '1938-06-15', sex: 'male', errors: [], warnings: ['ID_LEGACY_15'] });
  });

  it('reads sex from digit 15 of a 15-digit number', () => {
    // 522633380615216: last digit 6 → female (upgraded sequence 216)
    expect(checkIdNumber('522633380615216', C04_AS_OF).sex).toBe('female');
  });

  it('rejects a 15-digit number with an impossible date (c04 row 12: 1999-02-30)', () => {
    const r = checkIdNumber('522633990230123', C04_AS_OF);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['ID_BAD_BIRTHDATE']);
  });
});

describe('checkIdNumber: Excel scientific notation and bad format', () => {
  it.each(['4.52E+17', '5.22633E+17', '5.22633E17', '5.22633e+17', ' 4.52E+17 '])('rejects %s as ID_SCIENTIFIC_NOTATION', (raw) => {
    const r = checkIdNumber(raw, AS_OF);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['ID_SCIENTIFIC_NOTATION']);
    expect(r.idNumber).toBeUndefined();
  });

  it.each([
    ['17 digits', '52263320000229106'],
    ['19 digits', '5226332000022910681'],
    ['16 digits', '5226333806152171'],
    ['a letter inside', '5226332000A2291068'],
    ['X not last', '52263320000229X068'],
    ['a hyphen', '522633-20000229106'],
  ])('rejects %s as ID_BAD_FORMAT', (_what, raw) => {
    expect(checkIdNumber(raw, AS_OF)).toMatchObject({ ok: false, errors: ['ID_BAD_FORMAT'] });
  });

  it('rejects an empty or blank cell as ID_EMPTY', () => {
    expect(checkIdNumber('', AS_OF).errors).toEqual(['ID_EMPTY']);
    expect(checkIdNumber(' \u3000\t', AS_OF).errors).toEqual(['ID_EMPTY']);
  });

  it.each([
    ['00', '002633200002291068'],
    ['99', '992633200002291068'],
    ['10', '102633200002291068'],
    ['66', '662633200002291068'],
  ])('rejects province prefix %s as ID_BAD_REGION', (_p, id) => {
    const r = checkIdNumber(id, AS_OF);
    expect(r.ok).toBe(false);
    expect(r.errors).toContain('ID_BAD_REGION');
  });

  it('reports a bad region and a bad date together', () => {
    expect(checkIdNumber('992633199902301019', AS_OF).errors).toEqual(['ID_BAD_REGION', 'ID_BAD_BIRTHDATE']);
  });

  it('never throws on odd input', () => {
    for (const raw of ['\u0000', 'X'.repeat(18), '１'.repeat(40), '😀'.repeat(9), 'E+17', '.']) {
      expect(() => checkIdNumber(raw, AS_OF)).not.toThrow();
      expect(checkIdNumber(raw, AS_OF).ok).toBe(false);
    }
  });
});

describe('field case c04 (impossible birth dates), as a table', () => {
  const expected = JSON.parse(fixture('c04.expected.json')) as {
    as_of: string;
    rows: { row: number; id: string; status: 'accepted' | 'rejected'; errors?: string[]; id18?: string; birth_date?: string; warnings?: string[] }[];
  };
  const inputRows = fixture('c04_birthdate.csv').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[1]!);

  it('has the same ids in the input file and the expected file', () => {
    expect(inputRows).toEqual(expected.rows.map((r) => r.id));
  });

  it.each(expected.rows.map((r) => [r.row, r] as const))('row %i', (_row, e) => {
    const r = checkIdNumber(e.id, expected.as_of);
    if (e.status === 'rejected') {
      expect(r.ok).toBe(false);
      expect(r.errors).toEqual(e.errors);
    } else {
      expect(r.ok).toBe(true);
      expect(r.status).toBe('valid');
      expect(r.idNumber).toBe(e.id18 ?? e.id);
      expect(r.birthDate).toBe(e.birth_date);
      expect(r.warnings).toEqual(e.warnings ?? []);
    }
  });

  it('age of row 9 (born 2024-02-29) on the as-of date is 0', () => {
    expect(ageOn('2024-02-29', expected.as_of)).toBe(0);
  });
});

describe('field case c02 (normalisation), as a table', () => {
  const expected = JSON.parse(fixture('c02.expected.json')) as { rows: { row: number; status: string; id: string; warnings?: string[] }[]; summary: { distinct_persons: number } };
  // CRLF file: keep tabs and other white space inside the cells
  const raws = fixture('c02_canlian_id_variants.csv').split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')[1]!);

  it.each(expected.rows.map((r) => [r.row, r] as const))('row %i', (row, e) => {
    const raw = raws[row - 2]!;
    const r = checkIdNumber(raw, '2024-06-30');
    expect(r.ok).toBe(true);
    expect(r.idNumber).toBe(e.id);
    expect(r.status).toBe('valid');
    if (e.status === 'accepted') expect(r.warnings).toEqual(e.warnings);
  });

  it('row 2 (lowercase x) and row 8 (uppercase X) are the same stored number; 6 distinct persons', () => {
    const stored = raws.map((raw) => checkIdNumber(raw, '2024-06-30').idNumber);
    expect(stored[0]).toBe(stored[6]);
    expect(new Set(stored).size).toBe(expected.summary.distinct_persons);
  });
});

describe('field case c01: scientific notation rows of an export', () => {
  const rows = fixture('c01_yibao_export.csv').replace(/^\ufeff/, '').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[1]!);
  it('rejects rows 2, 4 and 6 as scientific notation and accepts row 5', () => {
    const results = rows.map((id) => checkIdNumber(id, '2024-06-30'));
    expect(results[0]!.errors).toEqual(['ID_SCIENTIFIC_NOTATION']);
    expect(results[2]!.errors).toEqual(['ID_SCIENTIFIC_NOTATION']);
    expect(results[4]!.errors).toEqual(['ID_SCIENTIFIC_NOTATION']);
    expect(results[3]).toMatchObject({ ok: true, status: 'valid', idNumber: '522633197909153128' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last two characters', () => {
    expect(maskIdNumber('52263319850312001X')).toBe('522633**********1X');
    expect(maskIdNumber('522633200002291068')).toBe('522633**********68');
  });
  it('masks 10 characters of an 18-character number, and hides short input entirely', () => {
    expect(maskIdNumber('522633200002291068').match(/\*/g)).toHaveLength(10);
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
  it('leaves no run of more than six digits', () => {
    expect(maskIdNumber('522633193806152175')).not.toMatch(/\d{7}/);
  });
});

describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    // born 1980-06-15: on 2025-06-14 44, on 2025-06-15 45, on 2025-06-16 45
    expect(ageOn('1980-06-15', '2025-06-14')).toBe(44);
    expect(ageOn('1980-06-15', '2025-06-15')).toBe(45);
    expect(ageOn('1980-06-15', '2025-06-16')).toBe(45);
  });
  it('handles year ends', () => {
    // born 2019-12-31: on 2025-12-30 5, on 2025-12-31 6; born 2020-01-01: on 2025-12-31 5
    expect(ageOn('2019-12-31', '2025-12-30')).toBe(5);
    expect(ageOn('2019-12-31', '2025-12-31')).toBe(6);
    expect(ageOn('2020-01-01', '2025-12-31')).toBe(5);
  });
  it('a leap-day child is a year older on 1 March of a common year', () => {
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
    expect(ageOn('2000-02-29', '2004-02-28')).toBe(3);
    expect(ageOn('2000-02-29', '2004-02-29')).toBe(4);
  });
  it('is 0 on the day of birth', () => {
    expect(ageOn('2026-03-15', '2026-03-15')).toBe(0);
  });
});
