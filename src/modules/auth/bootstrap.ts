import { randomInt } from 'node:crypto'
import { systemContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { mixesDuties } from './auth.policy'
import { hashPassword, type PasswordWeakness, passwordWeakness } from './password'
import { grantsRepo, type RoleRow, rolesRepo, scopeColumns } from './roles.repo'
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

type Created = { created: boolean; generated: string | null; skipped?: string }

const NONE = { created: false, generated: null }

/** A configured password must be strong: it opens an administrator's account from the first start. */
function assertGivenStrong(
  givenPassword: string | undefined,
  username: string,
  tooWeak: (weakness: PasswordWeakness) => string,
) {
  if (!givenPassword) return
  const weakness = passwordWeakness(givenPassword, [username])
  if (weakness) throw new Error(`invalid configuration: ${tooWeak(weakness)}`)
}

async function builtinRole(deps: ServiceDeps, key: string, missing: string): Promise<RoleRow> {
  const role = await rolesRepo.findByKey(deps.db, key)
  if (!role) throw new Error(missing)
  return role
}

/**
 * Creates a user holding `role` over the whole deployment, audited as the start-up. A generated
 * password is returned to print once, and has to be changed at the first sign-in (it may sit in a
 * terminal's or journal's history).
 */
async function createRootAdministrator(
  deps: ServiceDeps,
  who: { username: string; displayName: string; role: RoleRow },
  givenPassword: string | undefined,
): Promise<Created> {
  const password = givenPassword ?? generatePassword()
  const id = uuidv7()
  const passwordHash = await hashPassword(password)
  await inTransaction(deps, async (tx) => {
    await usersRepo.insert(tx, {
      id,
      username: who.username,
      displayName: who.displayName,
      passwordHash,
      mustChangePassword: !givenPassword,
    })
    await grantsRepo.insert(tx, { id: uuidv7(), userId: id, roleId: who.role.id, ...scopeColumns(ROOT) })
    await recordAudit(tx, systemContext('bootstrap'), {
      action: 'user.create',
      resourceType: 'user',
      resourceId: id,
      summary: { username: who.username, grants: [{ role: who.role.key, grid: '' }] },
    })
  })
  return { created: true, generated: givenPassword ? null : password }
}

/**
 * On an empty database, creates the administrator `admin` with the whole-deployment admin role.
 * Returns the password when it was generated (to print once), null when one was given or users exist.
 */
export async function ensureAdmin(deps: ServiceDeps, givenPassword?: string): Promise<Created> {
  if ((await usersRepo.count(deps.db)) > 0) return NONE
  // A weak configured password stops the first start (it would be the deployment's master key).
  assertGivenStrong(
    givenPassword,
    'admin',
    (w) => `WANGGE_ADMIN_PASSWORD is too weak (${w.reason}${w.warning ? `: ${w.warning}` : ''})`,
  )
  const role = await builtinRole(
    deps,
    'admin',
    'the built-in roles must be synced before the administrator is created',
  )
  try {
    return await createRootAdministrator(
      deps,
      { username: 'admin', displayName: '系统管理员', role },
      givenPassword,
    )
  } catch (error) {
    // Two nodes starting on one empty database: the other one created the administrator.
    if ((await usersRepo.count(deps.db)) > 0) return NONE
    throw error
  }
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
): Promise<Created> {
  const role = await builtinRole(
    deps,
    who.role,
    'the built-in roles must be synced before the administrators are created',
  )
  if ((await grantsRepo.countRootHolders(deps.db, role.id)) > 0) return NONE
  const taken = {
    ...NONE,
    skipped: `the username ${who.username} is taken by a user who is not the ${who.role} over the whole deployment: grant that role to someone by hand`,
  }
  if (await usersRepo.findByUsername(deps.db, who.username)) return taken
  assertGivenStrong(
    givenPassword,
    who.username,
    (w) => `the password of ${who.username} is too weak (${w.reason})`,
  )
  try {
    return await createRootAdministrator(deps, { ...who, role }, givenPassword)
  } catch (error) {
    // Two nodes starting at once: the other one created it.
    if (await usersRepo.findByUsername(deps.db, who.username)) return taken
    throw error
  }
}

/**
 * Users and live API keys that already carry two administrators' duties (custom roles and grants
 * from before the split): the start warns about them, and keeps running so the upgrade completes.
 */
export async function mixedDutyHolders(deps: ServiceDeps): Promise<{ users: string[]; apiKeys: string[] }> {
  const users = await grantsRepo.permissionsOfUsers(deps.db)
  const keys = await grantsRepo.permissionsOfLiveKeys(deps.db)
  return {
    users: users.filter((u) => mixesDuties(u.holds)).map((u) => u.name),
    apiKeys: keys.filter((k) => mixesDuties([...k.holds, ...k.own])).map((k) => k.name),
  }
}
