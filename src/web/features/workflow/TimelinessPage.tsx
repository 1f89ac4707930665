/**
 * Timeliness dashboard (`/workflow/timeliness?region=`): days from clue to verification, to decision and
 * to the first measure (median and 90th percentile), open and overdue cases by step, risks not covered
 * and the dynamic-clearance figure of a region.
 */
import { Card, Col, Flex, Input, Row, Statistic, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { WORKFLOW_STEP_ZH, type DistributionDto, type WorkflowStep } from '../../../shared/workflow';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { getTimeliness, getTimelinessChildren } from './api';
import { useTr } from './i18n';
import type { TimelinessRowDto } from '../../../shared/workflow';

const dist = (d: DistributionDto, tr: (zh: string, v?: Record<string, string | number>) => string) => (d.n ? tr('中位数 {median} 天 · 90%分位 {p90} 天({n} 件)', { median: d.median!, p90: d.p90!, n: d.n }) : tr('暂无'));

/** The timeliness page. */
export default function TimelinessPage() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const state = useApi((s) => getTimeliness(region, s), [region]);
  const children = useApi((s) => getTimelinessChildren(region, s), [region]);
  const tr = useTr();
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading minHeight={320} />;
  const f = state.data;
  return (
    <Flex vertical gap={16} data-testid="timeliness-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{tr('时效与动态清零 {region}', { region: f.regionCode ?? tr('全国') })}</Typography.Title>
        <Input.Search placeholder={tr('区划代码')} defaultValue={region} allowClear onSearch={(v) => setParams(v ? { region: v } : {})} style={{ width: 200 }} />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}><Card size="small"><Statistic title={tr('发现 → 入户核实')} value={f.clueToVerification.median ?? '—'} suffix={tr('天(中位数)')} /><Typography.Text type="secondary">{dist(f.clueToVerification, tr)}</Typography.Text></Card></Col>
        <Col xs={24} md={8}><Card size="small"><Statistic title={tr('发现 → 认定')} value={f.clueToDecision.median ?? '—'} suffix={tr('天(中位数)')} /><Typography.Text type="secondary">{dist(f.clueToDecision, tr)}</Typography.Text></Card></Col>
        <Col xs={24} md={8}><Card size="small"><Statistic title={tr('发现 → 首项帮扶措施')} value={f.clueToFirstMeasure.median ?? '—'} suffix={tr('天(中位数)')} /><Typography.Text type="secondary">{dist(f.clueToFirstMeasure, tr)}</Typography.Text></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tr('在办案件')} value={f.openCases} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tr('逾期案件')} value={f.overdueTotal} styles={{ content: { color: f.overdueTotal ? '#cf1322' : undefined } }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tr('风险未覆盖(户 / 项)')} value={`${f.householdsWithUncoveredRisk} / ${f.uncoveredRisks}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tr('动态清零(监测户 {n})', { n: f.monitoredHouseholds })} value={f.dynamicClearance === null ? '—' : (f.dynamicClearance * 100).toFixed(1)} suffix={f.dynamicClearance === null ? '' : '%'} /></Card></Col>
      </Row>
      <Card size="small" title={tr('各环节逾期')}>
        <Table scroll={{ x: 'max-content' }}
          rowKey="step"
          size="small"
          pagination={false}
          dataSource={Object.entries(f.overdueByStep).map(([step, n]) => ({ step, n }))}
          columns={[{ key: 's', title: tr('环节'), render: (_: unknown, r: { step: string }) => tr(WORKFLOW_STEP_ZH[r.step as WorkflowStep] ?? r.step) }, { key: 'n', dataIndex: 'n', title: tr('逾期件数'), align: 'right' }]}
        />
      </Card>
      <Card size="small" title={tr('下级区域(点击名称下钻)')}>
        <Table<TimelinessRowDto> scroll={{ x: 'max-content' }}
          rowKey="regionCode"
          size="small"
          loading={children.loading}
          pagination={false}
          dataSource={children.data ?? []}
          data-testid="timeliness-children"
          columns={[
            { key: 'name', title: tr('区域'), render: (_: unknown, r) => <a onClick={() => setParams({ region: r.regionCode })}>{r.name}</a> },
            { key: 'open', title: tr('在办'), align: 'right', render: (_: unknown, r) => r.figures.openCases },
            { key: 'overdue', title: tr('逾期'), align: 'right', render: (_: unknown, r) => <Typography.Text type={r.figures.overdueTotal ? 'danger' : undefined}>{r.figures.overdueTotal}</Typography.Text> },
            { key: 'v', title: tr('发现→核实(中位/90%)'), align: 'right', render: (_: unknown, r) => (r.figures.clueToVerification.n ? `${r.figures.clueToVerification.median} / ${r.figures.clueToVerification.p90}` : '—') },
            { key: 'd', title: tr('发现→认定(中位/90%)'), align: 'right', render: (_: unknown, r) => (r.figures.clueToDecision.n ? `${r.figures.clueToDecision.median} / ${r.figures.clueToDecision.p90}` : '—') },
            { key: 'm', title: tr('发现→首项措施(中位/90%)'), align: 'right', render: (_: unknown, r) => (r.figures.clueToFirstMeasure.n ? `${r.figures.clueToFirstMeasure.median} / ${r.figures.clueToFirstMeasure.p90}` : '—') },
            { key: 'u', title: tr('风险未覆盖(户)'), align: 'right', render: (_: unknown, r) => r.figures.householdsWithUncoveredRisk },
            { key: 'c', title: tr('动态清零'), align: 'right', render: (_: unknown, r) => (r.figures.dynamicClearance === null ? '—' : `${(r.figures.dynamicClearance * 100).toFixed(1)}%`) },
          ]}
        />
      </Card>
      <Typography.Text type="secondary">{tr('动态清零:监测户中已落实帮扶措施、每项风险均有对应措施且无逾期案件的比例(截至 {date})。', { date: f.asOf })}</Typography.Text>
    </Flex>
  );
}
