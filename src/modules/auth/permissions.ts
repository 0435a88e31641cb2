/**
 * The permissions of the product. A role is a set of these; the web menu and every service check them.
 * Later modules add their own here (grids, cases, ledgers …).
 */
export const PERMISSIONS = {
  'user.read': { zh: '查看用户', en: 'View users' },
  'user.manage': { zh: '管理用户账户', en: 'Manage user accounts' },
  'grant.manage': { zh: '分配角色（授权）', en: 'Grant and revoke roles' },
  'role.manage': { zh: '定义角色', en: 'Define roles' },
  'apikey.manage': { zh: '管理接口密钥', en: 'Manage API keys' },
  'audit.read': { zh: '查看审计日志', en: 'Read the audit log' },
  'grid.read': { zh: '查看网格', en: 'View grids' },
  'grid.manage': { zh: '维护网格', en: 'Maintain grids' },
  'case.report': { zh: '上报事件', en: 'Report events' },
  'case.read': { zh: '查看事件', en: 'View events' },
  'case.accept': { zh: '受理立案', en: 'Accept events' },
  'case.dispatch': { zh: '派遣', en: 'Dispatch events' },
  'case.handle': { zh: '处置', en: 'Handle events' },
  'case.supervise': { zh: '督办', en: 'Supervise events' },
  'case.verify': { zh: '核查', en: 'Verify handled events' },
  'case.close': { zh: '结案', en: 'Close events' },
  'case.void': { zh: '作废审批', en: 'Void events' },
  'case.whistle': { zh: '吹哨调度', en: 'Summon departments (whistle)' },
  'case.configure': { zh: '配置事件分类与流转', en: 'Configure categories, routing and calendar' },
  'ledger.read': { zh: '查看基础台账（脱敏）', en: 'View base-data ledgers (masked)' },
  'ledger.write': { zh: '维护基础台账', en: 'Maintain base-data ledgers' },
  'ledger.unmask': { zh: '查看个人信息明文', en: 'Show personal data in clear' },
  'ledger.special': { zh: '查看与管理特殊人群', en: 'View and manage special groups' },
  'ledger.break_glass': {
    zh: '特殊人群明文查看（破窗）',
    en: 'Show special-group members in clear (break glass)',
  },
  'ledger.export': { zh: '导入导出台账', en: 'Import and export ledgers' },
  'ledger.configure': {
    zh: '配置台账代码表与走访周期',
    en: 'Configure ledger code tables and visit policies',
  },
  'datakey.manage': { zh: '管理数据密钥轮换', en: 'Manage data-key rotation' },
  'patrol.record': { zh: '巡查（记录自己的轨迹）', en: 'Patrol (record one’s own track)' },
  'patrol.read': { zh: '查看巡查、轨迹与考勤', en: 'View patrols, tracks and compliance' },
  'patrol.configure': {
    zh: '配置巡查规则、必到点与定位终端',
    en: 'Configure patrol rules, check-in points and trackers',
  },
  'campaign.manage': { zh: '发起与管理专项行动', en: 'Run door-to-door campaigns' },
  'ledger.review': { zh: '审核采集的台账更正', en: 'Review ledger corrections collected in the field' },
  'assessment.read': { zh: '查看考核结果与排名', en: 'View assessment results and rankings' },
  'assessment.manage': {
    zh: '考核：配置方案、录入评议、计算与发布',
    en: 'Assessment: configure schemes, enter reviews, compute and publish',
  },
} as const

export type Permission = keyof typeof PERMISSIONS
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[]

export function isPermission(p: string): p is Permission {
  return Object.hasOwn(PERMISSIONS, p)
}

/**
 * The three administrators' duties (三员分立): no built-in role holds two of them, and no grant may
 * give one user two unless the deployment merges them (WANGGE_MERGED_ADMIN_ROLES).
 */
export const DUTIES = {
  system: ['user.manage'], // 系统管理员: accounts, grids, configuration
  security: ['role.manage', 'apikey.manage', 'grant.manage', 'datakey.manage'], // 安全管理员: roles, grants, keys
  audit: ['audit.read'], // 审计管理员: the audit log and its chain
} as const satisfies Record<string, readonly Permission[]>

/** The duties a set of permissions touches (`*` touches all). */
export function dutiesOf(permissions: readonly string[]): (keyof typeof DUTIES)[] {
  return (Object.keys(DUTIES) as (keyof typeof DUTIES)[]).filter((d) =>
    DUTIES[d].some((p) => permissions.includes(p) || permissions.includes('*')),
  )
}

