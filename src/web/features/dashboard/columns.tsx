/** Table columns shared by the child-region and key-county tables (figures, each sortable). */
import { Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RegionFiguresRow } from '../../../shared/api';
import type { I18n } from '../../i18n';
import { compareNullable, formatCount, formatShare } from '../../components/format';

/** Designation tags (国家 / 省级 / 参照执行). */
export function DesignationTags({ kinds, label }: { kinds: RegionFiguresRow['designations']; label: I18n['label'] }) {
  const color = { national: 'red', provincial: 'gold', reference: 'purple' } as const;
  return (
    <>
      {kinds.map((k) => (
        <Tag key={k} color={color[k]} style={{ marginBottom: 2 }}>
          {label('designationKind', k)}
        </Tag>
      ))}
    </>
  );
}

/** Numeric figure columns, each with an antd sorter. */
export function figureColumns<T extends RegionFiguresRow>(i18n: I18n): ColumnsType<T> {
  const { t } = i18n;
  const num = (key: 'households' | 'persons' | 'monitoredHouseholds' | 'flaggedHouseholds' | 'belowThresholdHouseholds', title: string) => ({
    key,
    dataIndex: key,
    title,
    align: 'right' as const,
    sorter: (a: T, b: T) => a[key] - b[key],
    render: (v: number) => formatCount(v),
  });
  return [
    num('households', t('colHouseholds')),
    num('persons', t('colPersons')),
    num('monitoredHouseholds', t('colMonitored')),
    num('flaggedHouseholds', t('colFlagged')),
    {
      key: 'flaggedShare',
      dataIndex: 'flaggedShare',
      title: t('colFlaggedShare'),
      align: 'right',
      sorter: (a: T, b: T) => compareNullable(a.flaggedShare, b.flaggedShare),
      render: (v: number | null) => formatShare(v),
    },
    num('belowThresholdHouseholds', t('colBelowThreshold')),
    {
      key: 'placeholder',
      title: t('colPlaceholder'),
      dataIndex: 'usesPlaceholderThreshold',
      filters: [{ text: t('thresholdPlaceholderMark'), value: true }],
      onFilter: (value, row: T) => row.usesPlaceholderThreshold === value,
      render: (v: boolean) =>
        v ? (
          <Tooltip title={t('placeholderWarning')}>
            <Tag color="orange" data-testid="placeholder-mark">{t('thresholdPlaceholderMark')}</Tag>
          </Tooltip>
        ) : null,
    },
  ];
}
