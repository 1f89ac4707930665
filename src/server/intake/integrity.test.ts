/**
 * Case c15 (household integrity) on its roster, read through the real reader and the national person
 * template: statuses, codes and the rows each conflict points to, as in ../shared/cases/expected/c15.json.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, type IntegrityRow } from './integrity';
import { openTable } from './readers/table';
import { parseRow } from './rows';
import { headerScorer, matchHeader } from './templates/mapping';
import { NATIONAL_PERSON } from './templates/national';

const FIX = join(__dirname, '../../../test/fixtures/intake');

describe('household integrity (c15)', () => {
  it('holds conflicts, rejects missing household numbers, accepts only rows 2, 3 and 5', async () => {
    const t = await openTable(join(FIX, 'c15_roster.csv'), { fileName: 'c15_roster.csv', score: headerScorer(NATIONAL_PERSON) });
    const m = matchHeader(NATIONAL_PERSON, t.header);
    const rows: IntegrityRow[] = [];
    for await (const raw of t.rows) {
      const p = parseRow(NATIONAL_PERSON, m.mapping, t.header.columns, raw, 'c15', '2026-03-15');
      rows.push({ row: p.row, householdNo: p.values.householdNo as string | null, id: p.id?.id ?? null, name: p.values.name as string, isHead: p.values.relationToHead === 'head', status: p.id?.status ?? 'rejected' });
    }
    const v = checkIntegrity(rows);
    const got = Object.fromEntries(rows.map((r, i) => [r.row, { status: v[i]!.status, codes: v[i]!.codes, other: v[i]!.otherRows }]));
    expect(got).toEqual({
      2: { status: 'accepted', codes: [], other: [] },
      3: { status: 'accepted', codes: [], other: [] },
      4: { status: 'held', codes: ['PERSON_IN_MULTIPLE_HOUSEHOLDS'], other: [6] },
      5: { status: 'accepted', codes: [], other: [] },
      6: { status: 'held', codes: ['PERSON_IN_MULTIPLE_HOUSEHOLDS'], other: [4] },
      7: { status: 'held', codes: ['MULTIPLE_HEADS'], other: [] },
      8: { status: 'held', codes: ['MULTIPLE_HEADS'], other: [] },
      9: { status: 'held', codes: ['HOUSEHOLD_WITHOUT_HEAD'], other: [] },
      10: { status: 'rejected', codes: ['MISSING_HOUSEHOLD_ID'], other: [] },
      11: { status: 'rejected', codes: ['MISSING_HOUSEHOLD_ID'], other: [] },
      12: { status: 'rejected', codes: ['MISSING_HOUSEHOLD_ID'], other: [] },
      13: { status: 'held', codes: ['DUPLICATE_IN_HOUSEHOLD'], other: [14] },
      14: { status: 'held', codes: ['DUPLICATE_IN_HOUSEHOLD', 'NAME_MISMATCH'], other: [13] },
    });
    // 11 distinct valid ID numbers in the file (rows 2–14 less the repeats of rows 6 and 14)
    expect(new Set(rows.map((r) => r.id).filter(Boolean)).size).toBe(11);
  });
});
