/**
 * Division codes over time (issue 9 item 7). Counties and prefectures are renamed, merged and split, and each
 * change retires a code: 华亭县 620824 became 华亭市 620881 on 2018-07-02 (民函〔2018〕109号). The crosswalk
 * (data/regions/division-crosswalk.csv, one row per retired code → successor, each with the approving
 * document and its source) tells what an old code in a file stands for today. Pure: the caller passes what the
 * current code list holds and the crosswalk rows.
 *
 * Rules: a code in the current list is current, whatever the crosswalk says (retired codes are sometimes
 * reused); a retired code with one successor chain is replaced by the chain's current end (a warning names
 * each step); a code whose chain divides (a split, or a chain ending on codes no longer current) has no one
 * current code and is held with the candidates; a code neither current nor in the crosswalk is unknown and
 * held with that reason. Nothing is guessed from a similar code or name.
 */

/** Kinds of change: the same area under a new code or name, several areas into one, one area into several. */
export const CHANGE_KINDS = ['rename', 'merge', 'split'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_ZH: Record<ChangeKind, string> = { rename: '更名/改设', merge: '合并', split: '拆分' };

/** One crosswalk row: a retired code and one code that replaced it. Codes are GB/T 2260 6-digit codes. */
export interface DivisionChange {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  /** ISO date of the approving document */
  changedOn: string;
  kind: ChangeKind;
  /** document number (文号); '' when only a published source is known */
  document: string;
  /** where the change is published (and who compiled the row) */
  source: string;
}

/** What a code stands for today. */
export type CodeStatus =
  | { status: 'current'; code: string }
  | { status: 'replaced'; code: string; chain: DivisionChange[] }
  | { status: 'divided'; candidates: string[]; chain: DivisionChange[] }
  | { status: 'unknown'; reason: string };

/**
 * The form a 6-digit GB/T 2260 code takes in the region table (provinces 2 digits, prefectures 4, counties 6;
 * towns 9 and villages 12 stay as they are).
 */
export function regionKey(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The 6-digit GB/T 2260 form of a region-table code of province, prefecture or county level. */
export function gbCode(key: string): string {
  return key.length === 2 ? `${key}0000` : key.length === 4 ? `${key}00` : key;
}

/**
 * What a county-level or higher code (6 digits, or the table's 2/4-digit forms) stands for today.
 * @param isCurrent whether the current code list holds a region-table key
 * @param changesOf the crosswalk rows whose oldCode is the given 6-digit code
 */
export function currentCodeOf(code: string, isCurrent: (key: string) => boolean, changesOf: (oldCode: string) => readonly DivisionChange[]): CodeStatus {
  const start = regionKey(code);
  if (isCurrent(start)) return { status: 'current', code: start };
  const chain: DivisionChange[] = [];
  const ends = new Set<string>();
  let dangling = false;
  const walk = (c: string, depth: number) => {
    const key = regionKey(c);
    if (depth > 0 && isCurrent(key)) {
      ends.add(key);
      return;
    }
    const next = depth > 12 ? [] : changesOf(gbCode(c));
    if (next.length === 0) {
      if (depth > 0) dangling = true;
      return;
    }
    for (const ch of next) {
      chain.push(ch);
      walk(ch.newCode, depth + 1);
    }
  };
  walk(gbCode(code), 0);
  if (chain.length === 0) return { status: 'unknown', reason: `区划代码 ${code} 不在现行区划代码中,区划变更对照表中也没有它` };
  if (ends.size === 1 && !dangling) return { status: 'replaced', code: [...ends][0]!, chain };
  return { status: 'divided', candidates: [...ends].sort(), chain };
}

/** One line per step of a chain: "华亭县 620824 → 华亭市 620881(2018-07-02 更名/改设,民函〔2018〕109号)". */
export function describeChain(chain: readonly DivisionChange[]): string {
  return chain.map((c) => `${c.oldName} ${c.oldCode} → ${c.newName} ${c.newCode}(${c.changedOn} ${CHANGE_KIND_ZH[c.kind]}${c.document ? `,${c.document}` : ''})`).join(';');
}
