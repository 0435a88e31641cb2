import { systemContext } from '../../lib/context'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { generatePassword } from './bootstrap'
import { throttleRepo } from './login-throttle.repo'
import { hashPassword } from './password'
import { secondFactorRepo } from './second-factor.repo'
import { sessionsRepo } from './sessions.repo'
import { throttleAccountKey } from './throttle-keys'
import { usersRepo } from './users.repo'

/**
 * Account recovery on the machine (`wangge user …`), for the users nobody in the product can help:
 * an administrator who lost their password or phone, or every administrator locked out at once.
 * Whoever runs it holds the server's configuration and database already, so it asks for no sign-in;
 * each use is audited as the command line.
 */
export class RecoveryError extends Error {}

const CLI = systemContext('cli')

async function userNamed(deps: ServiceDeps, username: string) {
  const user = await usersRepo.findByUsername(deps.db, username)
  if (!user) throw new RecoveryError(`no user is named ${username}`)
  return user
}

/**
 * Gives the user a new generated password (to print once) that must be changed at the next
 * sign-in, lifts the account's locks and waits, and ends its sessions.
 */
export async function resetPasswordOnMachine(
  deps: ServiceDeps,
  username: string,
  throttleSecret: Buffer,
): Promise<{ password: string; disabled: boolean }> {
  const user = await userNamed(deps, username)
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  await inTransaction(deps, async (tx) => {
    await usersRepo.update(tx, user.id, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: new Date(),
      lockedUntil: null,
    })
    await throttleRepo.clear(tx, throttleAccountKey(throttleSecret, user.username))
    const revoked = await sessionsRepo.revokeOfUser(tx, user.id)
    await recordAudit(tx, CLI, {
      action: 'user.password_reset',
      resourceType: 'user',
      resourceId: user.id,
      summary: { sessionsRevoked: revoked },
    })
  })
  return { password, disabled: user.status !== 'active' }
}

/** Removes the user's second factor (a lost phone): they enrol again after signing in. */
export async function resetSecondFactorOnMachine(deps: ServiceDeps, username: string): Promise<void> {
  const user = await userNamed(deps, username)
  await inTransaction(deps, async (tx) => {
    if (!(await secondFactorRepo.remove(tx, user.id)))
      throw new RecoveryError(`${username} has no second factor`)
    await recordAudit(tx, CLI, {
      action: 'auth.second_factor_reset',
      resourceType: 'user',
      resourceId: user.id,
    })
  })
}
