/** Every import kind by its key (`--kind`). */
import { DEPARTMENT_TEMPLATES } from './departments';
import { NATIONAL_PERSON } from './national';
import { NATIONAL_OTHER_TEMPLATES } from './national-other';
import type { ImportTemplate } from './template';
import { validationError } from '../../errors';

export const TEMPLATES: readonly ImportTemplate[] = [NATIONAL_PERSON, ...NATIONAL_OTHER_TEMPLATES, ...DEPARTMENT_TEMPLATES];

/** Kind keys, for help texts and zod enums. */
export const IMPORT_KINDS = TEMPLATES.map((t) => t.kind);

/**
 * The template of a kind.
 * @throws validation_error naming the known kinds
 */
export function templateOf(kind: string): ImportTemplate {
  const t = TEMPLATES.find((x) => x.kind === kind);
  if (!t) throw validationError([{ field: 'kind', message: `未知的导入类型“${kind}”,可选:${TEMPLATES.map((x) => `${x.kind}(${x.zh})`).join('、')}` }]);
  return t;
}
