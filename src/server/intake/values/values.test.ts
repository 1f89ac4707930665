/**
 * Value parsers against the field cases c01, c02, c04, c12, c13, c07 (expected values copied from
 * ../shared/cases/expected), plus property tests: any string or number thrown at a parser gives a
 * value or coded errors, never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../readers/cell';
import { parseDateCell, parseMonthCell } from './date';
import { parseIdCell } from './id';
import { parseMoneyCell } from './money';
import { charCount, maskName, parseNameCell } from './name';

const text = (v: string): Cell => ({ t: 'text', v });
const num = (v: number): Cell => ({ t: 'number', v });

describe('ID cells', () => {
  it('c01: scientific notation, Excel truncation and numeric cells are rejected; a text number is accepted', () => {
    expect(parseIdCell(text('5.22633E+17'), '2024-06-30')).toMatchObject({ status: 'rejected', errors: ['ID_SCIENTIFIC_NOTATION'] });
    expect(parseIdCell(text('5.22633E17'), '2024-06-30')).toMatchObject({ status: 'rejected', errors: ['ID_SCIENTIFIC_NOTATION'] });
    const trunc = parseIdCell(text('522633198805061000'), '2024-06-30');
    expect(trunc).toMatchObject({ status: 'rejected', errors: ['ID_BAD_CHECKSUM'] });
    expect(trunc.warnings).toContain('EXCEL_PRECISION_LOSS_SUSPECTED');
    expect(parseIdCell(text('522633197909153128'), '2024-06-30')).toMatchObject({ status: 'accepted', id: '522633197909153128' });
    // c01 xlsx row 2: a numeric cell; 522633199001011260 is not exactly representable as a double
    expect(parseIdCell(num(522633199001011260), '2024-06-30')).toMatchObject({ status: 'rejected', errors: ['ID_NUMERIC_CELL_PRECISION_LOST'] });
  });

  it('c02: white space of every kind, full-width digits, lowercase x, apostrophe, zero-width: normalised, raw kept', () => {
    const cases: [string, string][] = [
      ['52263319850312003x', '52263319850312003X'],
      ['５２２６３３１９６２０７０４１０８Ｘ', '52263319620704108X'],
      [' 52263319711120036X\t', '52263319711120036X'],
      ["'522633200102032151", '522633200102032151'],
      ['522632\u300019930611\u00a04026', '522632199306114026'],
      ['522633195\u200b801010775', '522633195801010775'],
    ];
    for (const [raw, id] of cases) {
      const r = parseIdCell(text(raw), '2026-03-15');
      expect(r).toMatchObject({ status: 'accepted', id, raw });
      expect(r.warnings).toContain('ID_NORMALIZED');
    }
  });

  it('c04: birth dates inside ID numbers (as of 2024-06-30)', () => {
    const asOf = '2024-06-30';
    for (const id of ['522633199902301019', '522633190002291029', '522633202304311035', '522633189912311051', '522633198813011090', '522633198801001100', '522633990230123'])
      expect(parseIdCell(text(id), asOf).errors, id).toEqual(['ID_BAD_BIRTHDATE']);
    expect(parseIdCell(text('522633209912311049'), asOf).errors).toEqual(['ID_BIRTHDATE_IN_FUTURE']);
    expect(parseIdCell(text('522633200002291068'), asOf)).toMatchObject({ status: 'accepted', birthDate: '2000-02-29' });
    expect(parseIdCell(text('522633199602291074'), asOf)).toMatchObject({ status: 'accepted', birthDate: '1996-02-29' });
    expect(parseIdCell(text('522633202402291082'), asOf)).toMatchObject({ status: 'accepted', birthDate: '2024-02-29' });
    const legacy = parseIdCell(text('522633380615217'), asOf);
    expect(legacy).toMatchObject({ status: 'accepted', id: '522633193806152175', birthDate: '1938-06-15' });
    expect(legacy.warnings).toContain('ID_LEGACY_15');
  });

  it('a number failing only its check character is held for verification, not rejected', () => {
    // 52263319850312003X is valid; …0031 has the wrong check character and no 000 ending
    expect(parseIdCell(text('522633198503120031'), '2026-03-15')).toMatchObject({ status: 'held', id: '522633198503120031', errors: ['ID_BAD_CHECKSUM'] });
  });
});

describe('date cells (c12)', () => {
  it('reads serials, date cells and Y-M-D text; refuses impossible and ambiguous dates', () => {
    expect(parseDateCell(num(44625))).toMatchObject({ date: '2022-03-05', warnings: ['DATE_FROM_SERIAL'] });
    expect(parseDateCell(text('44625'))).toMatchObject({ date: '2022-03-05', warnings: ['DATE_FROM_SERIAL'] });
    expect(parseDateCell({ t: 'date', v: '2022-03-05' }).date).toBe('2022-03-05');
    for (const s of ['2022.03.05', '2022年3月5日', '2022/3/5', '20220305', '2022-3-5', '  2022年03月05日 ', '2022-03-05T00:00:00.000Z']) expect(parseDateCell(text(s)).date, s).toBe('2022-03-05');
    expect(parseDateCell(text('2022.13.05')).errors).toEqual(['DATE_INVALID']);
    expect(parseDateCell(text('2022年2月30日')).errors).toEqual(['DATE_INVALID']);
    expect(parseDateCell(text('05.03.2022')).errors).toEqual(['DATE_AMBIGUOUS']);
    expect(parseDateCell(text(''))).toMatchObject({ date: null, missing: true, errors: [] });
  });
  it('months as the national system exports them (YYYYMM)', () => {
    expect(parseMonthCell(text('202304')).date).toBe('2023-04');
    expect(parseMonthCell(num(202304)).date).toBe('2023-04');
    expect(parseMonthCell(text('2023年4月')).date).toBe('2023-04');
    expect(parseMonthCell(text('202313')).errors).toEqual(['DATE_INVALID']);
  });
});

describe('money cells (c13)', () => {
  it('separators, 万元 headers, units in cells, full-width digits, negatives, blanks', () => {
    // wage column （元）, business column （万元）
    expect(parseMoneyCell(text('12,345.60'), 'yuan').fen).toBe(1234560);
    expect(parseMoneyCell(text('1.2'), 'wanYuan').fen).toBe(1200000); // 1.2 万元 = 12,000 元 = 1,200,000 分
    expect(parseMoneyCell(text('1,2345.60'), 'yuan').fen).toBe(1234560);
    expect(parseMoneyCell(text('0.35'), 'wanYuan').fen).toBe(350000);
    expect(parseMoneyCell(text('3500元'), 'yuan').fen).toBe(350000);
    expect(parseMoneyCell(text('1.2万元'), 'wanYuan')).toMatchObject({ fen: 1200000, warnings: [] });
    expect(parseMoneyCell(text('￥2,000.00'), 'yuan').fen).toBe(200000);
    expect(parseMoneyCell(text('3500元'), 'wanYuan')).toMatchObject({ fen: 350000, warnings: ['UNIT_IN_CELL_OVERRIDES_HEADER'] });
    expect(parseMoneyCell(text('１２００'), 'yuan').fen).toBe(120000);
    expect(parseMoneyCell(text('-0.12'), 'wanYuan').fen).toBe(-120000); // business loss of 1,200 元 stays negative
    expect(parseMoneyCell(text('(1,200)'), 'yuan')).toMatchObject({ fen: null, errors: ['MONEY_AMBIGUOUS_FORMAT'] });
    expect(parseMoneyCell(undefined, 'wanYuan')).toMatchObject({ fen: null, missing: true });
    expect(parseMoneyCell(text('约3000'), 'yuan')).toMatchObject({ fen: null, errors: ['MONEY_NOT_A_NUMBER'] });
    expect(parseMoneyCell(text('0'), 'wanYuan')).toMatchObject({ fen: 0, missing: false });
    expect(parseMoneyCell(text('—'), 'wanYuan')).toMatchObject({ fen: null, missing: true });
    expect(parseMoneyCell(num(3200.5), 'yuan').fen).toBe(320050);
    expect(parseMoneyCell(num(0.1 + 0.2), 'yuan').fen).toBe(30);
    expect(parseMoneyCell(text('1.234'), 'yuan').errors).toEqual(['MONEY_TOO_PRECISE']);
  });
});

describe('names (c07)', () => {
  it('keeps characters outside the BMP and counts and masks code points', () => {
    const rows: [string, number, string][] = [['王𬌗', 2, '王*'], ['赵𠮷祥', 3, '赵**'], ['杨㵲', 2, '杨*'], ['李䶮', 2, '李*']];
    for (const [n, count, masked] of rows) {
      expect(parseNameCell(text(` ${n}\u3000`)).name).toBe(n);
      expect(charCount(n)).toBe(count);
      expect(maskName(n)).toBe(masked);
    }
    expect([...'王𬌗'].map((c) => c.codePointAt(0)!.toString(16))).toEqual(['738b', '2c317']);
    expect(parseNameCell(text('阿依古丽·买买提')).name).toBe('阿依古丽·买买提');
    expect(parseNameCell(text('王\ud870')).errors).toEqual(['NAME_INVALID_CHARACTER']);
  });
});

describe('properties: parsers never throw', () => {
  const anyCell = fc.oneof(
    fc.string().map(text),
    fc.string({ unit: 'binary' }).map(text),
    fc.double().map(num),
    fc.integer().map(num),
    fc.constantFrom<Cell>({ t: 'empty' }, { t: 'bool', v: true }, { t: 'error', v: '#DIV/0!' }, { t: 'date', v: '2022-03-05' }),
  );
  it('every cell gives a value or coded errors', () => {
    fc.assert(
      fc.property(anyCell, (c) => {
        const id = parseIdCell(c, '2026-03-15');
        expect(['accepted', 'held', 'rejected']).toContain(id.status);
        if (id.status === 'accepted') expect(id.id).toMatch(/^\d{17}[\dX]$/);
        const d = parseDateCell(c);
        if (d.date) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        else expect(d.missing || d.errors.length > 0).toBe(true);
        const m = parseMoneyCell(c, 'yuan');
        if (m.fen !== null) expect(Number.isSafeInteger(m.fen)).toBe(true);
        else expect(m.missing || m.errors.length > 0).toBe(true);
        parseNameCell(c);
      }),
      { numRuns: 2000 },
    );
  });
  it('an ID number mutated by one character is never accepted as a different valid number silently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 9 }), (pos, digit) => {
        const id = '52263319850312003X';
        const mutated = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
        const r = parseIdCell(text(mutated), '2026-03-15');
        // ISO 7064 MOD 11-2 detects every single-character substitution
        if (mutated !== id) expect(r.status).not.toBe('accepted');
      }),
    );
  });
  it('money: the fen of a formatted yuan amount is the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (fen) => {
        const sign = fen < 0 ? '-' : '';
        const a = Math.abs(fen);
        const grouped = Math.floor(a / 100).toLocaleString('en-US') + '.' + String(a % 100).padStart(2, '0');
        expect(parseMoneyCell(text(`${sign}${grouped}`), 'yuan').fen).toBe(fen);
        expect(parseMoneyCell(text(`${sign}￥${grouped}元`), 'yuan').fen).toBe(fen);
      }),
    );
  });
});
