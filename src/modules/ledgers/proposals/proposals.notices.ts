import type { Executor } from '../../../db/database'
import type { NotifyService } from '../../notify/notify.service'
import type { OutboxDrainer } from '../../outbox/outbox.drainer'
import { proposalsRepo } from './proposals.repo'

/** The outbox topic of a decided proposal: its proposer is told in the inbox. */
export const PROPOSAL_DECIDED = 'ledger.proposal_decided'

const KIND = { person: ['实有人口', 'person'], household: ['户', 'household'] } as const

/** Tells the proposer that their correction was approved, or rejected and why. */
export function registerProposalNotices(drainer: OutboxDrainer, notify: NotifyService) {
  drainer.on(PROPOSAL_DECIDED, async (tx: Executor, p) => {
    const row = await proposalsRepo.one(tx, String(p.proposalId))
    if (!row || (row.state !== 'approved' && row.state !== 'rejected')) return undefined
    const [zh, en] = KIND[row.kind]
    const approved = row.state === 'approved'
    return notify.send(tx, [row.proposed_by], {
      kind: PROPOSAL_DECIDED,
      subject: { proposalId: row.id, kind: row.kind, targetId: row.target_id, state: row.state },
      titleZh: approved
        ? `台账更正已通过（${zh}），${row.decider_name ?? ''}审核`
        : `台账更正被退回（${zh}）：${row.reason ?? ''}`,
      titleEn: approved
        ? `Your ${en} correction was approved by ${row.decider_name ?? ''}`
        : `Your ${en} correction was returned: ${row.reason ?? ''}`,
    })
  })
}
