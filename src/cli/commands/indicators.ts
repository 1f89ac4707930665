/**
 * Indicator and evaluation commands (issue 10 item 7), over the same services as the HTTP API, acting as
 * the operator (`cli:<os user>`, national level) inside `--region` when given:
 * - `zhenxing indicators snapshot --set monitoring --period 2025 [--region CODE] [--json]`: takes a
 *   snapshot of the set for the period (values of every key county of the region and the levels above);
 * - `zhenxing evaluation rounds [--json]`: lists the rounds;
 * - `zhenxing evaluation compute --round ID [--json]`: computes a round (scores, ranks, grades, samples).
 * Exit 2 for bad input (a bad period or set), 1 otherwise.
 */
import type { Command } from 'commander';
import { intOption } from '../command';
import { validationError } from '../../server/errors';
import { periodText, setId } from '../../shared/indicators';
import { operator, withRuntime } from './cases';

const out = (json: boolean, value: unknown, text: string) => console.log(json ? JSON.stringify(value, null, 2) : text);

export function registerIndicatorCommands(program: Command): void {
  const ind = program.command('indicators').description('监测指标:取快照');
  ind
    .command('snapshot')
    .description('按报告期取指标集的快照(重点帮扶县及其上级区域的指标值,连同规则版本与监测范围)')
    .requiredOption('--set <id>', '指标集编号(data/indicators/<id>.json)')
    .requiredOption('--period <period>', '报告期:2025、2025Q1 或 2025-03')
    .option('--region <code>', '区划代码(省2位、市4位、县6位)')
    .option('--json', '以 JSON 输出')
    .action(async (o: { set: string; period: string; region?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (!setId.safeParse(o.set).success) throw validationError([{ field: '--set', message: '指标集编号有误' }]);
        if (!periodText.safeParse(o.period).success) throw validationError([{ field: '--period', message: '报告期应为 2025、2025Q1 或 2025-03' }]);
        const actor = await operator(rt, o.region);
        const s = await rt.services.indicators.takeSnapshot(actor, { setId: o.set, period: o.period, regionCode: o.region ?? null });
        out(!!o.json, s, `已取快照 #${s.id}:指标集 ${s.setId} ${s.period},${s.values} 个值,规则 ${s.rulesetVersion}`);
      }),
    );

  const ev = program.command('evaluation').description('评价轮次');
  ev.command('rounds')
    .description('列出评价轮次')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const rounds = await rt.services.evaluation.rounds((await operator(rt)).scope);
        out(!!o.json, rounds.map(({ template: _t, ...r }) => r), rounds.map((r) => `#${r.id} ${r.name} ${r.regionCode || '全国'} ${r.counties.length} 县 ${r.computedAt ? `已计算 ${r.computedAt}` : '未计算'}`).join('\n') || '(无评价轮次)');
      }),
    );
  ev.command('compute')
    .description('计算评价轮次:得分、排名、等次、失分,并按种子抽取样本户')
    .requiredOption('--round <id>', '评价轮次编号', intOption)
    .option('--json', '以 JSON 输出')
    .action(async (o: { round: number; json?: boolean }) =>
      withRuntime(async (rt) => {
        if (!Number.isInteger(o.round) || o.round < 1) throw validationError([{ field: '--round', message: '应为正整数' }]);
        const results = await rt.services.evaluation.compute(await operator(rt), o.round);
        out(!!o.json, results, results.map((r) => `${r.rank}. ${r.countyName}(${r.countyCode}) ${r.score} 分 ${r.grade},失分 ${r.lostPoints}`).join('\n'));
      }),
    );
}
