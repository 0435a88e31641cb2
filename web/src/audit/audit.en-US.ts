import type { auditZhCN } from './audit.zh-CN'

/** English for the audit log. */
export const auditEnUS: typeof auditZhCN = {
  audit: {
    at: 'Time',
    actor: 'Actor',
    actorId: 'Actor ID',
    action: 'Action',
    any: 'Any',
    resource: 'Resource',
    resourceType: 'Resource type',
    resourceId: 'Resource ID',
    range: 'Time range',
    ip: 'IP',
    requestId: 'Request ID',
    sealed: 'Sealed',
    summary: 'Summary',
    loadMore: 'Load more',
    actions: {
      auth: {
        login: 'Sign-in',
        logout: 'Sign-out',
        password_change: 'Password change',
        second_factor_enabled: 'Two-step verification enabled',
        second_factor_failed: 'Wrong verification code',
        second_factor_reset: 'Two-step verification reset',
      },
      user: { create: 'User created', update: 'User changed', password_reset: 'Password reset' },
      role: {
        grant: 'Role granted',
        revoke_grant: 'Grant removed',
        create: 'Role created',
        update: 'Role changed',
        delete: 'Role deleted',
      },
      session: { revoke: 'Sessions ended' },
      apikey: { create: 'API key created', revoke: 'API key revoked' },
      category: { update: 'Category changed', create: 'Local category added', reset: 'Category reset' },
      route: { create: 'Routing rule added', delete: 'Routing rule deleted' },
      calendar: { set_day: 'Calendar day set', clear_day: 'Calendar day cleared' },
    },
  },
}
