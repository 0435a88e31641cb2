import type { NotifyService } from '../notify/notify.service'
import type { OutboxDrainer } from '../outbox/outbox.drainer'
import { throttleRepo } from './login-throttle.repo'

/** Who hears of an account-wide lock: the administrators over the whole deployment. */
const TOLD_OF_LOCKS = ['user.manage', 'role.manage', 'audit.read'] as const

/** Tells the administrators, through their inbox, that an account was locked by failures from many sources. */
export function registerAuthNotices(drainer: OutboxDrainer, notify: NotifyService) {
  drainer.on('auth.account_locked', async (tx, p) => {
    const admins = await throttleRepo.deploymentHolders(tx, TOLD_OF_LOCKS)
    const username = String(p.username)
    return notify.send(tx, admins, {
      kind: 'auth.account_locked',
      subject: { userId: String(p.userId), until: String(p.until), sources: Number(p.sources) },
      titleZh: `账户 ${username} 遭多个来源密码猜测，已临时锁定`,
      titleEn: `Account ${username} locked after password guesses from many sources`,
    })
  })
}
