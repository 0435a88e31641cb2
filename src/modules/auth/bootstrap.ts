import { randomInt } from 'node:crypto'
import { systemContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { authRepo, scopeColumns } from './auth.repo'
import { hashPassword, passwordWeakness } from './password'

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
  if ((await authRepo.countUsers(deps.db)) > 0) return { created: false, generated: null }
  if (givenPassword) {
    const weakness = passwordWeakness(givenPassword)
    if (weakness) throw new Error(`invalid configuration: WANGGE_ADMIN_PASSWORD is too weak: ${weakness}`)
  }
  const password = givenPassword ?? generatePassword()
  const admin = await authRepo.findRoleByKey(deps.db, 'admin')
  if (!admin) throw new Error('the built-in roles must be synced before the administrator is created')
  const id = uuidv7()
  const passwordHash = await hashPassword(password)
  try {
    await inTransaction(deps, async (tx) => {
      // A generated password has been printed (and may sit in a terminal's or journal's history).
      await authRepo.insertUser(tx, {
        id,
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: !givenPassword,
      })
      await authRepo.insertGrant(tx, {
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
    if ((await authRepo.countUsers(deps.db)) > 0) return { created: false, generated: null }
    throw error
  }
  return { created: true, generated: givenPassword ? null : password }
}
