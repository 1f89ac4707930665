/**
 * Place commands (issue 9 items 7–8, issue 8 item 2), thin over PlaceService:
 * - `zhenxing places code CODE [--json]`: what a division code stands for today (current; replaced, with each
 *   step of the crosswalk: date, kind, document, source; divided, with the candidates; unknown, with the reason).
 * - `zhenxing places mappings --county CODE [--json]`: the county's remembered place-name mappings.
 * And the parser of `zhenxing import … --place-map 乡镇/村=代码` (repeatable): the preview's mapping step from
 * the command line, remembered per county when the import is committed.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { openRuntime } from '../../server/bootstrap';
import { validationError } from '../../server/errors';
import { CHANGE_KIND_ZH } from '../../server/domain/places/crosswalk';
import { systemActor } from '../../server/services/actor';
import type { ImportReport } from '../../server/services/intake.service';

/**
 * Collects `--place-map 乡镇/村=代码` values (commander's repeatable option) into the `placeMapping` object.
 * @throws validation_error naming the value when it has no '=' or no '/' before it
 */
export function collectPlaceMap(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const i = value.lastIndexOf('=');
  const key = i > 0 ? value.slice(0, i).trim() : '';
  const code = i > 0 ? value.slice(i + 1).trim() : '';
  if (!key.includes('/') || !/^\d{9}(\d{3})?$/.test(code)) throw validationError([{ field: '--place-map', message: `“${value}”应写作 乡镇/村=12位村级区划代码(或 乡镇/=9位乡级代码)` }]);
  return { ...previous, [key]: code };
}

/** Lines telling the names of a report's mapping step, with the command option that maps them. */
export function placeNameLines(r: ImportReport): string[] {
  if (!r.placeNames?.length) return [];
  return [
    `区划代码中找不到的地名 ${r.placeNames.length} 个(可用 --place-map 乡镇/村=代码 对应一次,导入后本县以后自动沿用):`,
    ...r.placeNames.slice(0, 20).map((p) => `  ${p.countyName} ${p.key}(第 ${p.rows.slice(0, 5).join('、')}${p.rows.length > 5 ? ' 等' : ''} 行)${p.suggestions.length ? ` 相近:${p.suggestions.map((s) => `${s.town ?? ''}${s.name} ${s.code}`).join(';')}` : ''}`),
  ];
}

export function registerPlaceCommands(program: Command): void {
  const places = program.command('places').description('区划代码变更对照与地名对应');
  places
    .command('code <code>')
    .description('查询区划代码的现行对应(含区划变更的日期、类型、文号与来源)')
    .option('--json', '以 JSON 输出')
    .action(async (code: string, o: { json?: boolean }) => {
      const rt = await openRuntime();
      try {
        const s = await rt.services.places.lookup(code);
        if (o.json) return console.log(JSON.stringify(s, null, 2));
        const steps = s.changes.map((c) => `  ${c.changedOn} ${CHANGE_KIND_ZH[c.kind]}:${c.oldName} ${c.oldCode} → ${c.newName} ${c.newCode}${c.document ? `(${c.document})` : ''}\n    来源:${c.source}`);
        if (s.status === 'current') console.log(`${code} 是现行代码`);
        else if (s.status === 'replaced') console.log(`${code} 现为 ${s.code}:\n${steps.join('\n')}`);
        else if (s.status === 'divided') console.log(`${code} 已分入 ${s.candidates.join('、')},没有唯一的现行代码:\n${steps.join('\n')}`);
        else console.log(s.reason);
      } finally {
        await rt.close();
      }
    });
  places
    .command('mappings')
    .description('列出某县记住的地名对应')
    .requiredOption('--county <code>', '6位县级区划代码')
    .option('--json', '以 JSON 输出')
    .action(async (o: { county: string; json?: boolean }) => {
      const rt = await openRuntime();
      try {
        const rows = await rt.services.places.listMappings(systemActor(`cli:${userInfo().username}`), o.county);
        if (o.json) return console.log(JSON.stringify(rows, null, 2));
        if (rows.length === 0) console.log(`县 ${o.county} 没有记住的地名对应`);
        for (const m of rows) console.log(`${m.key}\t${m.regionCode}\t${m.createdBy}\t${m.createdAt}`);
      } finally {
        await rt.close();
      }
    });
}
