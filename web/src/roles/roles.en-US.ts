import type { rolesZhCN } from './roles.zh-CN'

/** English for the role pages. */
export const rolesEnUS: typeof rolesZhCN = {
  roles: {
    key: 'Key',
    keyHelp: 'Lower-case letters, digits and _, starting with a letter; cannot change later',
    name: 'Name',
    nameZh: 'Chinese name',
    nameEn: 'English name',
    permissions: 'Permissions',
    kind: 'Kind',
    builtin: 'Built-in',
    custom: 'Custom',
    create: 'New role',
    edit: 'Edit role',
    saved: 'Role saved',
    deleted: 'Role deleted',
    deleteConfirm: 'Delete this role?',
  },
}
