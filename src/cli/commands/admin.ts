/**
 * Operator commands over the same services as the HTTP API: seed, screen, regions load-designations,
 * thresholds set. Each opens the runtime, runs one use case and closes it. `--json` prints the report
 * as JSON on stdout with no progress output.
 */
import type { Command } from 'commander';
import { regionCode as regionCodeSchema } from '../../shared/registry';
import { openRuntime, type Runtime } from '../../server/bootstrap';
import { AppError, validationError } from '../../server/errors';
import { RegionRepository } from '../../server/repositories/region.repository';
import { NATIONAL_SCOPE, regionScope } from '../../server/repositories/scope';
import type { DesignationKind } from '../../shared/enums';
import { progressBar } from '../progress';
import { intOption, numberOption } from '../command';

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  // the key-file notice only on a first run; routine commands stay quiet
  const rt = await openRuntime(process.env, { notice: (m) => (m.includes('已在数据目录生成') ? process.stderr.write(`${m}\n`) : undefined) });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const out = (json: boolean, value: unknown, text: string) => console.log(json ? JSON.stringify(value, null, 2) : text);

export function registerAdminCommands(program: Command): void {
  program
    .command('seed')
    .description('生成演示人口(所有人员均为虚构),并筛查默认年份和上一年')
    .option('--persons <n>', '人数规模', intOption)
    .option('--seed <n>', '随机种子', intOption)
    .option('--json', '以 JSON 输出报告')
    .action(async (o: { persons?: number; seed?: number; json?: boolean }) =>
      withRuntime(async (rt) => {
        await rt.services.regions.ensureReferenceData();
        const bar = progressBar('生成演示人口', !!o.json);
        const sbar = progressBar('风险筛查', !!o.json);
        const persons = o.persons ?? rt.config.seedPersons;
        if (!Number.isInteger(persons) || persons < 1) throw validationError([{ field: '--persons', message: '应为正整数' }]);
        const r = await rt.services.seed.seed({ persons, seed: o.seed ?? rt.config.seed, onProgress: (d, t) => bar.update(d, t), onScreenProgress: (d, t) => sbar.update(d, t) });
        bar.stop();
        sbar.stop();
        out(!!o.json, r, `已生成 ${r.counties} 个县 ${r.villages} 个村的 ${r.households} 户、${r.persons} 人(虚构),其中 ${r.idsToVerify} 人身份证号校验位不符待核实;用时 ${(r.millis / 1000).toFixed(1)} 秒`);
      }),
    );

  program
    .command('screen')
    .description('按年度对全部或某一区域的农户运行返贫致贫风险筛查')
    .requiredOption('--year <year>', '年度', intOption)
    .option('--region <code>', '区划代码(省2位、市4位、县6位、乡9位、村12位)')
    .option('--changed', '只筛查户级事实有变化的农户')
    .option('--json', '以 JSON 输出报告')
    .action(async (o: { year: number; region?: string; changed?: boolean; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (!Number.isInteger(o.year) || o.year < 2014 || o.year > 2100) throw validationError([{ field: '--year', message: '应为2014至2100之间的年份' }]);
        if (o.region !== undefined) {
          const parsed = regionCodeSchema.safeParse(o.region);
          if (!parsed.success) throw validationError([{ field: '--region', message: parsed.error.issues[0]!.message }]);
          if (!(await new RegionRepository(rt.db).get(o.region))) throw validationError([{ field: '--region', message: `区划代码 ${o.region} 未载入` }]);
        }
        const years = await rt.services.screening.yearsWithData();
        // a year without income data would screen nothing and exit 0: say so, as bad input
        if (!years.includes(o.year)) throw validationError([{ field: '--year', message: `没有 ${o.year} 年的收入数据,未筛查${years.length ? `(有数据的年份:${years.join('、')})` : '(尚无任何收入数据,请先导入或生成演示数据)'}` }]);
        const bar = progressBar(`筛查 ${o.year} 年`, !!o.json);
        const r = await rt.services.screening.screen({ scope: o.region ? regionScope(o.region) : NATIONAL_SCOPE, year: o.year, mode: o.changed ? 'changed' : 'full', onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        out(!!o.json, r, `筛查完成:${r.households} 户,其中 ${r.flagged} 户被规则标记,${r.changed} 条结果有变化;用时 ${r.millis} 毫秒${r.usesPlaceholderThreshold ? '\n注意:部分监测范围为占位值,尚未经管理员确认,结果仅供参考' : ''}`);
      }),
    );

  const regions = program.command('regions').description('区划与重点帮扶县名单');
  regions
    .command('load-designations <file>')
    .description('载入官方重点帮扶县名单(CSV:province,prefecture,county,adcode,source[,geo_hazard_prone,geo_hazard_source]),整体成功或整体不写入')
    .option('--kind <kind>', 'national(国家)/provincial(省级)/reference(新疆西藏参照执行)', 'national')
    .option('--json', '以 JSON 输出报告')
    .action(async (file: string, o: { kind: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (!['national', 'provincial', 'reference'].includes(o.kind)) throw validationError([{ field: '--kind', message: '应为 national、provincial 或 reference' }]);
        await rt.services.regions.ensureReferenceData();
        const r = await rt.services.regions.loadDesignations(file, o.kind as DesignationKind);
        out(!!o.json, r, `已载入 ${r.rows} 行:新增 ${r.added},更新 ${r.updated},未变 ${r.unchanged};新增乡村区划 ${r.regionsAdded} 个`);
      }),
    );

  const thresholds = program.command('thresholds').description('监测范围');
  thresholds
    .command('set')
    .description('设定或确认某省(或某县)某年的监测范围,须注明来源')
    .requiredOption('--province <code>', '省级代码(2位)')
    .option('--county <code>', '县级代码(6位),县级标准高于省级时使用')
    .requiredOption('--year <year>', '年度', intOption)
    .requiredOption('--yuan <value>', '元/人·年', numberOption)
    .requiredOption('--source <text>', '来源(文件名称、文号)')
    .action(async (o: { province: string; county?: string; year: number; yuan: number; source: string }) =>
      withRuntime(async (rt) => {
        await rt.services.thresholds.setThreshold({ provinceCode: o.province, countyCode: o.county, year: o.year, valueYuan: o.yuan, source: o.source, by: process.env.USER ?? 'cli' });
        console.log(`已设定 ${o.county ?? o.province} ${o.year} 年监测范围为 ${o.yuan} 元(已确认)。请运行 zhenxing screen --year ${o.year} 重新筛查。`);
      }),
    );
  thresholds
    .command('list')
    .option('--year <year>', '年度', intOption)
    .option('--json', '以 JSON 输出')
    .action(async (o: { year?: number; json?: boolean }) =>
      withRuntime(async (rt) => {
        const counties = (await new RegionRepository(rt.db).listDesignations()).map((d) => d.countyCode);
        const list = await rt.services.thresholds.forCounties([...new Set(counties)], o.year ?? rt.config.defaultYear);
        out(!!o.json, list, list.map((t) => `${t.provinceCode}${t.countyCode ? `/${t.countyCode}` : ''} ${t.year} ${t.valueFen / 100} 元 [${t.status}] ${t.source}`).join('\n'));
      }),
    );
}

/** Exit code of an error: 2 for bad input, 1 otherwise. */
export function exitCodeOf(e: unknown): number {
  return e instanceof AppError && e.status < 500 ? 2 : 1;
}
