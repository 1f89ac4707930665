/**
 * Intake commands: `import FILE --kind KIND [--sheet N] [--dry-run] [--json]` (progress bar on stderr,
 * none with --json; summary; --problems FILE.xlsx writes every problem; the mapping as the web takes it:
 * `--map 列名=字段`, `--value-map 列:文件值=模板值`, `--default 列=值`, each repeatable), `template KIND`,
 * `check [--region CODE] [--json]`, `imports list|rollback`, `exchange-key --out FILE` and
 * `hash-ids FILE --column 身份证号 --key-file K` (a department hashes its ID column with the exchange key).
 */
import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { nationalFileName } from '../../server/services/national-export.service';
import { userInfo } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openRuntime, type Runtime } from '../../server/bootstrap';
import { validationError } from '../../server/errors';
import { CHECK_FAMILY_ZH, CHECK_LEVEL_ZH, type CheckFamily, type CheckLevel } from '../../server/domain/checks/model';
import { checkCatalogue } from '../../server/services/check.service';
import { csvLine } from '../../server/presenters/export';
import { exchangeHash, readExchangeKey } from '../../server/intake/exchange';
import { normalizeHeader } from '../../server/intake/readers/header';
import { cellText } from '../../server/intake/readers/cell';
import { openTable } from '../../server/intake/readers/table';
import { writeCheckXlsx, writeProblemsXlsx } from '../../server/intake/report-export';
import { IMPORT_KINDS, templateOf } from '../../server/intake/templates';
import { writeTemplate } from '../../server/intake/templates/write-template';
import { parseIdCell } from '../../server/intake/values/id';
import { systemActor } from '../../server/services/actor';
import type { ImportReport } from '../../server/services/intake.service';
import { progressBar } from '../progress';
import { collectPlaceMap, placeNameLines } from './places';
import { intOption } from '../command';
import { InvalidArgumentError } from 'commander';

/**
 * Collector of a repeatable `左=右` option (`--map 人员名称=姓名`, `--default 在校状态=在校`): the pairs so far
 * with this one added. @throws InvalidArgumentError (commander names the option) without `=` or with an empty side
 */
export function pairOption(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const i = v.indexOf('=');
  if (i <= 0 || i === v.length - 1) throw new InvalidArgumentError(`应为“列名=值”,收到“${v}”`);
  return { ...prev, [v.slice(0, i).trim()]: v.slice(i + 1).trim() };
}

/**
 * Collector of a repeatable `--value-map 列:文件值=模板值` (救助类别:重点保障户=低保).
 * @throws InvalidArgumentError without `:` before `=`
 */
export function valueMapOption(v: string, prev: Record<string, Record<string, string>> = {}): Record<string, Record<string, string>> {
  const m = /^([^:：=]+)[:：]([^=]+)=(.+)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`应为“列名:文件中的值=模板中的值”,收到“${v}”`);
  const col = m[1]!.trim();
  return { ...prev, [col]: { ...(prev[col] ?? {}), [m[2]!.trim()]: m[3]!.trim() } };
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const cliActor = () => systemActor(`cli:${userInfo().username}`);
const int = intOption;

