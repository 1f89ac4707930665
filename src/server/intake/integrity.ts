/**
 * Household integrity of a person file (case c15), decided over the whole file before anything is
 * written: one person, one household; one head per household; a missing household number (blank or 0)
 * never groups rows together; conflicts are held for review, never resolved by last-row-wins. Pure.
 *
 * Rules (field practice of the national system: 户编号 identifies a household, 与户主关系 = 户主 once):
 * - MISSING_HOUSEHOLD_ID: blank or all-zero 户编号 → the row is rejected.
 * - PERSON_IN_MULTIPLE_HOUSEHOLDS: the same ID number under two household numbers → every such row held.
 * - DUPLICATE_IN_HOUSEHOLD: the same ID number twice in one household → both held (NAME_MISMATCH too
 *   when the names differ).
 * - MULTIPLE_HEADS / HOUSEHOLD_WITHOUT_HEAD: counted over distinct persons of the household's rows →
 *   every row of the household held.
 * - HOUSEHOLD_HEAD_HELD: the head's own row is held (for any reason) → the household's other rows are
 *   held too, so that no household is registered without its head.
 */

export interface IntegrityRow {
  row: number;
  householdNo: string | null;
  /** normalised 18-character ID number, or null when rejected */
  id: string | null;
  name: string | null;
  isHead: boolean;
  /** already held or rejected for a value problem */
  status: 'accepted' | 'held' | 'rejected';
}

export interface IntegrityVerdict {
  status: 'accepted' | 'held' | 'rejected';
  codes: string[];
  otherRows: number[];
}

export const INTEGRITY_ZH: Record<string, string> = {
  MISSING_HOUSEHOLD_ID: '户编号为空或为0,不能据此分户;请补填户编号',
  PERSON_IN_MULTIPLE_HOUSEHOLDS: '同一身份证号出现在多个户中,待核实',
  DUPLICATE_IN_HOUSEHOLD: '同一户中同一身份证号出现多次,待核实',
  NAME_MISMATCH: '同一身份证号对应的姓名不一致',
  MULTIPLE_HEADS: '该户有多名户主,待核实',
  HOUSEHOLD_WITHOUT_HEAD: '该户没有户主,待核实',
  HOUSEHOLD_HEAD_HELD: '该户户主所在行待核实,整户暂不导入',
};

/** Whether a household number is missing (blank, or zeros only). */
export const missingHouseholdNo = (no: string | null) => !no || /^0+$/.test(no.trim());

/** Verdicts of every row, in the order given. */
export function checkIntegrity(rows: readonly IntegrityRow[]): IntegrityVerdict[] {
  const out: IntegrityVerdict[] = rows.map((r) => ({ status: r.status, codes: [], otherRows: [] }));
  const hold = (i: number, code: string, others: number[] = []) => {
    const v = out[i]!;
    if (v.status === 'rejected') return;
    v.status = 'held';
    if (!v.codes.includes(code)) v.codes.push(code);
    for (const o of others) if (!v.otherRows.includes(o)) v.otherRows.push(o);
  };
  const households = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (missingHouseholdNo(r.householdNo)) {
      out[i] = { status: 'rejected', codes: ['MISSING_HOUSEHOLD_ID'], otherRows: [] };
      return;
    }
    const no = r.householdNo!.trim();
    const list = households.get(no);
    if (list) list.push(i);
    else households.set(no, [i]);
  });
  // one person, one household
  const byId = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!r.id || out[i]!.status === 'rejected') return;
    const l = byId.get(r.id);
    if (l) l.push(i);
    else byId.set(r.id, [i]);
  });
  for (const idxs of byId.values()) {
    if (idxs.length < 2) continue;
    const nos = new Set(idxs.map((i) => rows[i]!.householdNo!.trim()));
    if (nos.size > 1) {
      for (const i of idxs) hold(i, 'PERSON_IN_MULTIPLE_HOUSEHOLDS', idxs.filter((j) => j !== i).map((j) => rows[j]!.row));
    } else {
      idxs.forEach((i, k) => {
        hold(i, 'DUPLICATE_IN_HOUSEHOLD', idxs.filter((j) => j !== i).map((j) => rows[j]!.row));
        if (k > 0 && rows[i]!.name !== rows[idxs[0]!]!.name) hold(i, 'NAME_MISMATCH');
      });
    }
  }
  // one head per household, counted over distinct persons
  for (const idxs of households.values()) {
    const heads = new Set(idxs.filter((i) => rows[i]!.isHead && out[i]!.status !== 'rejected').map((i) => rows[i]!.id ?? `row${rows[i]!.row}`));
    if (heads.size > 1) for (const i of idxs) hold(i, 'MULTIPLE_HEADS');
    else if (heads.size === 0) for (const i of idxs) hold(i, 'HOUSEHOLD_WITHOUT_HEAD');
    else {
      const headHeld = idxs.some((i) => rows[i]!.isHead && out[i]!.status !== 'accepted');
      if (headHeld) for (const i of idxs) if (out[i]!.status === 'accepted') hold(i, 'HOUSEHOLD_HEAD_HELD');
    }
  }
  return out;
}
