/**
 * Choropleth of the flagged share per county, drawn on the boundary file configured by the bureau
 * (GET /map/boundaries, properties.adcode = county code). Loaded lazily: it brings the ECharts map chart.
 */
import { useMemo } from 'react';
import { Flex, Typography } from 'antd';
import { MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import type { KeyCountyDto } from '../../../shared/api';
import type { BoundaryCollection } from '../../api/client';
import { useI18n } from '../../i18n';
import { EChart } from '../../components/EChart';
import { echarts } from '../../components/echarts-setup';
import { formatCount, formatShare } from '../../components/format';
import { NO_DATA_COLOR, SHARE_COLORS, scaleMax } from './map-colors';

echarts.use([MapChart, VisualMapContinuousComponent]);

const registered = new Set<string>();

/** Registers the counties of the boundary file (all, or those of one province) under a map name. */
function registerCounties(geo: BoundaryCollection, province: string | undefined): string {
  const name = `zx-counties-${province ?? 'all'}`;
  if (registered.has(name)) return name;
  const features = geo.features
    .map((f) => {
      const code = String(f.properties?.adcode ?? '');
      return { ...f, properties: { ...(f.properties ?? {}), name: code, zxName: f.properties?.name ?? code } };
    })
    .filter((f) => /^\d{6}$/.test(f.properties.name) && (!province || f.properties.name.startsWith(province)));
  echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered.add(name);
  return name;
}

/** Props of {@link ChoroplethMap}. */
export interface ChoroplethMapProps {
  geo: BoundaryCollection;
  province: string | undefined;
  counties: KeyCountyDto[];
  onOpen: (code: string) => void;
}

/** The choropleth; clicking a key county opens it. */
export default function ChoroplethMap({ geo, province, counties, onOpen }: ChoroplethMapProps) {
  const { t } = useI18n();
  const mapName = useMemo(() => registerCounties(geo, province), [geo, province]);
  const byCode = useMemo(() => new Map(counties.map((c) => [c.code, c])), [counties]);
  const option = useMemo<EChartsCoreOption>(() => {
    const max = scaleMax(counties.map((c) => c.flaggedShare));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const c = byCode.get(p.name);
          if (!c) return p.name;
          return `${c.provinceName} ${c.prefectureName} ${c.name}<br/>${t('colHouseholds')}: ${formatCount(c.households)}<br/>${t('colFlagged')}: ${formatCount(c.flaggedHouseholds)} (${formatShare(c.flaggedShare)})`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        text: [formatShare(max), '0%'],
        calculable: false,
        inRange: { color: [...SHARE_COLORS] },
        left: 8,
        bottom: 8,
      },
      series: [
        {
          type: 'map',
          map: mapName,
          roam: true,
          itemStyle: { areaColor: NO_DATA_COLOR, borderColor: '#fff', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd666' } },
          data: counties.filter((c) => c.flaggedShare !== null).map((c) => ({ name: c.code, value: c.flaggedShare })),
        },
      ],
    };
  }, [counties, byCode, mapName, t]);

  return (
    <Flex vertical gap={8} data-testid="choropleth-map">
      <EChart
        option={option}
        height={560}
        onClick={(e) => {
          if (e.name && byCode.has(e.name)) onOpen(e.name);
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mapBoundaryNote')}</Typography.Text>
    </Flex>
  );
}
