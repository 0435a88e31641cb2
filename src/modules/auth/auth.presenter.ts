import type { ApiKeyRow } from './apikeys.repo'
import type { ApiKeyView, DeviceView, Me, RoleView, UserView } from './auth.schema'
import type { GrantView, RoleRow } from './roles.repo'
import type { UserRow } from './users.repo'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

export function toMe(
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'mustChangePassword'>,
  grants: GrantView[],
  secondFactor: Me['secondFactor'],
): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    grants,
    permissions: [...new Set(grants.flatMap((g) => g.permissions))].sort(),
    secondFactor,
  }
}

export function toDeviceView(
  row: {
    id: string
    deviceName: string | null
    createdAt: Date
    lastSeenAt: Date
    expiresAt: Date
    userAgent: string | null
  },
  currentSessionId: string | undefined,
): DeviceView {
  return {
    id: row.id,
    name: row.deviceName ?? '',
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    current: row.id === currentSessionId,
  }
}

export function toUserView(user: UserRow, grants: GrantView[], liveSessions: number): UserView {
  const locked = user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil : null
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    status: user.status as UserView['status'],
    mustChangePassword: user.mustChangePassword,
    lockedUntil: iso(locked),
    createdAt: user.createdAt.toISOString(),
    grants,
    liveSessions,
  }
}

export function toRoleView(role: RoleRow): RoleView {
  return {
    id: role.id,
    key: role.key,
    nameZh: role.nameZh,
    nameEn: role.nameEn,
    permissions: role.permissions,
    builtin: role.builtin,
  }
}

export function toApiKeyView(key: ApiKeyRow & { roleKey: string }, scope: ApiKeyView['scope']): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    roleId: key.roleId,
    roleKey: key.roleKey,
    scope,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    revokedAt: iso(key.revokedAt),
  }
}
