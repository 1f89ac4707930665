/** Year selector fed by meta.years, bound to `?year=` in the URL. */
import { Select } from 'antd';
import { useI18n } from '../i18n';
import { useMeta, useYear } from './MetaProvider';

/** Select of the screening year. */
export function YearSelect() {
  const { t } = useI18n();
  const meta = useMeta();
  const [year, setYear] = useYear();
  const years = meta.data?.years ?? (year ? [year] : []);
  return (
    <span>
      <span style={{ marginInlineEnd: 8 }}>{t('year')}</span>
      <Select
        data-testid="year-select"
        size="middle"
        style={{ width: 110 }}
        value={year}
        loading={meta.loading}
        onChange={(v: number) => setYear(v)}
        options={[...years].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}${t('yearSuffix')}` }))}
      />
    </span>
  );
}
