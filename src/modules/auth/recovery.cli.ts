import type { Config } from '../../config'
import { dataKeyOf, openDatabase } from '../../server'
import { RecoveryError, resetPasswordOnMachine, resetSecondFactorOnMachine } from './recovery'
import { throttleSecretOf } from './throttle-keys'

const USAGE = 'usage: wangge user reset-password <username> | wangge user reset-second-factor <username>'

/** `wangge user reset-password|reset-second-factor <username>`: exit 0 done, 1 refused, 2 misused. */
export async function userCommand(args: string[], config: Config): Promise<number> {
  const [, action, username] = args
  if ((action !== 'reset-password' && action !== 'reset-second-factor') || !username) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const { database, release } = await openDatabase(config)
  const deps = { db: database.db, afterWrite: () => {} }
  try {
    if (action === 'reset-second-factor') {
      await resetSecondFactorOnMachine(deps, username)
      process.stdout.write(`${username}'s second factor is removed: they enrol again after signing in\n`)
      return 0
    }
    const secret = throttleSecretOf(dataKeyOf(config).key)
    const { password, disabled } = await resetPasswordOnMachine(deps, username, secret)
    process.stdout.write(
      `${username}'s new password (shown once; it must be changed at the next sign-in): ${password}\n` +
        `locks lifted, sessions ended${disabled ? `; the account is disabled: a user administrator must enable it` : ''}\n`,
    )
    return 0
  } catch (error) {
    if (!(error instanceof RecoveryError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 1
  } finally {
    await release()
  }
}
