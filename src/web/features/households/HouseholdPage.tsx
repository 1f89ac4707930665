/**
 * Household page (`/households/:id?year=`): region path, type, category, risk types, members (masked ID
 * numbers; ID status 校验位不符,待核实 highlighted), income history in yuan, and every screening verdict.
 */
import { Breadcrumb, Card, Col, Descriptions, Empty, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router';
import type { IncomeDto, PersonDto } from '../../../shared/api';
import { getHousehold } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';
import { useYear } from '../../components/MetaProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RevealIdNumber } from '../accounts/RevealIdNumber';
import { Loading } from '../../components/Loading';
import { PlaceholderWarning } from '../../components/Banners';
import { YearSelect } from '../../components/YearSelect';
import { formatCount, formatYuan } from '../../components/format';
import { CategoryTag, HouseholdTypeTag, RiskTypeTags } from './household-tags';
import { VerdictCard } from './VerdictCard';
import { dashboardUrl, householdsUrl } from '../dashboard/drill';
import { HouseholdWorkflowCard } from '../workflow/HouseholdWorkflowCard';

/** The household page. */
export default function HouseholdPage() {
  const { t, label } = useI18n();
  const { id } = useParams();
  const [year] = useYear();
  const state = useApi((signal) => getHousehold(id ?? '', year, signal), [id, year], id !== undefined && year !== undefined);

  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading minHeight={320} />;
  const h = state.data;
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));

  const memberColumns: ColumnsType<PersonDto> = [
    { key: 'name', dataIndex: 'name', title: t('colMemberName'), fixed: 'start' },
    { key: 'relation', title: t('colRelation'), render: (_: unknown, p) => label('relationToHead', p.relationToHead) },
    { key: 'idNumber', dataIndex: 'idNumberMasked', title: t('colIdNumber'), render: (v: string, p) => <RevealIdNumber personId={p.id} masked={v} /> },
    {
      key: 'idStatus',
      title: t('colIdStatus'),
      render: (_: unknown, p) =>
        p.idNumberStatus === 'checkFailed' ? (
          <Tag color="error" data-testid="id-check-failed">{label('idNumberStatus', p.idNumberStatus)}</Tag>
        ) : (
          <Tag color="success">{label('idNumberStatus', p.idNumberStatus)}</Tag>
        ),
    },
    { key: 'sex', title: t('colSex'), render: (_: unknown, p) => label('sex', p.sex) },
    { key: 'age', dataIndex: 'age', title: t('colAge'), align: 'right' },
    { key: 'ethnicity', dataIndex: 'ethnicity', title: t('colEthnicity') },
    { key: 'education', title: t('colEducation'), render: (_: unknown, p) => label('educationLevel', p.education) },
    { key: 'school', title: t('colSchool'), render: (_: unknown, p) => label('schoolStage', p.schoolStage) },
    {
      key: 'health',
      title: t('colHealth'),
      render: (_: unknown, p) => (
        <span>
          {label('healthStatus', p.healthStatus)}
          {p.disabilityGrade ? ` (${t('colDisability')} ${p.disabilityGrade})` : ''}
        </span>
      ),
    },
    { key: 'labour', title: t('colLabour'), render: (_: unknown, p) => label('labourSkill', p.labourSkill) },
    { key: 'workPlace', dataIndex: 'workPlace', title: t('colWorkPlace'), render: (v: string | null) => v ?? '—' },
    {
      key: 'insurance',
      title: t('colInsurance'),
      render: (_: unknown, p) => (
        <Space size={2} wrap>
          {p.residentMedicalInsurance ? <Tag>{t('residentInsurance')}</Tag> : null}
          {p.employeeMedicalInsurance ? <Tag>{t('employeeInsurance')}</Tag> : null}
          {!p.residentMedicalInsurance && !p.employeeMedicalInsurance ? <Tag color="warning">{t('no')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'assistance',
      title: t('colAssistance'),
      render: (_: unknown, p) => (
        <Space size={2} wrap>
          {p.dibao ? <Tag color="blue">{t('dibao')}</Tag> : null}
          {p.tekun ? <Tag color="blue">{t('tekun')}</Tag> : null}
        </Space>
      ),
    },
  ];

  const money = (key: keyof IncomeDto, title: string) => ({
    key,
    dataIndex: key,
    title,
    align: 'right' as const,
    render: (v: number | null) => formatYuan(v),
  });
  const incomeColumns: ColumnsType<IncomeDto> = [
    { key: 'year', dataIndex: 'year', title: t('colYear') },
    money('wageFen', t('colWage')),
    money('businessIncomeFen', t('colBusinessIncome')),
    money('businessExpensesFen', t('colBusinessExpenses')),
    money('propertyFen', t('colProperty')),
    money('transferFen', t('colTransfer')),
    money('compliantOutOfPocketFen', t('colOutOfPocket')),
    money('netIncomeFen', t('colNetIncome')),
    { ...money('perCapitaNetIncomeFen', t('colPerCapita')), render: (v: number | null) => <Typography.Text strong>{formatYuan(v)}</Typography.Text> },
  ];

  const path = h.regionPath.filter((p) => p.level !== 'national');
  const flagged = h.verdicts.filter((v) => v.outcome === 'flagged').length;
  const anyPlaceholder = h.verdicts.some((v) => v.usesPlaceholderThreshold);
  const verdicts = [...h.verdicts].sort((a, b) => {
    const rank = { flagged: 0, noData: 1, clear: 2 } as const;
    return rank[a.outcome] - rank[b.outcome];
  });

  return (
    <Flex vertical gap={16} data-testid="household-page">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Breadcrumb
          separator="›"
          items={[
            { key: 'national', title: <Link to={dashboardUrl(undefined, year)}>{t('nation')}</Link> },
            ...path.map((p) => ({ key: p.code, title: <Link to={p.level === 'village' ? householdsUrl(p.code, year) : dashboardUrl(p.code, year)}>{p.name}</Link> })),
            { key: 'household', title: h.householdNo },
          ]}
        />
        <YearSelect />
      </Flex>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="household-title">
          {t('householdTitle', { no: h.householdNo })}
        </Typography.Title>
        {h.isDemo ? <Tag color="cyan" data-testid="demo-tag">{t('demoTag')}</Tag> : null}
        <HouseholdTypeTag type={h.householdType} />
        <CategoryTag category={h.monitoredCategory} />
        <RiskTypeTags riskTypes={h.riskTypes} />
      </Space>
      {anyPlaceholder ? <PlaceholderWarning /> : null}
      <Card size="small" title={t('basicInfo')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'path', label: t('regionPath'), span: 'filled', children: path.map((p) => p.name).join(' › ') },
            { key: 'type', label: t('colType'), children: label('householdType', h.householdType) },
            { key: 'category', label: t('colCategory'), children: h.monitoredCategory ? label('monitoredCategory', h.monitoredCategory) : '—' },
            { key: 'identified', label: t('identifiedMonth'), children: h.identifiedMonth ?? '—' },
            {
              key: 'eliminated',
              label: t('riskEliminated'),
              children: h.riskEliminated
                ? `${t('yes')}${h.eliminationMode ? `,${h.eliminationMode === 'assistance' ? t('eliminationAssistance') : t('eliminationNatural')}` : ''}${h.eliminatedMonth ? `,${h.eliminatedMonth}` : ''}`
                : t('no'),
            },
            { key: 'farmland', label: t('farmland'), children: h.farmlandMu.toLocaleString('zh-CN') },
            { key: 'forest', label: t('forest'), children: h.forestMu.toLocaleString('zh-CN') },
            { key: 'housing', label: t('housingArea'), children: h.housingAreaM2 === null ? '—' : h.housingAreaM2.toLocaleString('zh-CN') },
            { key: 'dangerous', label: t('dangerousHouse'), children: h.dangerousHouse ? <Tag color="error">{t('yes')}</Tag> : t('no') },
            { key: 'water', label: t('safeDrinkingWater'), children: h.safeDrinkingWater ? t('yes') : <Tag color="error">{t('no')}</Tag> },
            { key: 'toilet', label: t('sanitaryToilet'), children: yesNo(h.sanitaryToilet) },
            ...(h.facts
              ? [
                  {
                    key: 'facts',
                    label: t('year'),
                    span: 'filled' as const,
                    children: t('factsYear', {
                      year: h.facts.year,
                      members: formatCount(h.facts.memberCount),
                      labour: formatCount(h.facts.labourCount),
                      income: formatYuan(h.facts.perCapitaNetIncomeFen),
                    }),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={`${t('members')} (${h.members.length})`} data-testid="members">
        <Table<PersonDto>
          rowKey="id"
          size="small"
          pagination={false}
          columns={memberColumns}
          dataSource={h.members}
          scroll={{ x: 'max-content' }}
          onRow={(p) => (p.idNumberStatus === 'checkFailed' ? { style: { background: '#fff2f0' } } : {})}
        />
      </Card>
      <Card size="small" title={t('incomes')} data-testid="incomes">
        <Table<IncomeDto>
          rowKey="year"
          size="small"
          pagination={false}
          columns={incomeColumns}
          dataSource={[...h.incomes].sort((a, b) => b.year - a.year)}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card
        size="small"
        title={
          <span>
            {t('verdicts')} <Tag color={flagged ? 'red' : 'green'}>{flagged} / {h.verdicts.length}</Tag>
          </span>
        }
        data-testid="verdicts"
      >
        {verdicts.length ? (
          <Row gutter={[12, 12]}>
            {verdicts.map((v) => (
              <Col key={v.ruleId} xs={24} xl={12}>
                <VerdictCard verdict={v} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('noVerdicts')} />
        )}
      </Card>
      <HouseholdWorkflowCard householdId={h.id} monitored={h.monitoredCategory !== null && !h.riskEliminated} />
    </Flex>
  );
}
