/**
 * The region filter of the household list: the path of the current region (from /summary), each level
 * clickable to widen the filter, and a field to type a region code.
 */
import { Breadcrumb, Input, Space, Typography } from 'antd';
import { getSummary } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';

/** Props of {@link RegionFilter}. */
export interface RegionFilterProps {
  region: string | undefined;
  year: number | undefined;
  onChange: (region: string | undefined) => void;
}

/** Region breadcrumb + code input. */
export function RegionFilter({ region, year, onChange }: RegionFilterProps) {
  const { t } = useI18n();
  const summary = useApi((signal) => getSummary(region, year, signal), [region, year], region !== undefined && year !== undefined);
  const path = (summary.data?.path ?? []).filter((p) => p.level !== 'national');
  const items = [
    { key: 'all', title: region ? <Typography.Link onClick={() => onChange(undefined)}>{t('nation')}</Typography.Link> : t('filterAllRegions') },
    ...(region && !path.length ? [{ key: region, title: region }] : []),
    ...path.map((p, i) => ({
      key: p.code,
      title: i === path.length - 1 ? <span data-testid="household-region-current">{p.name}</span> : <Typography.Link onClick={() => onChange(p.code)}>{p.name}</Typography.Link>,
    })),
  ];
  return (
    <Space wrap data-testid="region-filter">
      <span>{t('filterRegion')}:</span>
      <Breadcrumb separator="›" items={items} />
      <Input.Search
        key={region ?? 'all'}
        size="small"
        style={{ width: 180 }}
        allowClear
        defaultValue={region}
        placeholder={t('filterRegionPlaceholder')}
        onSearch={(v) => {
          const code = v.trim();
          if (!code) onChange(undefined);
          else if (/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) onChange(code);
        }}
      />
      {summary.error ? <Typography.Text type="danger">{summary.error.message}</Typography.Text> : null}
    </Space>
  );
}
