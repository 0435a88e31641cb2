import type { Executor } from '../../db/database'
import { openContact, reachable } from '../../lib/contact'
import type { DataCipher } from '../../lib/crypto'
import { nearestHolders } from '../auth/holders'
import type { Permission } from '../auth/permissions'
import { type MessageChannel, queueMessage, registerMessageChannel } from '../notify/notify.channel'
import type { Notice, NotifyService } from '../notify/notify.service'
import type { OutboxDrainer } from '../outbox/outbox.drainer'
import { loopRepo } from './cases.loop.repo'
import { type CaseRow, casesRepo } from './cases.repo'

type Audience = 'owner' | 'ground' | 'reporter' | 'participants'

/** Who must act next after each step, and what they are told (zh / en). */
const NEXT: Record<string, { to: Audience; permission: Permission; zh: string; en: string }[]> = {
  report: [{ to: 'owner', permission: 'case.accept', zh: '新事件待受理', en: 'New event to accept' }],
  accept: [
    { to: 'owner', permission: 'case.dispatch', zh: '事件待派遣', en: 'Event to dispatch' },
    { to: 'reporter', permission: 'case.report', zh: '您反映的事件已受理', en: 'Your report was accepted' },
  ],
  dispatch: [
    { to: 'ground', permission: 'case.handle', zh: '新派遣事件待处置', en: 'Event dispatched to you' },
    {
      to: 'reporter',
      permission: 'case.report',
      zh: '您反映的事件已派遣处置',
      en: 'Your report was dispatched',
    },
  ],
  whistle: [
    { to: 'participants', permission: 'case.handle', zh: '吹哨：请按时报到', en: 'Summoned: report in' },
  ],
  return: [
    {
      to: 'owner',
      permission: 'case.dispatch',
      zh: '事件被回退，请重新派遣',
      en: 'Event returned: dispatch again',
    },
  ],
  escalate: [
    { to: 'owner', permission: 'case.dispatch', zh: '提级事件待办理', en: 'Escalated event to take up' },
  ],
  handle: [
    { to: 'ground', permission: 'case.verify', zh: '事件已处置，待核查', en: 'Event handled: verify it' },
    { to: 'reporter', permission: 'case.report', zh: '您反映的事件已处置', en: 'Your report was handled' },
  ],
  verify: [
    { to: 'owner', permission: 'case.close', zh: '事件已核查，待结案', en: 'Event verified: close it' },
  ],
  close: [
    { to: 'reporter', permission: 'case.report', zh: '您反映的事件已办结', en: 'Your report was closed' },
  ],
  extend: [{ to: 'owner', permission: 'case.dispatch', zh: '延期申请待审批', en: 'Extension to decide' }],
  decide_extension: [
    { to: 'ground', permission: 'case.handle', zh: '延期申请已审批', en: 'Extension decided' },
  ],
  supervise: [{ to: 'ground', permission: 'case.handle', zh: '收到督办', en: 'Supervision notice' }],
}

