/**
 * Tile map of key counties: one square per county, grouped in a labelled block per province, coloured by
 * the flagged share. Used when no boundary file is configured (official maps need an approved standard
 * map, so the product ships none).
 */
import { useMemo } from 'react';
import { Card, Empty, Flex, Tooltip, Typography } from 'antd';
import type { KeyCountyDto } from '../../../shared/api';
import { useI18n } from '../../i18n';
import { formatCount, formatShare } from '../../components/format';
import { NO_DATA_COLOR, SHARE_COLORS, scaleMax, shareColor, textOn } from './map-colors';

const TILE = 34;

/** Legend of the share scale. */
export function ShareLegend({ max }: { max: number }) {
  const { t } = useI18n();
  const step = max / SHARE_COLORS.length;
  return (
    <Flex gap={8} align="center" wrap style={{ fontSize: 12 }} data-testid="map-legend">
      <span>{t('mapLegend')}:</span>
      {SHARE_COLORS.map((c, i) => (
        <Flex key={c} gap={4} align="center">
          <span style={{ width: 14, height: 14, background: c, display: 'inline-block', borderRadius: 2 }} />
          {i === SHARE_COLORS.length - 1 ? `≥${formatShare(i * step)}` : `${formatShare(i * step)}–${formatShare((i + 1) * step)}`}
        </Flex>
      ))}
      <Flex gap={4} align="center">
        <span style={{ width: 14, height: 14, background: NO_DATA_COLOR, display: 'inline-block', borderRadius: 2 }} />
        {t('mapNoShare')}
      </Flex>
    </Flex>
  );
}

/** The tile map of the given key counties; `onOpen` receives the clicked county code. */
export function TileMap({ counties, onOpen }: { counties: KeyCountyDto[]; onOpen: (code: string) => void }) {
  const { t, label } = useI18n();
  const max = useMemo(() => scaleMax(counties.map((c) => c.flaggedShare)), [counties]);
  const provinces = useMemo(() => {
    const byProvince = new Map<string, { name: string; counties: KeyCountyDto[] }>();
    for (const c of counties) {
      const p = byProvince.get(c.provinceCode) ?? { name: c.provinceName, counties: [] };
      p.counties.push(c);
      byProvince.set(c.provinceCode, p);
    }
    return [...byProvince.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, p]) => ({ code, name: p.name, counties: p.counties.sort((a, b) => a.code.localeCompare(b.code)) }));
  }, [counties]);

  if (!counties.length) return <Empty description={t('mapNoCounties')} />;

  return (
    <Flex vertical gap={12} data-testid="tile-map">
      <ShareLegend max={max} />
      <Flex wrap gap={12} align="flex-start">
        {provinces.map((p) => (
          <Card
            key={p.code}
            size="small"
            title={`${p.name} · ${p.counties.length}`}
            data-testid="map-province"
            style={{ width: Math.min(8, Math.max(4, Math.ceil(Math.sqrt(p.counties.length * 2)))) * (TILE + 4) + 26 }}
          >
            <div style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, ${TILE}px)`, gap: 4 }}>
              {p.counties.map((c) => (
                <Tooltip
                  key={c.code}
                  title={
                    <div>
                      <div style={{ fontWeight: 600 }}>
                        {c.prefectureName} {c.name} ({c.code})
                      </div>
                      <div>{c.designations.map((k) => label('designationKind', k)).join(' / ')}</div>
                      <div>
                        {t('colHouseholds')}: {formatCount(c.households)} · {t('colFlagged')}: {formatCount(c.flaggedHouseholds)}
                      </div>
                      <div>
                        {t('colFlaggedShare')}: {formatShare(c.flaggedShare)}
                        {c.usesPlaceholderThreshold ? ` · ${t('thresholdLine')}: ${t('thresholdPlaceholderMark')}` : ''}
                      </div>
                    </div>
                  }
                >
                  <button
                    type="button"
                    data-testid="map-tile"
                    data-code={c.code}
                    aria-label={`${c.name} ${formatShare(c.flaggedShare)}`}
                    onClick={() => onOpen(c.code)}
                    style={{
                      width: TILE,
                      height: TILE,
                      padding: 0,
                      border: c.usesPlaceholderThreshold ? '1px dashed #d46b08' : '1px solid rgba(0,0,0,0.08)',
                      borderRadius: 3,
                      background: shareColor(c.flaggedShare, max),
                      color: textOn(c.flaggedShare, max),
                      fontSize: 10,
                      lineHeight: '11px',
                      cursor: 'pointer',
                      overflow: 'hidden',
                    }}
                  >
                    {c.name.slice(0, 2)}
                  </button>
                </Tooltip>
              ))}
            </div>
          </Card>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mapTileNote')}</Typography.Text>
    </Flex>
  );
}
