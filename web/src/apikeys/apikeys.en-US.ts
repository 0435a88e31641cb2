import type { apikeysZhCN } from './apikeys.zh-CN'

/** English for the API key page. */
export const apikeysEnUS: typeof apikeysZhCN = {
  apikeys: {
    name: 'Name',
    nameHelp: 'Say who calls with it, e.g. “12345 hotline link”',
    prefix: 'Prefix',
    role: 'Role',
    createdAt: 'Created',
    lastUsedAt: 'Last used',
    status: 'Status',
    active: 'Active',
    revokedAt: 'Revoked {{time}}',
    create: 'New API key',
    createdTitle: 'API key “{{name}}” created',
    onceWarning: 'The key is shown this once and never again: copy it now and keep it safe',
    copy: 'Copy',
    copied: 'Copied',
    saved: 'I have saved it',
    revoke: 'Revoke',
    revokeConfirm: 'Systems using this key will lose access. Revoke?',
    revoked: 'API key revoked',
  },
}
