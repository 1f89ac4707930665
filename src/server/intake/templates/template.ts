/**
 * Import templates: for each kind of file, its columns with the Chinese name, the usual variants seen in
 * real files, the type and unit. Headers are matched by name and variant (see mapping.ts); a template
 * downloads as .xlsx (see write-template.ts). Column names come from
 * ../shared/formats/national-system-exports.md (real exports) and the departments' usual lists.
 */

/** Type of a column's values, deciding its parser. */
export type ColumnType = 'text' | 'id' | 'idHash' | 'name' | 'date' | 'month' | 'money' | 'int' | 'decimal' | 'bool' | 'enum';

export interface TemplateColumn {
  /** stable key used by the import code */
  key: string;
  /** Chinese name as in the template */
  zh: string;
  /** other names seen in real files (normalised on comparison) */
  synonyms?: string[];
  type: ColumnType;
  required?: boolean;
  /** money unit when the header names none */
  unit?: 'yuan' | 'wanYuan';
  /** for `enum`: Chinese value → code */
  values?: Record<string, string>;
  /** the national vocabulary the values come from (data/national-vocabularies.csv): exports write its spellings */
  vocabulary?: import('../national/vocabulary').VocabularyName;
  /**
   * A value (Chinese, one of `values`) proposed when a list lacks this required column: the import then
   * asks the user to confirm it (ImportOptions.defaults), never applies it silently (issue 9 item 1)
   */
  proposedDefault?: string;
  /** known but not stored: recognised so that it is not reported as unknown */
  ignored?: boolean;
  note?: string;
}

/**
 * What a kind feeds: the registry (households and persons), a department's list (cross-check), spells of
 * migrant work of registry persons (work_spell), village profiles (village_profile), or fields of existing
 * households (householdUpdate: living conditions by 户编号).
 */
export type TemplateTarget = 'registry' | 'departmentList' | 'householdUpdate' | 'workSpell' | 'villageProfile';

export interface ImportTemplate {
  kind: string;
  zh: string;
  target: TemplateTarget;
  /** department sending the list (部门), for department lists */
  department?: string;
  /** sheet name of the downloadable template */
  sheetName: string;
  /** title rows above the header in the downloadable template (the national layout has two) */
  titleRows: string[];
  columns: TemplateColumn[];
  /** where the layout comes from */
  source: string;
  /**
   * National layouts (issue 8): a value outside every spelling of its vocabulary holds the row for
   * verification (column, value and the accepted spellings named) instead of rejecting it; columns the
   * template does not know are kept per row as they came (national_row.extra_json).
   */
  national?: boolean;
}

/** Yes/no values of the national exports (是 / 否). */
export const YES_NO: Record<string, string> = { 是: '1', 否: '0', 有: '1', 无: '0', Y: '1', N: '0', '1': '1', '0': '0' };
