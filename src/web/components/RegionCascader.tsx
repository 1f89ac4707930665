/**
 * A region picker, province → prefecture → county → township → village, each level loaded when opened
 * (GET /api/v1/regions?parent=…), starting below the user's own region (issue 16 item 6: region codes
 * were typed by hand). The value is the code of the deepest level chosen; any level may be chosen.
 */
import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import type { RegionDto } from '../../shared/api';
import { getJson } from '../api/client';
import { useSession } from '../features/accounts/session';

interface Option { value: string; label: string; isLeaf: boolean; children?: Option[]; loading?: boolean }

const optionOf = (r: RegionDto): Option => ({ value: r.code, label: r.name, isLeaf: r.level === 'village' || (r.childCount ?? 1) === 0 });

export function RegionCascader({ value, onChange, testId, width = 260 }: { value?: string; onChange?: (code: string | undefined) => void; testId?: string; width?: number }) {
  const { user } = useSession();
  const root = user?.regionCode ?? null;
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      if (root) {
        const self = await getJson<RegionDto>(`/regions/${root}`);
        if (live) setOptions([optionOf(self)]);
      } else {
        const top = await getJson<RegionDto[]>('/regions');
        if (live) setOptions(top.map(optionOf));
      }
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [root]);
  const loadData = async (path: Option[]) => {
    const target = path[path.length - 1]!;
    target.loading = true;
    const kids = await getJson<RegionDto[]>('/regions', { parent: target.value }).catch(() => [] as RegionDto[]);
    target.loading = false;
    target.children = kids.map(optionOf);
    if (!kids.length) target.isLeaf = true;
    setOptions((o) => [...o]);
  };
  // the path of codes to the value: each level's code is a prefix of the value's
  const lengths = [2, 4, 6, 9, 12];
  const path = value ? lengths.filter((n) => n <= value.length && (!root || n >= root.length)).map((n) => value.slice(0, n)) : undefined;
  return (
    <Cascader<Option>
      options={options}
      loadData={loadData}
      changeOnSelect
      value={path}
      displayRender={(labels) => labels.join(' / ')}
      placeholder="选择区域(省 → 村)"
      onChange={(codes) => onChange?.(codes && codes.length ? String(codes[codes.length - 1]) : undefined)}
      style={{ width, maxWidth: '100%' }}
      data-testid={testId}
      allowClear
    />
  );
}
