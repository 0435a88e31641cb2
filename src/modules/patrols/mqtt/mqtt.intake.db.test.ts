import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { connectAsync } from 'mqtt'
import pino from 'pino'
import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { buildApp } from '../../../app'
import { loadConfig } from '../../../config'
import { queryRows } from '../../../db/database'
import { systemContext } from '../../../lib/context'
import { finishPatrol } from '../patrol.finish'
import { createTrackersService } from '../trackers.service'
import { createMqttIntake, isTransient, type MqttIntake, parseMessage } from './mqtt.intake'

// The broker the deployment runs (Mosquitto); CI sets TEST_MQTT_URL after starting it.
const BROKER = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883'

async function reachable(url: string): Promise<boolean> {
  try {
    const probe = await connectAsync(url, { connectTimeout: 2_000, reconnectPeriod: 0 })
    await probe.endAsync()
    return true
  } catch {
    return false
  }
}

const brokerUp = await reachable(BROKER)
if (!brokerUp) console.warn(`MQTT intake tests skipped: no broker answers at ${BROKER} (set TEST_MQTT_URL)`)

const NOW = new Date('2026-12-06T10:00:00+08:00')
const silent = pino({ level: 'silent' })

describe('parsing a tracker message', () => {
  const ok = Buffer.from(
    JSON.stringify({ points: [{ seq: 1, t: '2026-12-06T09:00:00+08:00', lon: 104, lat: 30 }] }),
  )
  it('reads the code from the topic and the points from the payload', () => {
    expect(parseMessage('wangge/trackers/IMEI-1/points', ok)).toMatchObject({ code: 'IMEI-1' })
  })
  it.each([
    ['another topic', 'wangge/trackers/IMEI-1/status', ok],
    ['a payload that is no JSON', 'wangge/trackers/IMEI-1/points', Buffer.from('{points:')],
    ['no points', 'wangge/trackers/IMEI-1/points', Buffer.from('{"points":[]}')],
    [
      'a point without a time',
      'wangge/trackers/IMEI-1/points',
      Buffer.from('{"points":[{"seq":1,"lon":104,"lat":30}]}'),
    ],
  ])('answers a problem for %s', (_name, topic, payload) => {
    expect(parseMessage(topic, payload)).toHaveProperty('problem')
  })
})

describe('a write that failed', () => {
  it.each([
    [
      'a lost connection (no SQLSTATE)',
      Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' }),
      true,
    ],
    ['the server shutting down (57P01)', Object.assign(new Error('terminating'), { code: '57P01' }), true],
    [
      'a serialization failure, wrapped (40001)',
      new Error('query failed', { cause: { code: '40001' } }),
      true,
    ],
    [
      'a value the column refuses (22003)',
      Object.assign(new Error('out of range'), { code: '22003' }),
      false,
    ],
    ['a missing partition (23514)', Object.assign(new Error('no partition'), { code: '23514' }), false],
  ])('is tried again for %s: %s', (_name, error, again) => {
    expect(isTransient(error)).toBe(again)
  })
})

