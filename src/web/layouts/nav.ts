/**
 * The navigation as data: groups of menu entries, each with its path, label, test id and who sees it.
 * A work area adds its group here (one entry per page); the layout renders the same list as a side menu
 * on desktops and as a drawer on phones, so no page is reachable on one and not on the other.
 */
import type { UserDto } from '../api/client';
import type { MessageKey } from '../i18n';
import { can } from '../features/accounts/session';

/** One menu entry. `label` is a message key of i18n/messages.ts, or a Chinese label as it is. */
export interface NavItem {
  key: string;
  path: string;
  label: MessageKey | { zh: string; en: string };
  testId: string;
  /** shown only when it returns true (the server refuses the page's calls otherwise) */
  visible?: (user: UserDto | null) => boolean;
  /** keep ?year= when moving to this page */
  keepYear?: boolean;
}

/** A group of entries under a heading. */
export interface NavGroup {
  key: string;
  label: { zh: string; en: string };
  items: NavItem[];
}

/** Every page of the menu, by group. */
export const NAV: NavGroup[] = [
  {
    key: 'monitoring',
    label: { zh: '防返贫监测', en: 'Monitoring (防返贫监测)' },
    items: [
      { key: 'dashboard', path: '/', label: 'menuDashboard', testId: 'menu-dashboard', keepYear: true },
      { key: 'households', path: '/households', label: 'menuHouseholds', testId: 'menu-households', keepYear: true },
      { key: 'clues', path: '/intake/clues', label: 'menuClues', testId: 'menu-clues' },
      { key: 'workflow', path: '/workflow', label: 'menuWorkflow', testId: 'menu-workflow' },
      { key: 'rules', path: '/rules', label: 'menuRules', testId: 'menu-rules', keepYear: true },
    ],
  },
  {
    key: 'procedures',
    label: { zh: '审批与公示', en: 'Procedures & notices (审批与公示)' },
    items: [
      { key: 'procedures', path: '/procedures', label: { zh: '审批程序', en: 'Procedures (审批程序)' }, testId: 'menu-procedures' },
      { key: 'notices', path: '/notices', label: { zh: '公示', en: 'Notices (公示)' }, testId: 'menu-notices' },
    ],
  },
  {
    key: 'evaluation',
    label: { zh: '监测评价', en: 'Monitoring & evaluation (监测评价)' },
    items: [
      { key: 'indicatorCatalogue', path: '/evaluation/catalogue', label: { zh: '指标目录', en: 'Indicators (指标目录)' }, testId: 'menu-indicator-catalogue' },
      { key: 'reporting', path: '/evaluation/reporting', label: { zh: '分级报送', en: 'Reporting (分级报送)' }, testId: 'menu-reporting' },
      { key: 'evaluationRounds', path: '/evaluation/rounds', label: { zh: '评价结果', en: 'Evaluation (评价结果)' }, testId: 'menu-evaluation-rounds' },
      // one entry for the three analyses (tabs: 监测范围模拟, 线索来源成效, 跨层级核对) keeps the phone drawer short
      { key: 'analysis', path: '/evaluation/analysis', label: { zh: '模拟与核对', en: 'What-if & reconciliation (模拟与核对)' }, testId: 'menu-analysis', keepYear: true },
    ],
  },
  {
    key: 'data',
    label: { zh: '数据', en: 'Data (数据)' },
    items: [
      // importing needs intake.import (admin, dataEntry); the server checks it too
      { key: 'intake', path: '/intake', label: 'menuIntake', testId: 'menu-intake', visible: (u) => can(u, 'intake.import') },
      { key: 'checks', path: '/intake/checks', label: 'menuChecks', testId: 'menu-checks' },
    ],
  },
  {
    key: 'system',
    label: { zh: '系统管理', en: 'Administration (系统管理)' },
    items: [
      { key: 'users', path: '/users', label: { zh: '用户', en: 'Users (用户)' }, testId: 'menu-users', visible: (u) => can(u, 'user.manage') },
      { key: 'audit', path: '/audit', label: { zh: '审计', en: 'Audit (审计)' }, testId: 'menu-audit', visible: (u) => can(u, 'audit.read') },
    ],
  },
];

/** The entries of the menu a user sees: groups without a visible entry are left out. */
export function visibleNav(user: UserDto | null): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => !i.visible || i.visible(user)) })).filter((g) => g.items.length > 0);
}

/** The entry a path belongs to: the longest path that is a prefix of it ('/' only for the dashboard). */
export function selectedNavKey(pathname: string): string {
  let best: NavItem | undefined;
  for (const g of NAV) {
    for (const i of g.items) {
      const hit = i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`);
      if (hit && (!best || i.path.length > best.path.length)) best = i;
    }
  }
  return best?.key ?? 'dashboard';
}