const SECURITY_AND_AUDIT: readonly Permission[] = [...DUTIES.security, ...DUTIES.audit]

interface BuiltinRole {
  key: string
  zh: string
  en: string
  permissions: readonly Permission[]
}

/** Roles every deployment has; kept in step with this list at start-up. Administrators may add more. */
export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    key: 'admin',
    zh: '系统管理员',
    en: 'System administrator',
    permissions: ALL_PERMISSIONS.filter((p) => !SECURITY_AND_AUDIT.includes(p)),
  },
  {
    key: 'security_admin',
    zh: '安全管理员',
    en: 'Security administrator',
    permissions: ['user.read', 'role.manage', 'apikey.manage', 'grant.manage', 'datakey.manage'],
  },
  {
    key: 'audit_admin',
    zh: '审计管理员',
    en: 'Audit administrator',
    permissions: ['user.read', 'audit.read'],
  },
  {
    key: 'intake_clerk', // 受理员
    zh: '受理员',
    en: 'Intake clerk',
    permissions: ['grid.read', 'case.read', 'case.report', 'case.accept'],
  },
  {
    key: 'shift_lead', // 值班长
    zh: '值班长',
    en: 'Shift lead',
    permissions: [
      'grid.read',
      'case.read',
      'case.accept',
      'case.dispatch',
      'case.supervise',
      'case.close',
      'case.void',
      'user.read',
    ],
  },
  {
    key: 'dispatcher',
    zh: '派遣员',
    en: 'Dispatcher',
    permissions: ['grid.read', 'case.read', 'case.dispatch'],
  },
  {
    key: 'street_chief', // 街道(镇)负责人
    zh: '街道(镇)负责人',
    en: 'Street/town chief',
    // Holds what the roles it appoints hold: nobody can grant more than they have.
    permissions: [
      'grid.read',
      'grid.manage',
      'case.read',
      'case.report',
      'case.accept',
      'case.dispatch',
      'case.handle',
      'case.supervise',
      'case.verify',
      'case.close',
      'case.void',
      'case.whistle',
      'ledger.read',
      'ledger.write',
      'ledger.unmask',
      'ledger.special',
      'ledger.break_glass',
      'ledger.export',
      'patrol.record',
      'patrol.read',
      'patrol.configure',
      'ledger.review',
      'campaign.manage',
      'assessment.read',
      'assessment.manage',
      'user.read',
      'user.manage',
    ],
  },
  {
    key: 'community_chief', // 社区负责人
    zh: '社区负责人',
    en: 'Community chief',
    permissions: [
      'grid.read',
      'grid.manage',
      'case.read',
      'case.report',
      'case.accept',
      'case.dispatch',
      'case.handle',
      'case.supervise',
      'case.verify',
      'case.close',
      'ledger.read',
      'ledger.write',
      'ledger.unmask',
      'ledger.special',
      'ledger.break_glass',
      'ledger.export',
      'patrol.record',
      'patrol.read',
      'patrol.configure',
      'ledger.review',
      'campaign.manage',
      'assessment.read',
      'assessment.manage',
      'user.read',
      'user.manage',
    ],
  },
  {
    key: 'grid_instructor', // 网格指导员
    zh: '网格指导员',
    en: 'Grid instructor',
    permissions: [
      'grid.read',
      'case.read',
      'case.supervise',
      'ledger.read',
      'ledger.special',
      'patrol.read',
      'assessment.read',
    ],
  },
  {
    key: 'grid_worker', // 网格员
    zh: '网格员',
    en: 'Grid worker',
    permissions: [
      'grid.read',
      'case.read',
      'case.report',
      'case.handle',
      'case.verify',
      'ledger.read',
      'ledger.write',
      'ledger.unmask',
      'ledger.special',
      'ledger.export',
      'patrol.record',
    ],
  },
  {
    key: 'department_staff', // 职能部门工作人员
    zh: '部门工作人员',
    en: 'Department staff',
    permissions: ['case.read', 'case.handle'],
  },
  { key: 'resident', zh: '居民', en: 'Resident', permissions: ['case.report'] },
]

/** The built-in roles as a deployment runs them: with merged duties, `admin` holds everything again. */
export function builtinRoles(mergedAdminRoles: boolean): readonly BuiltinRole[] {
  if (!mergedAdminRoles) return BUILTIN_ROLES
  return BUILTIN_ROLES.map((r) => (r.key === 'admin' ? { ...r, permissions: ALL_PERMISSIONS } : r))
}
