import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { residentReport } from '../../../test/support/places'
import { queryRows } from '../../db/database'
import { localBus } from '../../lib/bus/bus'
import { dataCipher, newDataKey, parseDataKey } from '../../lib/crypto'
import { registerCaseNotices } from '../cases/cases.notify'
import { createOutboxDrainer } from '../outbox/outbox.drainer'
import type { MessageChannel } from './notify.channel'
import { createNotifyHub } from './notify.hub'
import { createNotifyService } from './notify.service'

const dataKey = newDataKey()
let t: TestApp
beforeAll(async () => {
  t = await testApp({ WANGGE_DATA_KEY: dataKey }, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie: string) =>
  t.call({ method: 'POST', url, cookie, payload })

/**
 * An SMS gateway that keeps what it took under each idempotency key (a real one sends a repeated key
 * once). `script` says what its next calls do: `down` refuses the message, `lost` takes it but the
 * reply never arrives, so the sender sees an error.
 */
function gateway(script: ('down' | 'lost')[]) {
  const taken = new Map<string, string[]>()
  const channel: MessageChannel = {
    async send(_ex, message, key) {
      const next = script.shift()
      if (next === 'down') throw new Error('the SMS gateway is down')
      taken.set(key, [...(taken.get(key) ?? []), message.text])
      if (next === 'lost') throw new Error('the SMS gateway did not answer')
    },
  }
  return { channel, taken }
}

/** The outbox drainer of one serving process with this channel: a new one is a restarted process. */
function processWith(channel: MessageChannel) {
  const drainer = createOutboxDrainer(t.database.db, t.app.log)
  const cipher = dataCipher(parseDataKey(dataKey) as Buffer)
  registerCaseNotices(drainer, createNotifyService(t.database.db, createNotifyHub(localBus())), {
    cipher,
    channel,
  })
  return drainer
}

/** Time passes: every retry waiting out its backoff comes due. */
const later = () =>
  t.database.db.execute(sql`update outbox set available_at = now() where delivered_at is null`)

let n = 0
/** A resident reports through the public form, leaving a phone number; the community chief accepts it. */
async function residentCase() {
  n += 1
  const p = await t.place(String(490100 + n), 30 + n)
  const no = await residentReport(t, p.point)
  const queue = (
    await t.call({ method: 'GET', url: '/api/cases?queue=to_accept', cookie: p.people.streetChief.cookie })
  )
    .json()
    .items.find((i: { no: string }) => i.no === no)
  const accepted = await post(
    `/api/cases/${queue.id}/actions/accept`,
    { version: queue.version },
    p.people.streetChief.cookie,
  )
  expect(accepted.statusCode, accepted.body).toBe(200)
  return { p, no: no as string, id: queue.id as string, version: accepted.json().version as number }
}

const inboxTitles = async (cookie: string, no: string) =>
  ((await t.call({ method: 'GET', url: '/api/notifications', cookie })).json().items as { titleZh: string }[])
    .map((i) => i.titleZh)
    .filter((title) => title.includes(no))

const messageRows = (no: string) =>
  queryRows<{
    id: string
    attempts: number
    last_error: string | null
    waiting: boolean
    delivered: boolean
  }>(
    t.database.db,
    sql`select id, attempts, last_error, available_at > now() as waiting, delivered_at is not null as delivered
      from outbox where topic = 'message.send' and payload->>'text' like ${`%${no}%`} order by created_at`,
  )

describe('messages to residents', () => {
  it('are retried on their own while the gateway is down, without writing the inbox twice', async () => {
    const { p, no } = await residentCase()
    const sms = gateway(['down'])
    const node = processWith(sms.channel)
    await node.drain()
    expect(sms.taken.size).toBe(0)
    const [waiting] = await messageRows(no)
    expect(waiting).toMatchObject({
      attempts: 1,
      last_error: 'the SMS gateway is down',
      waiting: true,
      delivered: false,
    })
    // The chief was told to dispatch, once, although the message did not go out.
    expect(await inboxTitles(p.people.streetChief.cookie, no)).toEqual([
      expect.stringContaining('事件待派遣'),
      expect.stringContaining('新事件待受理'),
    ])
    await later()
    await node.drain()
    expect([...sms.taken.entries()]).toEqual([[waiting?.id, [`【网格】您反映的事件 ${no} 已受理。`]]])
    expect(await inboxTitles(p.people.streetChief.cookie, no)).toHaveLength(2)
    expect(await messageRows(no)).toMatchObject([{ attempts: 2, delivered: true }])
  })

  it('reach the gateway once per notice and idempotency key when a delivery fails after it took the message, the inbox part fails, and the process restarts', async () => {
    const { p, no, id, version } = await residentCase()
    await post(`/api/cases/${id}/actions/dispatch`, { version }, p.people.streetChief.cookie)
    const sms = gateway(['lost'])
    const first = processWith(sms.channel)
    // The first process's inbox write fails for the dispatch every time it is tried.
    first.on('case.transition', async (_tx, payload) => {
      if (payload.action === 'dispatch') throw new Error('the inbox write failed')
      return undefined
    })
    await first.drain()
    // The accept message went out but its delivery failed; the dispatch message was undone with its inbox rows.
    expect((await messageRows(no)).map((m) => m.delivered)).toEqual([false])

    const restarted = processWith(sms.channel)
    await later()
    await restarted.drain()
    expect(await restarted.drain()).toBe(0)

    const rows = await messageRows(no)
    expect(rows.map((m) => m.delivered)).toEqual([true, true])
    // One key per notice; the gateway saw the accept message twice under its key and sent it once.
    expect([...sms.taken.keys()].sort()).toEqual(rows.map((m) => m.id).sort())
    expect(sms.taken.get(rows[0]?.id as string)).toEqual([
      `【网格】您反映的事件 ${no} 已受理。`,
      `【网格】您反映的事件 ${no} 已受理。`,
    ])
    expect(sms.taken.get(rows[1]?.id as string)).toEqual([`【网格】您反映的事件 ${no} 已派遣处置。`])
    expect(await inboxTitles(p.people.officer.cookie, no)).toEqual([
      expect.stringContaining('新派遣事件待处置'),
    ])
  })
})
