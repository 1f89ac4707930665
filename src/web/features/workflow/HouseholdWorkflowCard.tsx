/**
 * The workflow on the household page: the household's cases (links), a button to open a case from a
 * clue, its measures with risk coverage (monitored households), and its timeline of every change.
 */
import { Button, Card, Flex, Tag } from 'antd';
import { Link } from 'react-router';
import { CASE_KIND_ZH, CASE_STATE_ZH } from '../../../shared/workflow';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { getTimeline } from './api';
import { useTr } from './i18n';
import { MeasuresPanel } from './MeasuresPanel';
import { EventTimeline } from './Timeline';

/** Cases, measures and timeline of one household. */
export function HouseholdWorkflowCard({ householdId, monitored }: { householdId: number; monitored: boolean }) {
  const state = useApi((s) => getTimeline(householdId, s), [householdId]);
  const tr = useTr();
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  const t = state.data;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={tr('监测帮扶案件')} data-testid="household-cases" loading={!t} extra={<Link to={`/workflow?household=${householdId}`}><Button size="small">{tr('发起监测案件')}</Button></Link>}>
        {t?.cases.length ? (
          <Flex gap={8} wrap>
            {t.cases.map((c) => (
              <Link key={c.id} to={`/workflow/cases/${c.id}`}>
                <Tag>#{c.id} {tr(CASE_KIND_ZH[c.kind])} · {tr(CASE_STATE_ZH[c.state])} · {c.clueDate}</Tag>
              </Link>
            ))}
          </Flex>
        ) : (
          tr('暂无案件')
        )}
      </Card>
      {monitored ? <MeasuresPanel householdId={householdId} onChange={state.reload} /> : null}
      <Card size="small" title={tr('时间线(每次变更均有记录)')} loading={!t}>{t ? <EventTimeline events={t.events} /> : null}</Card>
    </Flex>
  );
}
