import type { Db } from '../../src/db/database'
import type { Scope } from '../../src/lib/context'
import { uuidv7 } from '../../src/lib/ids'
import { hashPassword } from '../../src/modules/auth/password'
import { grantsRepo, rolesRepo, scopeColumns } from '../../src/modules/auth/roles.repo'
import { usersRepo } from '../../src/modules/auth/users.repo'

export const DEFAULT_PASSWORD = 'Test#2026pass'
let counter = 0

/** Factories: each builds just what a test needs, with unique names, straight through the repositories. */
export function makers(db: Db) {
  return {
    async user(
      opts: {
        username?: string
        password?: string
        roles?: { key: string; scope?: Scope }[]
        status?: 'active' | 'disabled'
      } = {},
    ) {
      counter += 1
      const username = opts.username ?? `user${counter}_${Date.now().toString(36)}`
      const id = uuidv7()
      const password = opts.password ?? DEFAULT_PASSWORD
      await usersRepo.insert(db, {
        id,
        username,
        displayName: `测试用户${counter}`,
        passwordHash: await hashPassword(password),
        status: opts.status ?? 'active',
      })
      for (const r of opts.roles ?? []) {
        const role = await rolesRepo.findByKey(db, r.key)
        if (!role) throw new Error(`no role ${r.key}`)
        await grantsRepo.insert(db, {
          id: uuidv7(),
          userId: id,
          roleId: role.id,
          ...scopeColumns(r.scope ?? { type: 'grid', path: '' }),
        })
      }
      return { id, username, password }
    },
    async role(key: string) {
      const role = await rolesRepo.findByKey(db, key)
      if (!role) throw new Error(`no role ${key}`)
      return role
    },
  }
}
