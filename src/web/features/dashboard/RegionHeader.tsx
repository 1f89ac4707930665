/** Dashboard header: region breadcrumb (全国 › 省 › 县 › 乡镇 › 村), year selector, key-county load state. */
import { formatBeijingTime } from '../../components/format';
import { Breadcrumb, Button, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { RegionSummaryDto } from '../../../shared/api';
import { useI18n } from '../../i18n';
import { useMeta } from '../../components/MetaProvider';
import { YearSelect } from '../../components/YearSelect';
import { dashboardUrl, householdsUrl } from './drill';

/** Props of {@link RegionHeader}. */
export interface RegionHeaderProps {
  path: RegionSummaryDto['path'];
  region: string | undefined;
  year: number | undefined;
  screenedAt: string | null | undefined;
}

/** Breadcrumb, year selector, link to the households of the region, and the key-county load state. */
export function RegionHeader({ path, region, year, screenedAt }: RegionHeaderProps) {
  const { t } = useI18n();
  const meta = useMeta();
  const below = path.filter((p) => p.level !== 'national');
  const items = [
    {
      key: 'national',
      title: below.length ? <Link to={dashboardUrl(undefined, year)}>{t('nation')}</Link> : <span>{t('nationScope')}</span>,
    },
    ...below.map((p, i) => ({
      key: p.code,
      title: i === below.length - 1 ? <span data-testid="breadcrumb-current">{p.name}</span> : <Link to={dashboardUrl(p.code, year)}>{p.name}</Link>,
    })),
  ];
  const kc = meta.data?.keyCounties;
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Breadcrumb separator="›" items={items} data-testid="region-breadcrumb" style={{ fontSize: 16 }} />
        <Flex gap={12} align="center">
          <YearSelect />
          <Link to={householdsUrl(region, year)} data-testid="view-households">
            <Button type="primary">{t('viewHouseholds')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="key-counties-loaded">
        {kc ? (
          <>
            {t('keyCountiesLoaded', { loaded: kc.nationalLoaded, official: kc.nationalOfficial })}
            {kc.provincialLoaded ? `;${t('provincialLoaded', { n: kc.provincialLoaded })}` : ''}
            {kc.source ? ` · ${t('source')}: ${kc.source}` : ''}
          </>
        ) : null}
        {' · '}
        {t('screenedAt')}: {screenedAt ? formatBeijingTime(screenedAt) : t('neverScreened')}
      </Typography.Text>
    </Flex>
  );
}
