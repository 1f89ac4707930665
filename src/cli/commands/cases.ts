/**
 * Batch work of the monitoring workflow:
 * - `zhenxing cases close-notices [--region CODE] [--json]`: closes every posted village notice whose
 *   period ended before today (those with open objections are left, with the reason);
 * - `zhenxing cases overdue [--region CODE] [--limit N] [--json]`: lists open cases whose step is overdue,
 *   earliest due first, with the household, the step and why.
 * Both act as the operator (`cli:<os user>`, national level) inside `--region` when given.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { intOption } from '../command';
import { openRuntime, type Runtime } from '../../server/bootstrap';
import { validationError } from '../../server/errors';
import { RegionRepository } from '../../server/repositories/region.repository';
import { regionScope } from '../../server/repositories/scope';
import { systemActor, type Actor } from '../../server/services/actor';
import { regionCode as regionCodeSchema } from '../../shared/registry';

/** Opens the runtime, runs `fn`, closes it (also used by the indicator commands). */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The operator, limited to `region` when given. @throws validation_error for a bad or unknown code */
export async function operator(rt: Runtime, region?: string): Promise<Actor> {
  const a = systemActor(`cli:${userInfo().username}`);
  if (region === undefined) return a;
  const parsed = regionCodeSchema.safeParse(region);
  if (!parsed.success) throw validationError([{ field: '--region', message: parsed.error.issues[0]!.message }]);
  if (!(await new RegionRepository(rt.db).get(region))) throw validationError([{ field: '--region', message: `区划代码 ${region} 未载入` }]);
  return { ...a, scope: regionScope(region) };
}

/** The options of an overdue list: --region, --limit (1–100000, default 500), --json. */
export const overdueOptions = (c: Command): Command =>
  c.option('--region <code>', '区划代码').option('--limit <n>', '最多列出条数', intOption, 500).option('--json', '以 JSON 输出');

/** Runs `fn` as the operator inside `--region`, after checking `--limit`. @throws validation_error */
export async function withOperator<T>(o: { region?: string; limit: number }, fn: (rt: Runtime, actor: Actor) => Promise<T>): Promise<T> {
  return withRuntime(async (rt) => {
    if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > 100000) throw validationError([{ field: '--limit', message: '应为1至100000的整数' }]);
    return fn(rt, await operator(rt, o.region));
  });
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command('cases').description('监测帮扶案件的批量处理');
  cases
    .command('close-notices')
    .description('结束公示期已满且无未处理异议的公示,案件转入乡镇审核')
    .option('--region <code>', '区划代码')
    .option('--json', '以 JSON 输出')
    .action(async (o: { region?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await rt.services.cases.closeEndedNotices(await operator(rt, o.region));
        if (o.json) console.log(JSON.stringify(r, null, 2));
        else {
          console.log(`已结束公示 ${r.closed.length} 件${r.closed.length ? `(案件 ${r.closed.join('、')})` : ''}`);
          for (const s of r.skipped) console.log(`未结束 案件 ${s.caseId}:${s.reason}`);
        }
      }),
    );
  overdueOptions(cases.command('overdue').description('列出逾期未办的案件(最早到期的在前)'))
    .action(async (o: { region?: string; limit: number; json?: boolean }) =>
      withOperator(o, async (rt, actor) => {
        const items = await rt.services.cases.worklist(actor, { limit: o.limit, overdueOnly: true });
        if (o.json) console.log(JSON.stringify(items, null, 2));
        else {
          console.log(`逾期案件 ${items.length} 件${items.length === o.limit ? '(已达上限,可用 --limit 调整)' : ''}`);
          for (const i of items) console.log(`案件 ${i.caseId}\t${i.householdNo}\t${i.headName}\t${i.villageCode}\t${i.why}`);
        }
      }),
    );
}
