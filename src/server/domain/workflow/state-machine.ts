/**
 * The state machine of a case (pure). Identification (中农组发〔2021〕7号): verification (入户核实 with the
 * household's signed 承诺授权) → comparison (信息比对) → villageReview (民主评议) → notice (公示, ≥ 5 days,
 * objections recorded) → townshipReview (乡镇审核) → countyApproval (县级审定) → announcement (结果公告) →
 * enrolled; or notEnrolled with a reason at verification (no risk found), village deliberation,
 * township review or county approval. Elimination: assessment (风险消除评估, every criterion met) →
 * villageReview → notice → townshipReview → countyApproval → announcement → eliminated (or
 * notEliminated); an eliminated mark can be rolled back (rolledBack). An upheld objection during the
 * notice sends the case back to village deliberation.
 */
import type { CaseKind, CaseState, WorkflowStep } from '../../../shared/workflow';

/** The order of the steps the transitions below enforce, per kind of case (checked against data/workflow-rules.json). */
export const PROCEDURE_ORDER: Record<CaseKind, readonly WorkflowStep[]> = {
  identification: ['verificationVisit', 'informationComparison', 'villageReview', 'publicNotice', 'townshipReview', 'countyApproval', 'announcement'],
  elimination: ['eliminationAssessment', 'villageReview', 'publicNotice', 'townshipReview', 'countyApproval', 'announcement'],
};

/** What happens to a case. */
export type CaseAction =
  | { type: 'verify'; consentSigned: boolean; riskFound: boolean }
  | { type: 'compare' }
  | { type: 'assess'; criteriaMet: boolean }
  | { type: 'villageReview'; agreed: boolean }
  | { type: 'postNotice' }
  | { type: 'closeNotice' }
  | { type: 'objectionUpheld' }
  | { type: 'townshipReview'; approved: boolean }
  | { type: 'countyApproval'; approved: boolean }
  | { type: 'announce' }
  | { type: 'rollback' };

/** The result of a transition: the next state, or a refusal with the reason (Chinese, for the user). */
export type Transition = { ok: true; next: CaseState } | { ok: false; reason: string };

/** The state a new case starts in. */
export function initialState(kind: CaseKind): CaseState {
  switch (kind) {
    case 'identification':
      return 'verification';
    case 'elimination':
      return 'assessment';
    default: {
      const never: never = kind;
      throw new RangeError(`unknown kind ${String(never)}`);
    }
  }
}

/** The step a state awaits (null once the case is closed). */
export function stepOfState(state: CaseState): WorkflowStep | null {
  switch (state) {
    case 'verification':
      return 'verificationVisit';
    case 'comparison':
      return 'informationComparison';
    case 'assessment':
      return 'eliminationAssessment';
    case 'villageReview':
      return 'villageReview';
    case 'notice':
      return 'publicNotice';
    case 'townshipReview':
      return 'townshipReview';
    case 'countyApproval':
      return 'countyApproval';
    case 'announcement':
      return 'announcement';
    case 'enrolled':
    case 'notEnrolled':
    case 'eliminated':
    case 'notEliminated':
    case 'rolledBack':
      return null;
    default: {
      const never: never = state;
      throw new RangeError(`unknown state ${String(never)}`);
    }
  }
}

/** Whether a case in this state is closed. */
export const isClosed = (state: CaseState): boolean => stepOfState(state) === null;

const negative = (kind: CaseKind): CaseState => (kind === 'identification' ? 'notEnrolled' : 'notEliminated');
const positive = (kind: CaseKind): CaseState => (kind === 'identification' ? 'enrolled' : 'eliminated');

/** The step an action performs (for "out of order" messages). */
export function stepOfAction(a: CaseAction): WorkflowStep | 'rollback' {
  switch (a.type) {
    case 'verify':
      return 'verificationVisit';
    case 'compare':
      return 'informationComparison';
    case 'assess':
      return 'eliminationAssessment';
    case 'villageReview':
      return 'villageReview';
    case 'postNotice':
    case 'closeNotice':
    case 'objectionUpheld':
      return 'publicNotice';
    case 'townshipReview':
      return 'townshipReview';
    case 'countyApproval':
      return 'countyApproval';
    case 'announce':
      return 'announcement';
    case 'rollback':
      return 'rollback';
    default: {
      const never: never = a;
      throw new RangeError(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Applies an action to a case of `kind` in `state`. Refuses an action that is not the step awaited
 * (out of order), a verification without signed consent, an assessment whose criteria are not all met,
 * and a rollback of anything but an eliminated mark.
 */
export function transition(kind: CaseKind, state: CaseState, action: CaseAction): Transition {
  const awaited = stepOfState(state);
  const wanted = stepOfAction(action);
  if (action.type === 'rollback') {
    return state === 'eliminated' ? { ok: true, next: 'rolledBack' } : { ok: false, reason: '只能回退已标注风险消除的案件' };
  }
  if (awaited === null) return { ok: false, reason: '案件已办结,不能再办理环节' };
  if (awaited !== wanted) return { ok: false, reason: `当前应办理“${STEP_LABEL[awaited]}”,不能办理“${STEP_LABEL[wanted]}”` };
  switch (action.type) {
    case 'verify':
      if (kind !== 'identification') return { ok: false, reason: '风险消除案件无入户核实环节' };
      if (!action.consentSigned) return { ok: false, reason: '入户核实须有农户签字的承诺授权书' };
      return { ok: true, next: action.riskFound ? 'comparison' : 'notEnrolled' };
    case 'compare':
      return { ok: true, next: 'villageReview' };
    case 'assess':
      if (!action.criteriaMet) return { ok: false, reason: '风险消除条件未全部满足,不能进入评议' };
      return { ok: true, next: 'villageReview' };
    case 'villageReview':
      return { ok: true, next: action.agreed ? 'notice' : negative(kind) };
    case 'postNotice':
    case 'closeNotice':
      return { ok: true, next: action.type === 'postNotice' ? 'notice' : 'townshipReview' };
    case 'objectionUpheld':
      return { ok: true, next: 'villageReview' };
    case 'townshipReview':
      return { ok: true, next: action.approved ? 'countyApproval' : negative(kind) };
    case 'countyApproval':
      return { ok: true, next: action.approved ? 'announcement' : negative(kind) };
    case 'announce':
      return { ok: true, next: positive(kind) };
    default: {
      const never: never = action;
      throw new RangeError(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

const STEP_LABEL: Record<WorkflowStep | 'rollback', string> = {
  verificationVisit: '入户核实',
  informationComparison: '信息比对',
  eliminationAssessment: '风险消除评估',
  villageReview: '村级民主评议',
  publicNotice: '公示',
  townshipReview: '乡镇审核',
  countyApproval: '县级审定',
  announcement: '结果公告',
  rollback: '回退风险消除标注',
};