const GRADES = {
  normal: { zh: '督办提醒', en: 'Supervision notice' },
  yellow: { zh: '黄牌督办', en: 'Yellow card' },
  red: { zh: '红牌督办', en: 'Red card' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Rework (a failed verification, a bad rating) goes back to whoever handled it. */
const REWORK = {
  to: 'ground' as const,
  permission: 'case.handle' as Permission,
  zh: '事件需返工',
  en: 'Event sent back for rework',
}

async function audience(ex: Executor, row: CaseRow, to: Audience, permission: Permission): Promise<string[]> {
  // The reporter and whoever said "me too".
  if (to === 'reporter')
    return [...(row.reporter_id ? [row.reporter_id] : []), ...(await casesRepo.followerUsers(ex, row.id))]
  if (to === 'participants') {
    const lists = await Promise.all(
      row.participants.map((d) => nearestHolders(ex, permission, { departmentId: d })),
    )
    return lists.flat()
  }
  // Verifiers are grid staff, even when a department handled the case.
  if (to === 'ground' && row.department_id && permission !== 'case.verify')
    return nearestHolders(ex, permission, { departmentId: row.department_id })
  const path = to === 'ground' ? row.grid_path : row.owner_path
  return nearestHolders(ex, permission, { gridPath: path ?? '' })
}

/** Who an audience is, as far as it depends on the case: the same key, the same people. */
function audienceKey(row: CaseRow, to: Audience, permission: Permission): string {
  if (to === 'reporter' || to === 'participants') return `${to}|${permission}|${row.id}`
  if (to === 'ground' && row.department_id && permission !== 'case.verify')
    return `department|${permission}|${row.department_id}`
  return `grid|${permission}|${to === 'ground' ? row.grid_path : row.owner_path}`
}

/** What a resident without an account is told, by the channel, at the steps they care about. */
const TO_RESIDENT: Record<string, { zh: string }> = {
  accept: { zh: '已受理' },
  dispatch: { zh: '已派遣处置' },
  handle: { zh: '已处置，待核查' },
  close: { zh: '已办结，欢迎评价' },
}

/** The resident's stored (encrypted) contact, when it holds somewhere to write to. */
async function residentContact(ex: Executor, caseId: string, cipher: DataCipher): Promise<string | null> {
  const stored = await casesRepo.reporterContact(ex, caseId)
  if (!stored) return null
  return reachable(openContact(cipher, stored)) ? stored : null
}

/**
 * A whistled department late to report in 报到: its staff get a yellow card of their own, and the
 * lead department, which waits for it, is told who is missing.
 */
async function tellLateReportIn(ex: Executor, notify: NotifyService, row: CaseRow, departmentId: string) {
  const departments = await loopRepo.lateAndLead(ex, row.id, departmentId)
  const late = departments.find((d) => d.id === departmentId)
  if (!late) return undefined
  const subject = { caseId: row.id, no: row.no, grade: 'yellow', stage: 'report_in', department: late.code }
  const pushes = [
    await notify.send(ex, await nearestHolders(ex, 'case.handle', { departmentId }), {
      kind: 'case.supervised',
      subject,
      titleZh: `${GRADES.yellow.zh}：${row.no} ${row.category_zh}（未按时报到）`,
      titleEn: `${GRADES.yellow.en}: ${row.no} ${row.category_en} (late to report in)`,
    }),
  ]
  const lead = departments.find((d) => d.role === 'lead' && d.id !== departmentId)
  if (lead)
    pushes.push(
      await notify.send(ex, await nearestHolders(ex, 'case.handle', { departmentId: lead.id }), {
        kind: 'case.supervised',
        subject,
        titleZh: `协办部门未按时报到：${row.no} ${late.name}`,
        titleEn: `Department late to report in: ${row.no} ${late.name}`,
      }),
    )
  return () => {
    for (const push of pushes) push()
  }
}

/** Tells people about cases from the outbox, so a step is announced once it is committed, and never lost. */
export function registerCaseNotices(
  drainer: OutboxDrainer,
  notify: NotifyService,
  outside: { cipher: DataCipher; channel: MessageChannel },
) {
  registerMessageChannel(drainer, outside)
  // The resident's message is queued as an outbox row of its own, in the same savepoint as the inbox
  // rows below: if they fail, the queued message is undone with them and queued once on the retry.
  drainer.on('case.transition', async (tx, p) => {
    const step = TO_RESIDENT[String(p.action)]
    if (!step) return undefined
    const to = await residentContact(tx, String(p.caseId), outside.cipher)
    if (to) await queueMessage(tx, { to, text: `【网格】您反映的事件 ${String(p.no)} ${step.zh}。` })
    return undefined
  })
  /**
   * Tells whoever must act next of each step of a run of messages: the cases read in one statement,
   * each audience looked up once per run (many reports share their owning grid), the notices
   * written in one statement.
   */
  const tell = async (ex: Executor, steps: { caseId: string; action: string; toState: string }[]) => {
    const rows = new Map(
      (
        await casesRepo.findAll(
          ex,
          steps.map((s) => s.caseId),
        )
      ).map((r) => [r.id, r]),
    )
    const audiences = new Map<string, Promise<string[]>>()
    const items: { userIds: string[]; notice: Notice }[] = []
    for (const { caseId, action, toState } of steps) {
      const row = rows.get(caseId)
      if (!row) continue
      for (const step of toState === 'reopened' ? [REWORK] : (NEXT[action] ?? [])) {
        const key = audienceKey(row, step.to, step.permission)
        let users = audiences.get(key)
        if (!users) {
          users = audience(ex, row, step.to, step.permission)
          audiences.set(key, users)
        }
        items.push({
          userIds: await users,
          notice: {
            kind: `case.${action}`,
            subject: { caseId, no: row.no, state: row.state },
            titleZh: `${step.zh}：${row.no} ${row.category_zh}`,
            titleEn: `${step.en}: ${row.no} ${row.category_en}`,
          },
        })
      }
    }
    return notify.sendEach(ex, items)
  }
  drainer.on('case.supervised', async (tx, p) => {
    const row = await casesRepo.find(tx, String(p.caseId))
    if (!row) return undefined
    if (p.departmentId) return tellLateReportIn(tx, notify, row, String(p.departmentId))
    const grade = String(p.grade)
    const label = GRADES[grade as keyof typeof GRADES] ?? GRADES.normal
    const stageOwner = p.stage === 'accept' ? 'owner' : 'ground'
    const handlers = await audience(tx, row, stageOwner, p.stage === 'accept' ? 'case.accept' : 'case.handle')
    const heads = p.toHead ? await audience(tx, row, 'owner', 'case.supervise') : []
    return notify.send(tx, [...handlers, ...heads], {
      kind: 'case.supervised',
      subject: { caseId: row.id, no: row.no, grade, stage: p.stage },
      titleZh: `${label.zh}：${row.no} ${row.category_zh}`,
      titleEn: `${label.en}: ${row.no} ${row.category_en}`,
    })
  })
  drainer.onBatch('case.reported', (tx, messages) =>
    tell(
      tx,
      messages.map((m) => ({ caseId: String(m.payload.caseId), action: 'report', toState: 'reported' })),
    ),
  )
  drainer.onBatch('case.transition', (tx, messages) =>
    tell(
      tx,
      messages.map((m) => ({
        caseId: String(m.payload.caseId),
        action: String(m.payload.action),
        toState: String(m.payload.to),
      })),
    ),
  )
}
