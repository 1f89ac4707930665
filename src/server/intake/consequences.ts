/**
 * What holding a row of a person file entails (issue 8: "the persons behind a held row listed with every
 * consequence; a household held for its head says so"): for a held row, in Chinese, which rows wait with
 * it, whether its household goes in without it, and what the other national tables cannot do until it is
 * in. Rows are named by spreadsheet row and household number, never by name or ID number. Pure.
 */
import type { IntegrityRow, IntegrityVerdict } from './integrity';

/** Consequence sentences of every held row (by index), from the integrity verdicts of the whole file. */
export function heldConsequences(rows: readonly IntegrityRow[], verdicts: readonly IntegrityVerdict[]): Map<number, string[]> {
  const byNo = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const no = r.householdNo?.trim();
    if (!no) return;
    const l = byNo.get(no);
    if (l) l.push(i);
    else byNo.set(no, [i]);
  });
  const list = (idxs: number[]) => idxs.map((j) => rows[j]!.row).join('、');
  const out = new Map<number, string[]>();
  rows.forEach((r, i) => {
    const v = verdicts[i]!;
    if (v.status !== 'held') return;
    const no = r.householdNo!.trim();
    const same = (byNo.get(no) ?? []).filter((j) => j !== i);
    const waiting = same.filter((j) => verdicts[j]!.status === 'held');
    const going = same.filter((j) => verdicts[j]!.status === 'accepted');
    const c: string[] = [];
    if (r.isHead) {
      c.push(`本行是户 ${no} 的户主:整户暂不导入${waiting.length ? `,第 ${list(waiting)} 行的成员随户主等待核实` : ''}`);
    } else if (v.codes.includes('HOUSEHOLD_HEAD_HELD')) {
      const heads = same.filter((j) => rows[j]!.isHead);
      c.push(`户 ${no} 的户主(第 ${list(heads)} 行)待核实:本行随户主暂不导入,户主核实后随户导入`);
    } else if (v.codes.includes('MULTIPLE_HEADS') || v.codes.includes('HOUSEHOLD_WITHOUT_HEAD')) {
      c.push(`户 ${no} 的户主不明:整户(第 ${list([i, ...same].sort((a, b) => a - b))} 行)暂不导入`);
    } else {
      c.push(going.length ? `本人暂不登记;户 ${no} 的其他 ${going.length} 名成员(第 ${list(going)} 行)照常导入,本人核实后需再导入本行` : `本人暂不登记;户 ${no} 没有其他成员导入`);
    }
    if (v.codes.includes('PERSON_IN_MULTIPLE_HOUSEHOLDS')) c.push(`同一证件号码另见第 ${v.otherRows.join('、')} 行:各处均暂不导入,核实本人属于哪一户后再导入`);
    c.push('登记前,（务工月监测）已外出务工信息、计划外出务工信息中本人的行无法导入(报“登记中没有此证件号码的人员”)');
    out.set(i, c);
  });
  return out;
}
