/**
 * Which assistance measures cover which risk (data/measure-coverage.csv, a source per row: the data
 * quality checks county staff run on national-system exports, national-system-exports.md, and
 * 中农组发〔2021〕7号), and the rule that a household able to work needs a development-type measure
 * (开发式帮扶; the check "a household with a working-age member able to work, whose only measure is
 * social-security support").
 */
import type { RiskType } from '../../../shared/enums';
import type { MeasureKind, MeasureStatus } from '../../../shared/workflow';

/** One row of data/measure-coverage.csv. */
export interface CoverageRule {
  riskType: RiskType;
  kinds: MeasureKind[];
  source: string;
}

/**
 * Development-type measures (开发式帮扶措施: 产业、就业、公益岗位、金融), as opposed to social-security
 * support (综合保障). Source: national export column 实施开发式帮扶措施情况; 中农组发〔2021〕7号 (坚持开发式帮扶).
 */
export const DEVELOPMENT_KINDS: readonly MeasureKind[] = ['industry', 'employment', 'publicWelfareJob', 'finance'];

/** Whether a measure in this status is in place (实施中或已完成). */
export function inPlace(status: MeasureStatus): boolean {
  switch (status) {
    case 'inProgress':
    case 'completed':
      return true;
    case 'planned':
    case 'stopped':
      return false;
    default: {
      const never: never = status;
      throw new RangeError(`unknown status ${String(never)}`);
    }
  }
}

/** Coverage of each risk type by the measures in place. */
export function coverage(rules: readonly CoverageRule[], riskTypes: readonly RiskType[], measures: readonly { kind: MeasureKind; status: MeasureStatus }[]) {
  const placed = new Set(measures.filter((m) => inPlace(m.status)).map((m) => m.kind));
  return riskTypes.map((riskType) => {
    const rule = rules.find((r) => r.riskType === riskType);
    const kinds = rule?.kinds ?? [];
    return { riskType, covered: kinds.some((k) => placed.has(k)), coveringKinds: kinds, source: rule?.source ?? '无覆盖规则' };
  });
}

/** Whether a household able to work (labour count > 0) lacks a development-type measure in place. */
export function needsDevelopmentMeasure(labourCount: number, measures: readonly { kind: MeasureKind; status: MeasureStatus }[]): boolean {
  if (labourCount <= 0) return false;
  return !measures.some((m) => inPlace(m.status) && DEVELOPMENT_KINDS.includes(m.kind));
}
