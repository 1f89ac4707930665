/** Rules page (`/rules`): the screening rules with their sources, and the thresholds of the year. */
import { Card, Flex, Table, Typography } from 'antd';
import type { RuleDto, ThresholdDto } from '../../../shared/api';
import { getSummary, listRules, listThresholds } from '../../api/client';
import { useSession } from '../accounts/session';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';
import { useYear } from '../../components/MetaProvider';
import { YearSelect } from '../../components/YearSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlaceholderWarning } from '../../components/Banners';
import { ThresholdTag } from '../../components/ThresholdTag';
import { RiskTypeTags } from '../households/household-tags';
import { RegionName } from '../../components/RegionName';

/** The rules page. */
export default function RulesPage() {
  const { t } = useI18n();
  const [year] = useYear();
  const rules = useApi((signal) => listRules(signal), []);
  const thresholds = useApi((signal) => listThresholds(year, signal), [year], year !== undefined);
  const { user } = useSession();
  const region = user?.regionCode ?? undefined;
  // per rule: households it flags, and those it alone flags (issue 16), in the user's region and year
  const summary = useApi((signal) => getSummary(region, year, signal), [region, year], year !== undefined && !!user);
  const anyPlaceholder = thresholds.data?.some((th) => th.status === 'placeholder');

  return (
    <Flex vertical gap={16} data-testid="rules-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('rulesTitle')}</Typography.Title>
      {rules.error ? <ErrorAlert error={rules.error} onRetry={rules.reload} /> : null}
      <Table<RuleDto>
        rowKey="id"
        size="small"
        loading={rules.loading}
        dataSource={rules.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'id', dataIndex: 'id', title: t('colRuleId'), render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { key: 'name', dataIndex: 'name', title: t('colRuleName') },
          { key: 'version', dataIndex: 'version', title: t('colRuleVersion') },
          {
            key: 'flagged',
            title: summary.data ? t('colRuleFlagged', { region: summary.data.region.name }) : t('colRuleFlaggedShort'),
            align: 'right',
            render: (_: unknown, r) => (summary.data ? <span data-testid={`rule-flagged-${r.id}`}>{(summary.data.byRule[r.id] ?? 0).toLocaleString('zh-CN')}</span> : '—'),
          },
          {
            key: 'alone',
            title: t('colRuleAlone'),
            align: 'right',
            render: (_: unknown, r) => (summary.data ? <span data-testid={`rule-alone-${r.id}`}>{(summary.data.byRuleAlone?.[r.id] ?? 0).toLocaleString('zh-CN')}</span> : '—'),
          },
          { key: 'riskTypes', title: t('colRiskTypes'), render: (_: unknown, r) => <RiskTypeTags riskTypes={r.riskTypes} /> },
          { key: 'description', dataIndex: 'description', title: t('colDescription'), width: 420 },
          { key: 'source', dataIndex: 'source', title: t('colRuleSource'), width: 280, render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text> },
        ]}
      />
      <Card size="small" title={t('thresholdsTitle')} extra={<YearSelect />}>
        {anyPlaceholder ? <PlaceholderWarning /> : null}
        {thresholds.error ? <ErrorAlert error={thresholds.error} onRetry={thresholds.reload} /> : null}
        <Table<ThresholdDto> scroll={{ x: 'max-content' }}
          rowKey={(th) => `${th.provinceCode}-${th.countyCode ?? ''}-${th.year}`}
          size="small"
          loading={thresholds.loading}
          dataSource={thresholds.data ?? []}
          pagination={false}
          columns={[
            {
              key: 'region',
              title: t('colThresholdRegion'),
              sorter: (a, b) => (a.countyCode ?? a.provinceCode).localeCompare(b.countyCode ?? b.provinceCode),
              render: (_: unknown, th) => (th.countyCode ? <RegionName code={th.countyCode} /> : <><RegionName code={th.provinceCode} />({t('provinceWide')})</>),
            },
            { key: 'year', dataIndex: 'year', title: t('colYear') },
            {
              key: 'value',
              title: t('colThresholdValue'),
              sorter: (a, b) => a.valueFen - b.valueFen,
              render: (_: unknown, th) => <ThresholdTag valueFen={th.valueFen} status={th.status} />,
            },
            { key: 'source', dataIndex: 'source', title: t('source'), render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text> },
          ]}
        />
      </Card>
    </Flex>
  );
}
