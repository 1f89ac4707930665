/**
 * Whether two spellings of a person's name are the same name (issue 9 item 2): a department list and the
 * registry write minority names with different separators (阿依古丽·买买提, 阿依古丽•买买提,
 * 阿依古丽・买买提, 阿依古丽.买买提, 阿依古丽．买买提, 阿依古丽 买买提) and full-width or half-width forms
 * (ＡＢ, AB). Those count as the same; any other difference does not. Pure; the registry's spelling is
 * never changed by a comparison.
 */

/** Separator look-alikes between the parts of a name: middle dots, bullets, katakana middle dots, full stops, white space. */
const SEPARATORS = /[\s\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65.\uff0e\u3002]/gu;

/** A name reduced for comparison: NFKC (full-width → half-width), separators dropped. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(SEPARATORS, '');
}

/** True when two names are the same name under the rule above. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
