/**
 * Household list (`/households?region=…`): filters in the URL, server-side sorting, cursor pagination
 * (a stack of cursors for 上一页 / 下一页) and the total.
 */
import { HouseholdSearch } from './HouseholdSearch';
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { HouseholdListItem } from '../../../shared/api';
import { HOUSEHOLD_TYPES, MONITORED_CATEGORIES, RISK_TYPES } from '../../../shared/enums';
import { listHouseholds, listRules } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';
import { useYear } from '../../components/MetaProvider';
import { YearSelect } from '../../components/YearSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlaceholderWarning } from '../../components/Banners';
import { fenToYuan, formatCount, formatYuan, yuanToFen } from '../../components/format';
import { CategoryTag, HouseholdTypeTag, RiskTypeTags, RuleTags } from './household-tags';
import { filtersFromParams, filtersToParams, type HouseholdFilters } from './filters';
import { RegionFilter } from './RegionFilter';
import { useMeta } from '../../components/MetaProvider';
import { ExportButtons } from '../accounts/ExportButtons';

const PAGE_SIZE = 20;

interface FormValues {
  householdType?: HouseholdFilters['householdType'];
  category?: HouseholdFilters['category'];
  rule?: string;
  riskType?: HouseholdFilters['riskType'];
  incomeMin?: number | null;
  incomeMax?: number | null;
  q?: string;
}

