/**
 * Dashboard (`/?region=&year=`): opens on all key counties (national level) and drills down province →
 * prefecture → county → township → village. Shows the key figures, charts, the child-region table, and at
 * national/province level the map; at national level the key-county list.
 */
import { lazy, Suspense, useCallback } from 'react';
import { Flex, Tabs } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { RegionFiguresRow } from '../../../shared/api';
import { getSummary, getSummaryChildren, listRules } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';
import { useYear } from '../../components/MetaProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PlaceholderWarning } from '../../components/Banners';
import { RegionHeader } from './RegionHeader';
import { FigureCards } from './FigureCards';
import { ChildRegionTable } from './ChildRegionTable';
import { KeyCountyTable } from './KeyCountyTable';
import { MapView } from './MapView';
import { householdsUrl, useDrill } from './drill';

// The charts bring ECharts: their own chunk, loaded after the figures.
const SummaryCharts = lazy(() => import('./SummaryCharts'));

const REGION_PATTERN = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** The dashboard page. */
export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [year] = useYear();
  const rawRegion = params.get('region') ?? undefined;
  const region = rawRegion && REGION_PATTERN.test(rawRegion) ? rawRegion : undefined;
  const drill = useDrill(year);

  const summary = useApi((signal) => getSummary(region, year, signal), [region, year], year !== undefined);
  const children = useApi((signal) => getSummaryChildren(region, year, signal), [region, year], year !== undefined);
  const rules = useApi((signal) => listRules(signal), []);

  const level = region ? summary.data?.region.level : 'national';
  const tab = params.get('tab') ?? 'overview';
  const setTab = useCallback(
    (key: string) =>
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        if (key === 'overview') p.delete('tab');
        else p.set('tab', key);
        return p;
      }),
    [setParams],
  );

  const openChild = useCallback(
    (row: RegionFiguresRow) => {
      if (row.level === 'village') navigate(householdsUrl(row.code, year));
      else drill(row.code);
    },
    [drill, navigate, year],
  );

  if (summary.error && !summary.data) {
    return (
      // no heading: with the region unknown, the national breadcrumb would claim the wrong region (issue 16)
      <Flex vertical gap={16} data-testid="dashboard-error">
        <ErrorAlert error={summary.error} onRetry={summary.reload} />
        <Link to="/">{t('backHome')}</Link>
      </Flex>
    );
  }
  if (!summary.data) return <Loading minHeight={320} />;

  const s = summary.data;
  const showMap = level === 'national' || level === 'province';
  const showKeyCounties = level === 'national';
  const items = [
    {
      key: 'overview',
      label: t('tabOverview'),
      children: (
        <Flex vertical gap={16}>
          <Suspense fallback={<Loading minHeight={280} />}>
            <SummaryCharts summary={s} rules={rules.data} />
          </Suspense>
          <ChildRegionTable rows={children.data} loading={children.loading} error={children.error} onOpen={openChild} />
        </Flex>
      ),
    },
    ...(showMap
      ? [{ key: 'map', label: <span data-testid="tab-map">{t('tabMap')}</span>, children: <MapView province={level === 'province' ? s.region.code : undefined} year={year} onOpen={drill} /> }]
      : []),
    ...(showKeyCounties
      ? [{ key: 'keyCounties', label: <span data-testid="tab-key-counties">{t('tabKeyCounties')}</span>, children: <KeyCountyTable year={year} onOpen={drill} /> }]
      : []),
  ];
  const activeTab = items.some((i) => i.key === tab) ? tab : 'overview';

  return (
    <Flex vertical gap={16} data-testid="dashboard" data-level={level} data-region={region ?? ''}>
      <RegionHeader path={s.path} region={region} year={year} screenedAt={s.screenedAt} />
      {s.usesPlaceholderThreshold ? <PlaceholderWarning /> : null}
            {rules.error ? <ErrorAlert error={rules.error} onRetry={rules.reload} /> : null}
      <FigureCards summary={s} />
      <Tabs activeKey={activeTab} onChange={setTab} items={items} destroyOnHidden />
    </Flex>
  );
}
