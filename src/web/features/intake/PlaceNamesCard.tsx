/**
 * The import preview's mapping step for places (issue 8 item 2): the town/village names of the file that the
 * code list of their county does not hold (ImportReportDto.placeNames), each with the near-miss suggestions the
 * server found (never assigned by themselves). The user picks a suggestion or types a code (12 digits for a
 * village, 9 for a township), then previews again; on commit the server remembers the mappings for the county.
 * Laid out as a vertical list so that it fits 375 px.
 */
import { AutoComplete, Button, Card, Flex, Typography } from 'antd';
import type { PlaceNameDto } from '../../../shared/intake';

/** Props: the report's unmatched names, the mapping chosen so far ("乡镇/村" → code), and re-preview. */
export interface PlaceNamesCardProps {
  names: PlaceNameDto[];
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  onApply: () => void;
  busy: boolean;
}

/** The mapping step card; renders nothing when every place of the file was found. */
export function PlaceNamesCard({ names, value, onChange, onApply, busy }: PlaceNamesCardProps) {
  if (names.length === 0 && Object.keys(value).length === 0) return null;
  return (
    <Card size="small" title="地名对应" data-testid="place-names-card">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        以下地名在区划代码中找不到。请选择相近的地点或填写区划代码(村12位、乡镇9位),再重新预览;确认导入后本县以后的文件自动沿用。相近地点不会被自动采用。
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {names.map((n) => (
          <Flex key={`${n.countyCode}|${n.key}`} wrap gap={8} align="center" data-testid="place-name-row">
            <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {n.countyName} <b>{n.key}</b>(第 {n.rows.slice(0, 5).join('、')}{n.rows.length > 5 ? ' 等' : ''} 行)
            </span>
            <AutoComplete
              style={{ width: '100%', maxWidth: 280 }}
              value={value[n.key] ?? ''}
              placeholder="选择相近地点或填写区划代码"
              options={n.suggestions.map((s) => ({ value: s.code, label: `${s.town ? `${s.town} ` : ''}${s.name}(${s.code})` }))}
              onChange={(v: string) => {
                const next = { ...value };
                if (v.trim()) next[n.key] = v.trim();
                else delete next[n.key];
                onChange(next);
              }}
              data-testid="place-name-input"
            />
          </Flex>
        ))}
        {Object.entries(value).filter(([k]) => !names.some((n) => n.key === k)).map(([k, code]) => (
          <Flex key={k} wrap gap={8} align="center" data-testid="place-name-mapped">
            <span style={{ overflowWrap: 'anywhere' }}>已对应:<b>{k}</b> → {code}</span>
            <Button size="small" onClick={() => { const next = { ...value }; delete next[k]; onChange(next); }}>取消</Button>
          </Flex>
        ))}
        <div>
          <Button onClick={onApply} disabled={busy || Object.keys(value).length === 0} data-testid="place-names-apply">按对应重新预览</Button>
        </div>
      </Flex>
    </Card>
  );
}