describe.skipIf(!brokerUp)(`the MQTT intake through the broker at ${BROKER}`, () => {
  let t: TestApp
  let place: StaffedPlace
  const consumers: MqttIntake[] = []
  const metrics = [new Registry(), new Registry()]
  // A share group of this run's own: another run on the same broker gets its own copy of the stream.
  const group = `wangge-test-${randomBytes(4).toString('hex')}`
  const codes: string[] = []
  const ids: string[] = []

  beforeAll(async () => {
    t = await testApp({}, { clock: () => NOW })
    await t.app.trackPartitions.run()
    place = await t.place('730201', 30)
    const admin = await t.as([{ key: 'admin' }])
    for (let i = 0; i < 3; i++) {
      const code = `MQ-${group}-${i}`
      const created = await t.call({
        method: 'POST',
        url: '/api/trackers',
        cookie: admin.cookie,
        payload: { code, name: `终端${i}` },
      })
      const id = created.json().id
      await t.call({
        method: 'PUT',
        url: `/api/trackers/${id}/binding`,
        cookie: admin.cookie,
        payload: { userId: place.people.worker.id, version: 1 },
      })
      codes.push(code)
      ids.push(id)
    }
    // Two consumers on one database, as two nodes would be: each stores through the one service function.
    const deps = { db: t.database.db, afterWrite: () => {} }
    const trackers = createTrackersService(deps, {
      clock: () => NOW,
      partitions: { aheadDays: 3, retentionDays: 90 },
      finishPatrol,
    })
    const speaker = systemContext('mqtt')
    for (const registry of metrics) {
      const consumer = createMqttIntake({
        url: BROKER,
        group,
        log: silent,
        metrics: registry,
        ingest: (code, body) => trackers.ingest(speaker, code, body),
      })
      await consumer.start()
      consumers.push(consumer)
    }
  })
  afterAll(async () => {
    for (const c of consumers) await c.stop()
    await t?.close()
  })

  it('is built by the app only when WANGGE_MQTT_URL is set', async () => {
    expect(t.app.mqttIntake).toBeNull()
    const node = await buildApp({ database: t.database, config: loadConfig({ WANGGE_MQTT_URL: BROKER }) })
    try {
      expect(node.mqttIntake).not.toBeNull()
    } finally {
      await node.close()
    }
  })

  it('stores every point once, the stream shared by both consumers; bad payloads are dropped and counted', async () => {
    const publisher = await connectAsync(BROKER, { protocolVersion: 5 })
    const PER_TRACKER = 30
    const POINTS = 5
    let sent = 0
    for (let m = 0; m < PER_TRACKER; m++) {
      for (const code of codes) {
        const points = Array.from({ length: POINTS }, (_, i) => {
          const seq = m * POINTS + i
          return {
            seq,
            t: new Date(Date.parse('2026-12-06T08:00:00+08:00') + seq * 10_000).toISOString(),
            lon: place.point.lng + seq / 100_000,
            lat: place.point.lat,
            acc: 6,
          }
        })
        await publisher.publishAsync(`wangge/trackers/${code}/points`, JSON.stringify({ points }), { qos: 1 })
        sent += 1
      }
    }
    // A message sent twice (a device that saw no acknowledgement) adds nothing.
    const again = {
      points: [
        {
          seq: 0,
          t: new Date(Date.parse('2026-12-06T08:00:00+08:00')).toISOString(),
          lon: place.point.lng,
          lat: place.point.lat,
        },
      ],
    }
    await publisher.publishAsync(`wangge/trackers/${codes[0]}/points`, JSON.stringify(again), { qos: 1 })
    await publisher.publishAsync(`wangge/trackers/${codes[1]}/points`, 'not json', { qos: 1 })
    await publisher.publishAsync(`wangge/trackers/${codes[2]}/points`, '{"points":[{"seq":1}]}', { qos: 1 })
    await publisher.publishAsync('wangge/trackers/NO-SUCH-TRACKER/points', JSON.stringify(again), { qos: 1 })
    await publisher.endAsync()
    const total = sent + 4

    const handled = () =>
      consumers.reduce((n, c) => n + Object.values(c.counts()).reduce((a, b) => a + b, 0), 0)
    await expect.poll(handled, { timeout: 30_000, interval: 100 }).toBe(total)

    const stored = await queryRows<{ stream_id: string; n: number; distinct_seq: number; patrols: number }>(
      t.database.db,
      sql`select stream_id::text, count(*)::int as n, count(distinct seq)::int as distinct_seq,
          count(distinct patrol_id)::int as patrols
        from track_points where stream_id = any(${`{${ids.join(',')}}`}::uuid[]) group by stream_id`,
    )
    expect(stored).toHaveLength(3)
    for (const row of stored)
      expect(row).toMatchObject({ n: PER_TRACKER * POINTS, distinct_seq: PER_TRACKER * POINTS, patrols: 1 })

    const [a, b] = consumers.map((c) => c.counts())
    expect(a?.stored).toBeGreaterThan(0)
    expect(b?.stored).toBeGreaterThan(0)
    expect((a?.stored ?? 0) + (b?.stored ?? 0)).toBe(sent + 1)
    expect((a?.bad_payload ?? 0) + (b?.bad_payload ?? 0)).toBe(2)
    expect((a?.refused ?? 0) + (b?.refused ?? 0)).toBe(1)

    const counted = await Promise.all(
      metrics.map((r) => r.getSingleMetric('wangge_tracker_messages_total')?.get()),
    )
    const sum = (outcome: string) =>
      counted
        .flatMap((m) => m?.values ?? [])
        .filter((v) => v.labels.outcome === outcome)
        .reduce((n, v) => n + v.value, 0)
    expect(sum('bad_payload')).toBe(2)
    expect(sum('stored')).toBe(sent + 1)
  })
})
