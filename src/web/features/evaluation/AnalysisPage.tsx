/**
 * The three analyses beyond reporting on one page (`/evaluation/analysis?tab=what-if|triage|reconcile`),
 * one menu entry so that the phone drawer stays short: threshold what-if, clue triage feedback and
 * cross-level reconciliation (each tab is its own component and keeps its parameters in the URL).
 */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import WhatIfPage from './WhatIfPage';
import TriagePage from './TriagePage';
import ReconcilePage from './ReconcilePage';

const TABS = [
  { key: 'what-if', label: '监测范围模拟', children: <WhatIfPage /> },
  { key: 'triage', label: '线索来源成效', children: <TriagePage /> },
  { key: 'reconcile', label: '跨层级核对', children: <ReconcilePage /> },
];

export default function AnalysisPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'what-if';
  return <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k, ...(params.get('year') ? { year: params.get('year')! } : {}) })} items={TABS} destroyOnHidden data-testid="analysis-tabs" />;
}
