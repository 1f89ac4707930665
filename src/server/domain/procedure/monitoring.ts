/**
 * The monitoring case's procedure (防止返贫动态监测和帮扶, 中农组发〔2021〕7号) as engine definitions, built
 * from data/workflow-rules.json (the file the monitoring workflow and its tests read; its order is checked
 * against the state machine at load). Two procedures: `monitoring-identification` (识别纳入) and
 * `monitoring-elimination` (风险消除). Their actions are the transitions of state-machine.ts (a test walks
 * every path through both and compares), so the case service asks the engine for levels, due dates and
 * province overrides, and the worklist lists cases next to every other procedure's records.
 *
 * Not in the engine: the roll-back of an eliminated mark (an action on a closed case, state-machine.ts).
 */
import { WORKFLOW_STEP_ZH, type CaseKind, type WorkflowStep } from '../../../shared/workflow';
import type { WorkflowRulesFile } from '../workflow/procedure';
import type { ProcedureDefinition, StepLimit } from './definition';

/** Engine names of the monitoring procedures. */
export const MONITORING_PROCEDURE: Record<CaseKind, string> = { identification: 'monitoring-identification', elimination: 'monitoring-elimination' };

type Action = ProcedureDefinition['steps'][number]['actions'][number];
const act = (id: string, title: string, to: string, reasonRequired = false, back = false): Action => ({ id, title, to, reasonRequired, back });

/** The actions of each step (the transitions of state-machine.ts); `no` is the negative end of the kind. */
function actionsOf(step: WorkflowStep, kind: CaseKind): Action[] {
  const no = kind === 'identification' ? 'notEnrolled' : 'notEliminated';
  const yes = kind === 'identification' ? 'enrolled' : 'eliminated';
  switch (step) {
    case 'verificationVisit':
      return [act('riskFound', '核实存在风险', 'informationComparison'), act('noRisk', '未发现风险', no, true)];
    case 'informationComparison':
      return [act('compare', '信息比对完成', 'villageReview')];
    case 'eliminationAssessment':
      return [act('criteriaMet', '满足风险消除条件', 'villageReview')];
    case 'villageReview':
      return [act('agreed', '评议通过', 'publicNotice'), act('refused', '评议未通过', no, true)];
    case 'publicNotice':
      return [act('close', '公示期满无异议', 'townshipReview'), act('objectionUpheld', '异议成立', 'villageReview', true, true)];
    case 'townshipReview':
      return [act('approved', '审核通过', 'countyApproval'), act('refused', '审核不通过', no, true)];
    case 'countyApproval':
      return [act('approved', '审定通过', 'announcement'), act('refused', '审定不通过', no, true)];
    case 'announcement':
      return [act('announce', '结果公告', yes)];
    default: {
      const never: never = step;
      throw new RangeError(`unknown step ${String(never)}`);
    }
  }
}

const limitOf = (l: { days: number; unit: 'calendar' | 'working'; from: 'clue' | 'previous' }, source: string): StepLimit => ({
  days: l.days, unit: l.unit, from: l.from === 'clue' ? 'start' : 'previous', source, projectChoice: source.includes('项目假设'),
});

/** The engine definition of one kind of monitoring case, from data/workflow-rules.json. */
export function monitoringDefinition(rules: WorkflowRulesFile, kind: CaseKind): ProcedureDefinition {
  const n = rules.national;
  const order = n.order[kind] as WorkflowStep[];
  return {
    name: MONITORING_PROCEDURE[kind],
    version: 1,
    title: kind === 'identification' ? '防返贫监测对象识别纳入' : '防返贫监测对象风险消除',
    subjectKind: 'household',
    source: `${n.source};${n.order.source}`,
    projectChoices: '各环节时限中标注“项目假设”者为本项目在15日总时限内的分配(data/workflow-rules.json)',
    steps: order.map((s) => ({
      id: s, title: WORKFLOW_STEP_ZH[s], levels: [...n.steps[s].levels], roles: [], limit: limitOf(n.steps[s].limit, n.steps[s].source),
      notice: s === 'publicNotice' ? 'monitoring' : null, source: n.steps[s].source, actions: actionsOf(s, kind),
    })),
    ends: kind === 'identification'
      ? [{ id: 'enrolled', title: '已纳入监测', outcome: 'positive' }, { id: 'notEnrolled', title: '不纳入监测', outcome: 'negative' }]
      : [{ id: 'eliminated', title: '已标注风险消除', outcome: 'positive' }, { id: 'notEliminated', title: '不予风险消除', outcome: 'negative' }],
    provinces: Object.fromEntries(
      Object.entries(rules.provinces).map(([code, p]) => [code, {
        source: p.source,
        steps: Object.fromEntries(
          Object.entries(p.steps ?? {})
            .filter(([s, o]) => o && order.includes(s as WorkflowStep))
            .map(([s, o]) => [s, { levels: o!.levels, limit: o!.limit ? limitOf(o!.limit, o!.source) : undefined, source: o!.source }]),
        ),
      }]),
    ),
  };
}