/** The text summary of an import report. */
export function summary(r: ImportReport): string {
  const c = r.counts;
  const lines = [
    `${r.dryRun ? '预览(未写入)' : '已导入'}:${r.fileName}(${r.kindZh},工作表“${r.sheet}”,表头第 ${r.headerRows.join('、')} 行${r.encoding ? `,编码 ${r.encoding}` : ''})`,
    r.hiddenSheets.length ? `隐藏工作表未读取:${r.hiddenSheets.join('、')}` : '',
    r.alreadyImportedBatchId !== null ? `该文件已于批次 ${r.alreadyImportedBatchId} 导入,本次不重复写入` : '',
    `数据行 ${c.rows}:新增 ${c.add},更新 ${c.update},未变 ${c.unchanged},待核实 ${c.hold},拒绝 ${c.reject}${c.duplicate ? `,重复 ${c.duplicate}` : ''}`,
    c.households.add + c.households.update + c.households.unchanged ? `农户:新增 ${c.households.add},更新 ${c.households.update},未变 ${c.households.unchanged}` : '',
    c.matched || c.clues ? `匹配登记人员 ${c.matched} 行,风险线索 ${c.clues} 条` : '',
    r.checks ? `导入后数据质量核查:发现 ${r.checks.findings} 条` : '',
    r.missingColumns.length ? `缺少必填列:${r.missingColumns.join('、')}(可用 --map 列名=字段 指定)` : '',
    ...r.proposedDefaults.filter((d) => !d.confirmed).map((d) => `名单没有“${d.zh}”列:如每一行都是“${d.value}”,请加 --default ${d.zh}=${d.value} 确认`),
    r.problems.length ? `问题 ${r.problems.length} 条(前 20 条):` : '',
    ...r.problems.slice(0, 20).map((p) => `  ${p.row ? `第${p.row}行 ` : ''}${p.column ? `[${p.column}] ` : ''}${p.code} ${p.message}`),
    ...placeNameLines(r),
    r.batchId ? `批次号 ${r.batchId}(可用 zhenxing imports rollback ${r.batchId} 回退)` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

export function registerIntakeCommands(program: Command): void {
  program
    .command('export-national')
    .description('按全国防返贫监测信息系统的格式导出登记数据(五张表,原样写法,含完整证件号码)')
    .option('--out <dir>', '输出文件夹', '.')
    .option('--kind <kind>', '只导出一张表:national-person | national-household | national-work | national-work-plan | national-village')
    .option('--year <year>', '收入年度(没有记录收入年度的户;默认为配置的默认年度)', int)
    .requiredOption('--reason <text>', '导出理由(含完整证件号码,至少4个字,记入审计日志)')
    .action(async (o: { out: string; kind?: string; year?: number; reason: string }) => {
      await withRuntime(async (rt) => {
        const files = o.kind
          ? [await rt.services.nationalExport.exportTable(cliActor(), o.kind, join(o.out, nationalFileName(templateOf(o.kind))), { year: o.year, reason: o.reason })]
          : await rt.services.nationalExport.exportAll(cliActor(), o.out, { year: o.year, reason: o.reason });
        for (const f of files) process.stdout.write(`${f.path}:${f.rows} 行\n`);
      });
    });
  program
    .command('import <file>')
    .description(`导入文件(.xlsx/.csv):先校验全部行,再在一个事务中写入;类型:${IMPORT_KINDS.join('、')}`)
    .requiredOption('--kind <kind>', '导入类型')
    .option('--sheet <n>', '工作表序号(从1起)', int)
    .option('--dry-run', '只预览,不写入')
    .option('--year <year>', '收入年度(默认为配置的默认年度)', int)
    .option('--village <code>', '没有县乡村列时使用的12位村级区划代码(有县乡村列时须与之一致)')
    .option('--place-map <乡镇/村=代码>', '把文件中区划代码里找不到的地名对应到区划代码(可重复;导入后本县记住)', collectPlaceMap)
    .option('--problems <file.xlsx>', '把全部问题写入 .xlsx')
    .option('--map <列名=字段>', '把文件中的列对应到模板字段(字段写键名或中文名,可重复;导入后按表头记住)', pairOption)
    .option('--value-map <列:文件值=模板值>', '把部门自己的取值对应到模板取值(可重复;导入后按县记住)', valueMapOption)
    .option('--default <列=值>', '名单缺少必填列时,确认按此值导入每一行(可重复)', pairOption)
    .option('--json', '以 JSON 输出报告(不输出进度)')
    .action(async (file: string, o: { kind: string; sheet?: number; dryRun?: boolean; year?: number; village?: string; placeMap?: Record<string, string>; problems?: string; json?: boolean; map?: Record<string, string>; valueMap?: Record<string, Record<string, string>>; default?: Record<string, string> }) =>
      withRuntime(async (rt) => {
        templateOf(o.kind);
        if (o.sheet !== undefined && (!Number.isInteger(o.sheet) || o.sheet < 1)) throw validationError([{ field: '--sheet', message: '应为正整数' }]);
        if (o.village !== undefined && !/^\d{12}$/.test(o.village)) throw validationError([{ field: '--village', message: '应为12位村级区划代码' }]);
        const bar = progressBar(o.dryRun ? '校验' : '导入', !!o.json);
        const opts = { kind: o.kind, sheet: o.sheet, year: o.year, village: o.village, placeMapping: o.placeMap, mapping: o.map, valueMap: o.valueMap, defaults: o.default, onProgress: (d: number, t: number) => bar.update(d, t) };
        const f = { path: file, fileName: basename(file) };
        const r = o.dryRun ? await rt.services.intake.preview(cliActor(), f, opts) : await rt.services.intake.commit(cliActor(), f, opts);
        bar.stop();
        if (o.problems) await writeProblemsXlsx(r, o.problems);
        console.log(o.json ? JSON.stringify(r, null, 2) : summary(r));
      }),
    );

  program
    .command('template <kind>')
    .description('生成某导入类型的 .xlsx 模板')
    .option('--out <file>', '输出文件(默认 <类型>-模板.xlsx)')
    .action(async (kind: string, o: { out?: string }) => {
      const t = templateOf(kind);
      const out = o.out ?? `${kind}-模板.xlsx`;
      await writeTemplate(t, out);
      console.log(`已生成模板 ${out}(${t.zh},${t.columns.length} 列)`);
    });

  program
    .command('check')
    .description('运行数据质量核查(全部或某一区域)')
    .option('--region <code>', '区划代码')
    .option('--year <year>', '收入年度', int)
    .option('--out <file.xlsx>', '把结果写入 .xlsx')
    .option('--json', '以 JSON 输出报告')
    .option('--catalogue', '只列出核查项目录(编号、名称、政策含义、来源、层级、修改提示),不运行核查')
    .option('--family <family>', `与 --catalogue 一起:按类别筛选(${Object.keys(CHECK_FAMILY_ZH).join('、')})`)
    .option('--level <level>', '与 --catalogue 一起:按层级筛选(household、person、spell、village)')
    .option('--q <text>', '与 --catalogue 一起:按编号、名称或来源中的文字筛选')
    .action(async (o: { region?: string; year?: number; out?: string; json?: boolean; catalogue?: boolean; family?: string; level?: string; q?: string }) => {
      if (o.catalogue) {
        if (o.family && !(o.family in CHECK_FAMILY_ZH)) throw validationError([{ field: '--family', message: `应为 ${Object.keys(CHECK_FAMILY_ZH).join('、')} 之一,收到 ${o.family}` }]);
        if (o.level && !(o.level in CHECK_LEVEL_ZH)) throw validationError([{ field: '--level', message: `应为 household、person、spell、village 之一,收到 ${o.level}` }]);
        const list = checkCatalogue({ family: o.family as CheckFamily | undefined, level: o.level as CheckLevel | undefined, q: o.q });
        if (o.json) console.log(JSON.stringify(list, null, 2));
        else for (const c of list) console.log(`${c.id}\t${c.familyZh}\t${CHECK_LEVEL_ZH[c.level]}\t${c.zh}\t来源:${c.source}\t提示:${c.hint}`);
        return;
      }
      return withRuntime(async (rt) => {
        const r = await rt.services.checks.run(cliActor(), { regionCode: o.region, year: o.year });
        if (o.out) await writeCheckXlsx(r, o.out);
        if (o.json) console.log(JSON.stringify(r, null, 2));
        else {
          console.log(`核查 ${r.households} 户、${r.villages} 个行政村(${r.regionCode ?? '全部'},${r.year} 年),发现 ${r.findings.length} 条:`);
          for (const c of r.checks.filter((x) => x.findings > 0)) console.log(`  ${c.id} ${c.zh}:${c.findings}`);
        }
      });
    });

  const imports = program.command('imports').description('导入批次');
  imports
    .command('list')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const rows = await rt.services.intake.history(cliActor());
        if (o.json) console.log(JSON.stringify(rows, null, 2));
        else for (const b of rows) console.log(`${b.id}\t${b.startedAt}\t${b.status}\t${b.kind}\t${b.fileName}\t新增${b.added} 更新${b.updated} 未变${b.unchanged} 待核实${b.held} 拒绝${b.rejected}\t${b.actor}`);
      }),
    );
  imports
    .command('held <id>')
    .description('列出批次中待核实的行(身份证号已脱敏)')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const rows = await rt.services.intake.heldRows(cliActor(), Number(id));
        if (o.json) console.log(JSON.stringify(rows, null, 2));
        else for (const h of rows) console.log(`第${h.row}行\t${h.householdNo ?? ''}\t${h.name ?? ''}\t${h.idMasked ?? ''}\t${h.reasons.join(',')}`);
      }),
    );
  imports
    .command('rollback <id>')
    .description('回退一个导入批次(之后没有导入或修改涉及同一农户时)')
    .action(async (id: string) =>
      withRuntime(async (rt) => {
        const r = await rt.services.intake.rollback(cliActor(), Number(id));
        console.log(`已回退批次 ${r.batchId},涉及 ${r.households} 户`);
      }),
    );

  program
    .command('exchange-key')
    .description('导出与部门交换用的身份证号哈希密钥(由主密钥派生,不是数据库的查找密钥)')
    .requiredOption('--out <file>', '密钥文件')
    .action(async (o: { out: string }) =>
      withRuntime(async (rt) => {
        writeFileSync(o.out, rt.services.ctx.ids.exchangeKey.toString('hex') + '\n', { mode: 0o600 });
        console.log(`已写入交换密钥 ${o.out}(请通过安全渠道交给部门,勿随名单一起发送)`);
      }),
    );

  program
    .command('hash-ids <file>')
    .description('部门使用:把名单中的身份证号列换成交换密钥哈希(输出 UTF-8 CSV,不含身份证号)')
    .requiredOption('--column <name>', '身份证号列名', '身份证号')
    .requiredOption('--key-file <file>', '交换密钥文件')
    .option('--out <file>', '输出 CSV(默认 <原名>-hashed.csv)')
    .action(async (file: string, o: { column: string; keyFile: string; out?: string }) => {
      const key = readExchangeKey(o.keyFile);
      const want = normalizeHeader(o.column);
      const t = await openTable(file, { fileName: basename(file), score: (hs) => (hs.includes(want) ? 2 : 0), minScore: 2, inProcess: true });
      const idCol = t.header.columns.find((c) => c.key === want || c.base === want)!;
      const out = createWriteStream(o.out ?? file.replace(/\.[^.]+$/, '') + '-hashed.csv');
      const cols = t.header.columns;
      const line = (cells: string[]) => csvLine(cells);
      out.write('\ufeff' + line(cols.map((c) => (c === idCol ? '身份证号哈希' : c.name))));
      let n = 0;
      let bad = 0;
      for await (const r of t.rows) {
        const id = parseIdCell(r.cells[idCol.index], new Date().toISOString().slice(0, 10));
        if (id.status !== 'accepted') {
          bad++;
          process.stderr.write(`第${r.row}行:身份证号无法使用(${id.errors.join(',')}),哈希留空\n`);
        }
        out.write(line(cols.map((c) => (c === idCol ? (id.status === 'accepted' ? exchangeHash(key, id.id!) : '') : cellText(r.cells[c.index])))));
        n++;
      }
      await new Promise<void>((res) => out.end(() => res()));
      console.log(`已处理 ${n} 行,其中 ${bad} 行身份证号无法使用`);
    });
}
