/**
 * Commands of the procedure engine and the notice module:
 * - `zhenxing procedures check [--json]`: loads and checks every procedure (data/procedures/*.json and the
 *   monitoring procedures of data/workflow-rules.json) and the notice rules (data/notice-rules.json); prints
 *   each procedure with its steps, who acts, the time allowed and the notice rule; a bad file exits 2 with
 *   the file and every problem (unknown step, cycle, missing source …). Needs no database.
 * - `zhenxing procedures overdue [--region CODE] [--limit N] [--json]`: every overdue item of every procedure
 *   (monitoring cases included), earliest due first, as the operator (`cli:<os user>`) inside `--region`.
 */
import type { Command } from 'commander';
import { resolveProcedure } from '../../server/domain/procedure/engine';
import { readNoticeRules, readProcedures } from '../../server/services/procedure-files';
import { overdueOptions, withOperator } from './cases';

const LEVEL_ZH: Record<string, string> = { village: '村', township: '乡镇', county: '县', prefecture: '市', province: '省' };

export function registerProcedureCommands(program: Command): void {
  const p = program.command('procedures').description('审批程序与公示');
  p.command('check')
    .description('检查全部程序文件和公示规则,列出各程序的环节、办理层级、时限和公示期')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) => {
      const procs = [...readProcedures().values()];
      const rules = readNoticeRules();
      if (o.json) {
        console.log(JSON.stringify({ procedures: procs.map((d) => ({ name: d.name, version: d.version, steps: d.steps.map((s) => s.id), provinces: Object.keys(d.provinces) })), noticeRules: rules.map((r) => r.id) }, null, 2));
        return;
      }
      console.log(`程序 ${procs.length} 个,公示规则 ${rules.length} 条,检查通过`);
      for (const d of procs) {
        console.log(`\n${d.name} v${d.version} ${d.title}(对象 ${d.subjectKind}${Object.keys(d.provinces).length ? `;省级覆盖 ${Object.keys(d.provinces).join('、')}` : ''})`);
        for (const s of resolveProcedure(d, '00').steps) {
          const limit = s.limit ? `${s.limit.days}${s.limit.unit === 'working' ? '个工作日' : '天'}${s.limit.projectChoice ? '(项目假设)' : ''}` : '无规定时限';
          const notice = s.notice ? `;公示规则 ${s.notice}` : '';
          console.log(`  ${s.title}\t${s.levels.map((l) => LEVEL_ZH[l] ?? l).join('/')}\t${limit}${notice}\t→ ${s.actions.map((a) => `${a.title}→${a.to}`).join(',')}`);
        }
      }
    });
  overdueOptions(p.command('overdue').description('列出全部程序(含监测案件)逾期未办的事项'))
    .action(async (o: { region?: string; limit: number; json?: boolean }) =>
      withOperator(o, async (rt, actor) => {
        const cases = await rt.services.cases.worklist(actor, { limit: o.limit, overdueOnly: true });
        const items = await rt.services.procedures.worklist(actor, { limit: o.limit, overdueOnly: true }, cases);
        if (o.json) console.log(JSON.stringify(items, null, 2));
        else {
          console.log(`逾期事项 ${items.length} 件`);
          for (const i of items) console.log(`${i.procedure}\t#${i.recordId}\t${i.title}\t${i.regionCode}\t${i.why}`);
        }
      }),
    );
}
