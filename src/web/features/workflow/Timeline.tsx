/** The event log of a case or household as an antd Timeline (oldest first), with the event's date, actor and what changed. */
import { Timeline as AntTimeline, Typography } from 'antd';
import { CASE_STATE_ZH, WORKFLOW_STEP_ZH, type CaseEventDto, type CaseState, type WorkflowStep } from '../../../shared/workflow';
import { useTr } from './i18n';

const EVENT_ZH: Record<string, string> = {
  case_opened: '发起案件', step_recorded: '办理环节', notice_posted: '张贴公示', objection_recorded: '登记异议', objection_resolved: '处理异议', notice_closed: '结束公示',
  attachment_added: '上传附件', household_enrolled: '纳入监测', household_eliminated: '标注风险消除', elimination_rolled_back: '回退风险消除', measure_added: '新增帮扶措施', measure_updated: '更新帮扶措施',
};

function describe(e: CaseEventDto, tr: (zh: string) => string): string {
  const d = e.details as Record<string, unknown>;
  const step = typeof d.step === 'string' ? tr(WORKFLOW_STEP_ZH[d.step as WorkflowStep] ?? (d.step === 'rollback' ? '回退' : d.step)) : '';
  const parts = [tr(EVENT_ZH[e.type] ?? e.type), step, typeof d.outcome === 'string' ? d.outcome : ''];
  if (e.fromState && e.toState && e.fromState !== e.toState) parts.push(`${tr(CASE_STATE_ZH[e.fromState as CaseState] ?? e.fromState)} → ${tr(CASE_STATE_ZH[e.toState as CaseState] ?? e.toState)}`);
  return parts.filter(Boolean).join(' · ');
}

/** Events oldest first. */
export function EventTimeline({ events }: { events: CaseEventDto[] }) {
  const tr = useTr();
  return (
    <AntTimeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.id,
        content: (
          <span>
            <Typography.Text strong>{e.onDate}</Typography.Text> {describe(e, tr)} <Typography.Text type="secondary">({e.actor}{e.caseId ? `,${tr('案件 #{id}', { id: e.caseId })}` : ''})</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
