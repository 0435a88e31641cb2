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

/** Changes waiting for a viewer's next message of one layer, and the timer that sends them. */
interface Batch<T> {
  items: Map<string, T>
  timer: NodeJS.Timeout | null
}

/** A live map connection: who looks, where, and what waits for the next send. */
interface Viewer {
  actor: Actor
  view: View | null
  socket: ViewerSocket
  cases: Batch<LiveCase['point'] & { open: boolean }>
  /** The latest position of each worker heard since the last send. */
  positions: Batch<Omit<LivePosition, 'gridPath'>>
}

/**
 * How long a layer's changes wait for company before they are sent: a batch opens with the first
 * change a viewer hears and goes out this long after, with whatever joined it. A case reaches the
 * map within about a tenth of a second (the aim: 250 ms at the 99th percentile, bench `fanout`), and
 * a screen is sent at most ten case messages a second however busy the city is. Positions come
 * every 30 s per worker and by the thousand a second in a city: a second's batch keeps only each
 * worker's latest and costs one message a second.
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

const emptyBatch = <T>(): Batch<T> => ({ items: new Map(), timer: null })

function dropBatch<T>(batch: Batch<T>) {
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

  function send<T>(viewer: Viewer, batch: Batch<T>, type: 'cases' | 'positions') {
    batch.timer = null
    if (batch.items.size === 0 || !viewers.has(viewer)) return
    if (viewer.socket.bufferedAmount > MAX_BUFFERED) {
      batch.timer = setTimeout(() => send(viewer, batch, type), batchMs[type])
      return
    }
    const items = [...batch.items.values()]
    batch.items.clear()
    viewer.socket.send(JSON.stringify({ type, items }))
  }

  function add<T>(viewer: Viewer, type: 'cases' | 'positions', batch: Batch<T>, key: string, item: T) {
    batch.items.set(key, item)
    batch.timer ??= setTimeout(() => send(viewer, batch, type), batchMs[type])
  }

  bus.subscribe(LIVE_CASES, (message) => {
    const c = message as LiveCase
    for (const v of viewers) {
      if (!v.view?.layers.includes('cases') || !inBox(v.view.bbox, c.point.lng, c.point.lat)) continue
      if (mayRead(v.actor, c)) add(v, 'cases', v.cases, c.point.id, { ...c.point, open: c.open })
    }
  })
  bus.subscribe(LIVE_POSITIONS, (message) => {
    const { gridPath, ...p } = message as LivePosition
    for (const v of viewers) {
      if (!v.view?.layers.includes('positions') || !inBox(v.view.bbox, p.lon, p.lat)) continue
      const seen =
        may(v.actor, 'patrol.read', gridPath ? { gridPath } : undefined) || may(v.actor, 'patrol.read')
      if (seen) add(v, 'positions', v.positions, p.userId, p)
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
