/**
 * The four charts of a region summary: households flagged per rule, monitored households by category,
 * risk types, and the income distribution against the monitoring threshold.
 */
import { useMemo, type ReactNode } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { RegionSummaryDto, RuleDto } from '../../../shared/api';
import { MONITORED_CATEGORIES, RISK_TYPES } from '../../../shared/enums';
import { useI18n } from '../../i18n';
import { EChart } from '../../components/EChart';
import { formatYuan } from '../../components/format';
import { groupThresholds, ThresholdList } from '../../components/ThresholdList';

const RED = '#cf1322';
const BLUE = '#1677ff';
const GREY = '#bfbfbf';
/** Relative income bins that lie below the threshold. */
const BELOW_BINS = new Set(['negative', 'below']);

function ChartCard({ title, children, testId, footer }: { title: string; children: ReactNode; testId: string; footer?: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }}>
      {children}
      {footer ? <div style={{ marginTop: 8 }}>{footer}</div> : null}
    </Card>
  );
}

function horizontalBar(names: string[], values: number[], color: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: 'right' }, barMaxWidth: 22 }],
  };
}

/** Charts of one summary; rule names come from /rules. */
export default function SummaryCharts({ summary, rules }: { summary: RegionSummaryDto; rules: RuleDto[] | undefined }) {
  const { t, label } = useI18n();

  const ruleOption = useMemo(() => {
    const ids = [...new Set([...(rules ?? []).map((r) => r.id), ...Object.keys(summary.byRule)])];
    const names = ids.map((id) => rules?.find((r) => r.id === id)?.name ?? id);
    return horizontalBar(names, ids.map((id) => summary.byRule[id] ?? 0), RED);
  }, [rules, summary.byRule]);

  const categoryOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'plain' },
      series: [
        {
          type: 'pie',
          radius: ['30%', '58%'],
          center: ['50%', '42%'],
          label: { formatter: '{c}' },
          data: MONITORED_CATEGORIES.map((c) => {
            const value = summary.byCategory[c] ?? 0;
            return { name: label('monitoredCategory', c), value, label: { show: value > 0 }, labelLine: { show: value > 0 } };
          }),
        },
      ],
      color: ['#fa541c', '#faad14', '#722ed1'],
    }),
    [summary.byCategory, label],
  );

  const riskOption = useMemo(
    () => horizontalBar(RISK_TYPES.map((r) => label('riskType', r)), RISK_TYPES.map((r) => summary.byRiskType[r] ?? 0), '#fa8c16'),
    [summary.byRiskType, label],
  );

  const incomeOption = useMemo<EChartsCoreOption>(() => {
    const groups = groupThresholds(summary.thresholds);
    const single = groups.length === 1 ? groups[0] : undefined;
    const bins = summary.incomeDistribution;
    // Bins are either relative to each county's threshold (ids `negative`, `below`, `near`, … with no
    // bounds) or in fen; a bin counts as below the threshold when its id says so or its upper bound is at
    // or under the single threshold in use.
    const isNoData = (b: (typeof bins)[number]) => b.bin === 'noData';
    const below = (b: (typeof bins)[number]) =>
      BELOW_BINS.has(b.bin) || (single !== undefined && b.upperFen !== null && b.upperFen <= single.valueFen);
    const lastBelow = bins.reduce((last, b, i) => (below(b) ? i : last), -1);
    // On a category axis, index i sits in the middle of bar i: i + 0.5 is the boundary after it.
    const markAt = lastBelow >= 0 && lastBelow < bins.length - 1 ? lastBelow + 0.5 : undefined;
    const anyPlaceholder = groups.some((g) => g.status === 'placeholder');
    const lineLabel = single
      ? `${t('thresholdLine')} ${formatYuan(single.valueFen)}${single.status === 'placeholder' ? `(${t('thresholdPlaceholderMark')})` : ''}`
      : `${t('thresholdLine')}${anyPlaceholder ? `(${t('thresholdPlaceholderMark')})` : ''}`;
    const lineColor = anyPlaceholder ? '#d46b08' : RED;
    return {
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: [
        { type: 'category', data: bins.map((b) => b.label), axisLabel: { interval: 0, rotate: bins.length > 6 ? 30 : 0 } },
        // A hidden value axis over the same width, so that the threshold line can sit between two bars
        // (a category axis rounds positions to the middle of a bar).
        { type: 'value', min: -0.5, max: bins.length - 0.5, show: false },
      ],
      // Keep the value axis on the left edge, not at the hidden axis' zero (the middle of the first bar).
      yAxis: { type: 'value', minInterval: 1, axisLine: { onZero: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 40,
          data: bins.map((b) => ({
            value: b.households,
            itemStyle: { color: isNoData(b) ? GREY : below(b) ? RED : BLUE },
          })),
          label: { show: true, position: 'top', fontSize: 11 },
        },
        ...(markAt !== undefined
          ? [
              {
                type: 'line',
                xAxisIndex: 1,
                data: [],
                silent: true,
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: lineColor, type: 'dashed', width: 2 },
                  label: { formatter: lineLabel, position: 'end', color: lineColor },
                  data: [{ xAxis: markAt }],
                },
              },
            ]
          : []),
      ],
    };
  }, [summary.incomeDistribution, summary.thresholds, t]);

  const hasIncome = summary.incomeDistribution.some((b) => b.households > 0);

  return (
    <Row gutter={[12, 12]} data-testid="summary-charts">
      <Col xs={24} lg={12}>
        <ChartCard title={t('chartByRule')} testId="chart-by-rule">
          <EChart option={ruleOption} height={Math.max(200, 36 * Math.max(1, rules?.length ?? 4) + 40)} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('chartByCategory')} testId="chart-by-category">
          {summary.monitoredHouseholds > 0 ? <EChart option={categoryOption} height={280} /> : <Empty description={t('chartNoData')} />}
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('chartByRiskType')} testId="chart-by-risk-type">
          <EChart option={riskOption} height={360} />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title={t('chartIncome')} testId="chart-income" footer={<ThresholdList thresholds={summary.thresholds} />}>
          {hasIncome ? <EChart option={incomeOption} height={320} /> : <Empty description={t('chartNoData')} />}
        </ChartCard>
      </Col>
    </Row>
  );
}
