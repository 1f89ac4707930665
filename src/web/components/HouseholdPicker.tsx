/**
 * Picks a household by its household number (户编号) or the head's name, typed in part (the list's `q`:
 * prefix of either), never by the internal id (issue 16 item 4). The value is the household's id; the
 * picked household (with its flagged rules) is passed to `onPicked`.
 */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import type { HouseholdListItem } from '../../shared/api';
import { listHouseholds } from '../api/client';

export function HouseholdPicker({ value, onChange, onPicked, testId }: { value?: number; onChange?: (id: number | undefined) => void; onPicked?: (h: HouseholdListItem | undefined) => void; testId?: string }) {
  const [options, setOptions] = useState<HouseholdListItem[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        setOptions((await listHouseholds({ q: q.trim(), limit: 20 })).items);
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select<number>
      showSearch
      allowClear
      value={value}
      placeholder="输入户编号或户主姓名"
      filterOption={false}
      onSearch={search}
      loading={loading}
      notFoundContent={loading ? '查找中…' : '无匹配农户'}
      style={{ minWidth: 240, maxWidth: '100%' }}
      data-testid={testId}
      options={[
        ...options.map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName}${h.flaggedRules.length ? `(预警 ${h.flaggedRules.join('、')})` : ''}` })),
        ...(value !== undefined && !options.some((h) => h.id === value) ? [{ value, label: `农户 #${value}` }] : []),
      ]}
      onChange={(id) => {
        onChange?.(id ?? undefined);
        onPicked?.(options.find((h) => h.id === id));
      }}
    />
  );
}
