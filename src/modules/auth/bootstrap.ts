import { randomInt } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/database'
import { systemContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { mixesDuties } from './auth.policy'
import { hashPassword, passwordWeakness } from './password'
import { grantsRepo, rolesRepo, scopeColumns } from './roles.repo'
import { usersRepo } from './users.repo'

const ROOT = { type: 'grid', path: '' } as const

const CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@!?']

/** A 16-character password with every character class (no look-alike characters). */
export function generatePassword(): string {
  const all = CLASSES.join('')
  const chars = CLASSES.map((c) => c[randomInt(c.length)])
  while (chars.length < 16) chars.push(all[randomInt(all.length)])
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}

/**
 * On an empty database, creates the administrator `admin` with the whole-deployment admin role.
 * Returns the password when it was generated (to print once), null when one was given or users exist.
 */
export async function ensureAdmin(
  deps: ServiceDeps,
  givenPassword?: string,
): Promise<{ created: boolean; generated: string | null }> {
  if ((await usersRepo.count(deps.db)) > 0) return { created: false, generated: null }
  if (givenPassword) {
    // A weak configured password stops the first start (it would be the deployment's master key).
    const weakness = passwordWeakness(givenPassword, ['admin'])
    if (weakness)
      throw new Error(
        `invalid configuration: WANGGE_ADMIN_PASSWORD is too weak (${weakness.reason}${weakness.warning ? `: ${weakness.warning}` : ''})`,
      )
  }
  const password = givenPassword ?? generatePassword()
  const admin = await rolesRepo.findByKey(deps.db, 'admin')
  if (!admin) throw new Error('the built-in roles must be synced before the administrator is created')
  const id = uuidv7()
  const passwordHash = await hashPassword(password)
  try {
    await inTransaction(deps, async (tx) => {
      // A generated password has been printed (and may sit in a terminal's or journal's history).
      await usersRepo.insert(tx, {
        id,
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: !givenPassword,
      })
      await grantsRepo.insert(tx, {
        id: uuidv7(),
        userId: id,
        roleId: admin.id,
        ...scopeColumns({ type: 'grid', path: '' }),
      })
      await recordAudit(tx, systemContext('bootstrap'), {
        action: 'user.create',
        resourceType: 'user',
        resourceId: id,
        summary: { username: 'admin', grants: [{ role: 'admin', grid: '' }] },
      })
    })
  } catch (error) {
    // Two nodes starting on one empty database: the other one created the administrator.
    if ((await usersRepo.count(deps.db)) > 0) return { created: false, generated: null }
    throw error
  }
  return { created: true, generated: givenPassword ? null : password }
}

/** The administrators besides `admin` (三员分立), created when missing: on a first start and on the upgrade that splits the duties. */
export const DUTY_ADMINS = [
  { role: 'security_admin', username: 'secadmin', displayName: '安全管理员' },
  { role: 'audit_admin', username: 'auditadmin', displayName: '审计管理员' },
] as const

/**
 * Creates the security or audit administrator when no user holds that role over the whole
 * deployment (and the username is free). Returns the password when it was generated (to print once).
 */
export async function ensureDutyAdmin(
  deps: ServiceDeps,
  who: (typeof DUTY_ADMINS)[number],
  givenPassword?: string,
): Promise<{ created: boolean; generated: string | null; skipped?: string }> {
  const none = { created: false, generated: null }
  const role = await rolesRepo.findByKey(deps.db, who.role)
  if (!role) throw new Error('the built-in roles must be synced before the administrators are created')
  if ((await grantsRepo.countRootHolders(deps.db, role.id)) > 0) return none
  if (await usersRepo.findByUsername(deps.db, who.username))
    return {
      ...none,
      skipped: `the username ${who.username} is taken by a user who is not the ${who.role} over the whole deployment: grant that role to someone by hand`,
    }
  if (givenPassword) {
    const weakness = passwordWeakness(givenPassword, [who.username])
    if (weakness)
      throw new Error(
        `invalid configuration: the password of ${who.username} is too weak (${weakness.reason})`,
      )
  }
  const password = givenPassword ?? generatePassword()
  const id = uuidv7()
  const passwordHash = await hashPassword(password)
  try {
    await inTransaction(deps, async (tx) => {
      await usersRepo.insert(tx, {
        id,
        username: who.username,
        displayName: who.displayName,
        passwordHash,
        mustChangePassword: !givenPassword,
      })
      await grantsRepo.insert(tx, { id: uuidv7(), userId: id, roleId: role.id, ...scopeColumns(ROOT) })
      await recordAudit(tx, systemContext('bootstrap'), {
        action: 'user.create',
        resourceType: 'user',
        resourceId: id,
        summary: { username: who.username, grants: [{ role: who.role, grid: '' }] },
      })
    })
  } catch (error) {
    // Two nodes starting at once: the other one created it.
    if (await usersRepo.findByUsername(deps.db, who.username))
      return {
        ...none,
        skipped: `the username ${who.username} is taken by a user who is not the ${who.role} over the whole deployment: grant that role to someone by hand`,
      }
    throw error
  }
  return { created: true, generated: givenPassword ? null : password }
}

/**
 * Users and live API keys that already carry two administrators' duties (custom roles and grants
 * from before the split): the start warns about them, and keeps running so the upgrade completes.
 */
export async function mixedDutyHolders(deps: ServiceDeps): Promise<{ users: string[]; apiKeys: string[] }> {
  const held = sql`(select array_agg(distinct perm) from role_grants g join roles r on r.id = g.role_id,
    unnest(r.permissions) as perm where g.user_id = u.id)`
  const users = await queryRows<{ name: string; holds: string[] | null }>(
    deps.db,
    sql`select u.username as name, ${held} as holds from users u`,
  )
  const keys = await queryRows<{ name: string; holds: string[] | null; own: string[] }>(
    deps.db,
    sql`select k.name, ${held} as holds, r.permissions as own from api_keys k join roles r on r.id = k.role_id
      left join users u on u.id = k.created_by where k.revoked_at is null`,
  )
  return {
    users: users.filter((u) => mixesDuties(u.holds ?? [])).map((u) => u.name),
    apiKeys: keys.filter((k) => mixesDuties([...(k.holds ?? []), ...k.own])).map((k) => k.name),
  }
}
