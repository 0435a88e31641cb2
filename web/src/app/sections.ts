/** The desk app's sections: the menu shows, and the router guards, each by the permission named here. */
export const sections = [
  { key: 'home', path: '/', permission: null },
  { key: 'cases', path: '/cases', permission: 'case.read' },
  // 事件一张图: the command centre's live map of the reader's events.
  { key: 'command', path: '/command/map', permission: 'case.read' },
  // 预警: what the rules noticed in the reader's subtrees, to acknowledge, dismiss or convert.
  { key: 'warnings', path: '/warnings', permission: 'case.read' },
  // 大屏: the command centre's wall, full window (outside the menu and header).
  { key: 'bigscreen', path: '/screen', permission: 'case.read' },
  { key: 'stats', path: '/stats', permission: 'case.read' },
  // 考核: rankings of grids and workers by a scheme; the schemes (assessment.manage) are a page under it.
  { key: 'assessment', path: '/assessment', permission: 'assessment.read' },
  // 通报: the periods' bulletins of the reader's areas, to read and print; those who assess compose them.
  { key: 'bulletins', path: '/bulletins', permission: 'case.read' },
  { key: 'users', path: '/users', permission: 'user.read' },
  { key: 'roles', path: '/roles', permission: 'role.manage' },
  { key: 'apikeys', path: '/api-keys', permission: 'apikey.manage' },
  { key: 'grids', path: '/grids', permission: 'grid.read' },
  { key: 'ledgers', path: '/ledgers', permission: 'ledger.read' },
  { key: 'campaigns', path: '/campaigns', permission: 'campaign.manage' },
  // 巡查考勤: the chief's view of the workers' patrols; its settings (patrol.configure) are a page under it.
  { key: 'patrols', path: '/patrols', permission: 'patrol.read' },
  // 采集审核: the review queue of field corrections, a page of the ledgers with its own entry.
  { key: 'proposals', path: '/ledgers/proposals', permission: 'ledger.review' },
  { key: 'audit', path: '/audit', permission: 'audit.read' },
] as const

export type SectionKey = (typeof sections)[number]['key']

export function permissionFor(key: SectionKey): string | null {
  return sections.find((s) => s.key === key)?.permission ?? null
}

/**
 * The 配置 / Settings group, under its own heading in the menu: configuration of the event loop.
 * A page shows to holders of any permission listed (a street chief routes within their street).
 */
export const settingsSections = [
  { key: 'categories', path: '/settings/categories', permissions: ['case.configure'] },
  { key: 'routing', path: '/settings/routing', permissions: ['case.configure', 'grid.manage'] },
  { key: 'calendar', path: '/settings/calendar', permissions: ['case.configure'] },
  { key: 'departments', path: '/settings/departments', permissions: ['grid.read', 'user.read'] },
  { key: 'dataKeys', path: '/settings/data-keys', permissions: ['datakey.manage'] },
  { key: 'ledgerCodes', path: '/settings/ledger-codes', permissions: ['ledger.configure'] },
] as const

export type SettingsKey = (typeof settingsSections)[number]['key']
