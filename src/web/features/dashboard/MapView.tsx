/**
 * Map tab of the dashboard (national or province level): a choropleth on the bureau's boundary file
 * when one is configured, otherwise the tile map.
 */
import { lazy, Suspense } from 'react';
import { Card } from 'antd';
import { getBoundaries, getKeyCounties, type BoundaryCollection } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { TileMap } from './TileMap';

const ChoroplethMap = lazy(() => import('./ChoroplethMap'));

let boundaries: Promise<BoundaryCollection | null> | undefined;
/** The boundary file is large and fixed: fetched once per page load (failures are retried next time). */
function loadBoundaries(): Promise<BoundaryCollection | null> {
  boundaries ??= getBoundaries().catch((err: unknown) => {
    boundaries = undefined;
    throw err;
  });
  return boundaries;
}

/** Props of {@link MapView}. */
export interface MapViewProps {
  /** Province code, or undefined for the nation. */
  province: string | undefined;
  year: number | undefined;
  onOpen: (countyCode: string) => void;
}

/** The map of the flagged share of the key counties of the nation or of one province. */
export function MapView({ province, year, onOpen }: MapViewProps) {
  const { t } = useI18n();
  const geo = useApi(() => loadBoundaries(), []);
  const counties = useApi((signal) => getKeyCounties(year, province, signal), [year, province], year !== undefined);
  // A failing boundary endpoint is reported, and the tile map is drawn instead.
  return (
    <Card size="small" title={t('mapTitle')} data-testid="map-view">
      {geo.error ? <ErrorAlert error={geo.error} /> : null}
      {counties.error ? <ErrorAlert error={counties.error} /> : null}
      {counties.error ? null : geo.loading || counties.loading || !counties.data ? (
        <Loading minHeight={320} />
      ) : geo.data ? (
        <Suspense fallback={<Loading minHeight={320} />}>
          <ChoroplethMap geo={geo.data} province={province} counties={counties.data} onOpen={onOpen} />
        </Suspense>
      ) : (
        <TileMap counties={counties.data} onOpen={onOpen} />
      )}
    </Card>
  );
}