/** The household list page. */
export default function HouseholdListPage() {
  const { t, label } = useI18n();
  const meta = useMeta();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [year] = useYear();
  const filters = useMemo(() => ({ ...filtersFromParams(params), year }), [params, year]);
  const filterKey = JSON.stringify(filters);
  const [form] = Form.useForm<FormValues>();

  // Cursors of the pages after the first; reset whenever the filters change.
  const [paging, setPaging] = useState<{ key: string; stack: string[] }>({ key: filterKey, stack: [] });
  const stack = paging.key === filterKey ? paging.stack : [];
  const cursor = stack[stack.length - 1];

  const rules = useApi((signal) => listRules(signal), []);
  const page = useApi(
    (signal) => listHouseholds({ ...filters, cursor, limit: PAGE_SIZE }, signal),
    [filterKey, cursor ?? null],
    year !== undefined,
    true,
  );

  const update = (patch: Partial<HouseholdFilters>) => {
    const next = filtersToParams({ ...filtersFromParams(params), ...patch });
    const y = params.get('year');
    if (y) next.set('year', y);
    setParams(next);
  };

  const onFinish = (v: FormValues) =>
    update({
      householdType: v.householdType,
      category: v.category,
      rule: v.rule,
      riskType: v.riskType,
      incomeMinFen: yuanToFen(v.incomeMin),
      incomeMaxFen: yuanToFen(v.incomeMax),
      q: v.q?.trim() || undefined,
    });

  // 重置 empties the fields (resetFields would restore the initial values taken from the URL, so a second
  // 查询 brought the old filters back: issue 16)
  const onReset = () => {
    form.setFieldsValue({ householdType: undefined, category: undefined, rule: undefined, riskType: undefined, incomeMin: null, incomeMax: null, q: undefined });
    update({ householdType: undefined, category: undefined, rule: undefined, riskType: undefined, incomeMinFen: undefined, incomeMaxFen: undefined, q: undefined });
  };

  const sortOrder = (key: NonNullable<HouseholdFilters['sort']>) =>
    filters.sort === key ? (filters.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;

  const columns: ColumnsType<HouseholdListItem> = [
    {
      key: 'householdNo',
      dataIndex: 'householdNo',
      title: t('colHouseholdNo'),
      sorter: true,
      sortOrder: sortOrder('householdNo'),
      render: (no: string, row) => (
        <Link to={`/households/${row.id}${year ? `?year=${year}` : ''}`} data-testid="household-link" onClick={(e) => e.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    { key: 'headName', dataIndex: 'headName', title: t('colHead') },
    {
      key: 'village',
      title: t('colVillage'),
      render: (_: unknown, row) => (
        <span>
          {row.villageName}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.countyName} {row.townshipName}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'type', title: t('colType'), render: (_: unknown, row) => <HouseholdTypeTag type={row.householdType} /> },
    { key: 'category', title: t('colCategory'), render: (_: unknown, row) => <CategoryTag category={row.monitoredCategory} /> },
    { key: 'riskTypes', title: t('colRiskTypes'), render: (_: unknown, row) => <RiskTypeTags riskTypes={row.riskTypes} /> },
    {
      key: 'memberCount',
      dataIndex: 'memberCount',
      title: t('colMemberCount'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('memberCount'),
    },
    {
      key: 'perCapitaNetIncomeFen',
      dataIndex: 'perCapitaNetIncomeFen',
      title: t('colPerCapitaIncome'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('perCapitaNetIncomeFen'),
      render: (fen: number | null) => (fen === null ? <Typography.Text type="secondary">{t('noIncome')}</Typography.Text> : formatYuan(fen)),
    },
    { key: 'flaggedRules', title: t('colFlaggedRules'), render: (_: unknown, row) => <RuleTags ruleIds={row.flaggedRules} rules={rules.data} /> },
  ];

  const initialValues: FormValues = {
    householdType: filters.householdType,
    category: filters.category,
    rule: filters.rule,
    riskType: filters.riskType,
    incomeMin: fenToYuan(filters.incomeMinFen),
    incomeMax: fenToYuan(filters.incomeMaxFen),
    q: filters.q,
  };

  return (
    <Flex vertical gap={16} data-testid="household-list">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('householdsTitle')}</Typography.Title>
        <Space>
          <ExportButtons filters={filters} />
          <YearSelect />
        </Space>
      </Flex>
      {meta.data?.thresholdPlaceholders ? <PlaceholderWarning /> : null}
      <HouseholdSearch />
      <Card size="small">
        <Flex vertical gap={12}>
          <RegionFilter region={filters.region} year={year} onChange={(region) => update({ region })} />
          <Form<FormValues>
            form={form}
            key={filterKey}
            layout="inline"
            initialValues={initialValues}
            onFinish={onFinish}
            style={{ rowGap: 8 }}
          >
            <Form.Item name="householdType" label={t('filterHouseholdType')}>
              <Select allowClear placeholder={t('any')} style={{ width: 150 }} options={HOUSEHOLD_TYPES.map((v) => ({ value: v, label: label('householdType', v) }))} />
            </Form.Item>
            <Form.Item name="category" label={t('filterCategory')}>
              <Select allowClear placeholder={t('any')} style={{ width: 170 }} options={MONITORED_CATEGORIES.map((v) => ({ value: v, label: label('monitoredCategory', v) }))} />
            </Form.Item>
            <Form.Item name="rule" label={t('filterRule')}>
              <Select
                allowClear
                placeholder={t('any')}
                style={{ width: 200 }}
                loading={rules.loading}
                options={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="riskType" label={t('filterRiskType')}>
              <Select allowClear placeholder={t('any')} style={{ width: 160 }} options={RISK_TYPES.map((v) => ({ value: v, label: label('riskType', v) }))} />
            </Form.Item>
            <Form.Item label={t('filterIncome')}>
              <Space.Compact>
                <Form.Item name="incomeMin" noStyle>
                  <InputNumber placeholder={t('filterIncomeMin')} min={-1e9} max={1e9} step={100} precision={2} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="incomeMax" noStyle>
                  <InputNumber placeholder={t('filterIncomeMax')} min={-1e9} max={1e9} step={100} precision={2} style={{ width: 110 }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('filterSearch')} style={{ width: 180 }} data-testid="household-search" />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" data-testid="household-filter-apply">{t('filterApply')}</Button>
                <Button onClick={onReset}>{t('filterReset')}</Button>
              </Space>
            </Form.Item>
          </Form>
        </Flex>
      </Card>
      {page.error ? <ErrorAlert error={page.error} onRetry={page.reload} /> : null}
      <div data-testid="household-table">
        <Table<HouseholdListItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={page.data?.items ?? []}
          loading={page.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('emptyHouseholds')} /> }}
          onRow={(row) => ({
            onClick: () => navigate(`/households/${row.id}${year ? `?year=${year}` : ''}`),
            style: { cursor: 'pointer' },
          })}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<HouseholdListItem> | undefined;
            const key = s?.columnKey as HouseholdFilters['sort'] | undefined;
            if (!s?.order || !key) update({ sort: undefined, order: undefined });
            else update({ sort: key, order: s.order === 'descend' ? 'desc' : 'asc' });
          }}
        />
      </div>
      <Flex justify="space-between" align="center" wrap gap={12} data-testid="household-pager">
        <Typography.Text data-testid="household-total">
          {page.data ? t('totalHouseholds', { n: `${formatCount(page.data.total)}${page.data.totalAtLeast ? '+' : ''}` }) : ''}
          {page.data ? ` · ${t('pageN', { n: stack.length + 1 })}` : ''}
        </Typography.Text>
        <Space>
          <Button
            data-testid="prev-page"
            disabled={stack.length === 0 || page.loading}
            onClick={() => setPaging({ key: filterKey, stack: stack.slice(0, -1) })}
          >
            {t('prevPage')}
          </Button>
          <Button
            data-testid="next-page"
            type="primary"
            disabled={!page.data?.nextCursor || page.loading}
            onClick={() => {
              const next = page.data?.nextCursor;
              if (next) setPaging({ key: filterKey, stack: [...stack, next] });
            }}
          >
            {t('nextPage')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
