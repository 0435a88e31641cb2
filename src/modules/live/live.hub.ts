import type { LiveBus } from '../../lib/bus/bus'
import type { Actor } from '../../lib/context'
import { may } from '../auth/auth.policy'
import { LIVE_CASES, type LiveCase } from '../cases/cases.live'
import { LIVE_POSITIONS, type LivePosition } from '../patrols/patrols.service'

/** What a map on a screen shows: a box and its layers. */
export interface View {
  bbox: [number, number, number, number]
  layers: ('cases' | 'positions')[]
}

/** What the hub needs of a socket: to send, and how much it has not yet handed to the network. */
export interface ViewerSocket {
  send(data: string): void
  readonly bufferedAmount: number
}

/** A client that has not taken this much is skipped until it catches up (the next send is the latest). */
const MAX_BUFFERED = 1 << 20

/**
 * Changes waiting for a viewer's next message of one layer (each already in JSON, written once for
 * every viewer), the timer that sends them, and when the last message of the layer left.
 */
interface Batch {
  items: Map<string, string>
  timer: NodeJS.Timeout | null
  sentAt: number
}

/** A live map connection: who looks, where, and what waits for the next send. */
interface Viewer {
  actor: Actor
  view: View | null
  socket: ViewerSocket
  cases: Batch
  /** The latest position of each worker heard since the last send. */
  positions: Batch
}

/**
 * The least time between two messages of a layer to one viewer. A change on a quiet map goes out at
 * once; changes that come sooner after a message wait for the rest of this time and leave together.
 * A case reaches the map within a tenth of a second however busy the city (the aim: 250 ms at the
 * 99th percentile, bench `fanout`), and a screen is sent at most ten case messages a second.
 * Positions come every 30 s per worker and by the thousand a second in a city: a second's batch
 * keeps only each worker's latest and costs one message a second.
 */
export const BATCH_MS = { cases: 100, positions: 1_000 } as const

const inBox = (b: View['bbox'], lng: number, lat: number) =>
  lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3]

/** Whether the viewer may read the case: by its grid, its owning grid, or its department. */
function mayRead(actor: Actor, c: LiveCase): boolean {
  if (may(actor, 'case.read')) return true
  if (c.gridPath && may(actor, 'case.read', { gridPath: c.gridPath })) return true
  if (c.ownerPath && may(actor, 'case.read', { gridPath: c.ownerPath })) return true
  return c.departmentId !== null && may(actor, 'case.read', { departmentId: c.departmentId })
}

/** Cases whose last version a node remembers: a day's reports and changes in a big city. */
const VERSIONS_KEPT = 200_000

/**
 * The last version of each case fanned out by this node, the `kept` most recently heard: a case is
 * heard twice (at its commit, and when the outbox claims its message), and a late hearing must not
 * take a newer state off the map. A case forgotten is sent again, which only repeats its state.
 */
function latestVersions(kept: number) {
  const last = new Map<string, number>()
  return {
    newer(id: string, version: number): boolean {
      const seen = last.get(id)
      if (seen !== undefined && seen >= version) return false
      last.delete(id)
      last.set(id, version)
      if (last.size > kept) last.delete(last.keys().next().value as string)
      return true
    },
  }
}

const emptyBatch = (): Batch => ({ items: new Map(), timer: null, sentAt: Number.NEGATIVE_INFINITY })

function dropBatch(batch: Batch) {
  if (batch.timer) clearTimeout(batch.timer)
  batch.timer = null
  batch.items.clear()
}

/**
 * The live map's viewers on this node. Changes come from the live bus (every node hears every
 * change once it is committed); each viewer is sent, in batches (BATCH_MS), the changes in their box
 * that they may see — a case that closed is sent too, so the map takes it away — and the latest
 * position of each worker on patrol there whom they may follow (patrol.read over the worker's grid).
 * A viewer whose socket has not taken what it was sent is skipped, its changes kept (the latest of
 * each case and worker) for when it catches up.
 */
export function createLiveHub(bus: LiveBus, batchMs: { cases: number; positions: number } = BATCH_MS) {
  const viewers = new Set<Viewer>()
  const versions = latestVersions(VERSIONS_KEPT)

  function send(viewer: Viewer, batch: Batch, type: 'cases' | 'positions') {
    batch.timer = null
    if (batch.items.size === 0 || !viewers.has(viewer)) return
    if (viewer.socket.bufferedAmount > MAX_BUFFERED) {
      batch.timer = setTimeout(() => send(viewer, batch, type), batchMs[type])
      return
    }
    const items = [...batch.items.values()].join(',')
    batch.items.clear()
    batch.sentAt = performance.now()
    viewer.socket.send(`{"type":"${type}","items":[${items}]}`)
  }

  /** Queues an item (JSON) for the viewer: sent at once, or when the layer's least gap has passed. */
  function add(viewer: Viewer, type: 'cases' | 'positions', batch: Batch, key: string, item: string) {
    batch.items.set(key, item)
    if (batch.timer) return
    const wait = Math.max(0, batch.sentAt + batchMs[type] - performance.now())
    batch.timer = setTimeout(() => send(viewer, batch, type), wait)
  }

  bus.subscribe(LIVE_CASES, (message) => {
    const c = message as LiveCase
    if (!versions.newer(c.point.id, c.version)) return
    let item: string | null = null
    for (const v of viewers) {
      if (!v.view?.layers.includes('cases') || !inBox(v.view.bbox, c.point.lng, c.point.lat)) continue
      if (!mayRead(v.actor, c)) continue
      item ??= JSON.stringify({ ...c.point, open: c.open })
      add(v, 'cases', v.cases, c.point.id, item)
    }
  })
  bus.subscribe(LIVE_POSITIONS, (message) => {
    const { gridPath, ...p } = message as LivePosition
    let item: string | null = null
    for (const v of viewers) {
      if (!v.view?.layers.includes('positions') || !inBox(v.view.bbox, p.lon, p.lat)) continue
      const seen =
        may(v.actor, 'patrol.read', gridPath ? { gridPath } : undefined) || may(v.actor, 'patrol.read')
      if (!seen) continue
      item ??= JSON.stringify(p)
      add(v, 'positions', v.positions, p.userId, item)
    }
  })

  return {
    join(actor: Actor, socket: ViewerSocket) {
      const viewer: Viewer = { actor, view: null, socket, cases: emptyBatch(), positions: emptyBatch() }
      viewers.add(viewer)
      return {
        /** The viewer's grants as their session has them now (a re-check after the upgrade). */
        reauthorize(fresh: Actor) {
          viewer.actor = fresh
        },
        look(view: View) {
          viewer.view = view
          dropBatch(viewer.cases)
          dropBatch(viewer.positions)
        },
        leave() {
          viewers.delete(viewer)
          dropBatch(viewer.cases)
          dropBatch(viewer.positions)
        },
      }
    },
    viewers: () => viewers.size,
    stop() {
      for (const v of viewers) {
        dropBatch(v.cases)
        dropBatch(v.positions)
      }
      viewers.clear()
    },
  }
}

export type LiveHub = ReturnType<typeof createLiveHub>
