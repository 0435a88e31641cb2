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

/** A live map connection: who looks, where, and what waits for the next send. */
interface Viewer {
  actor: Actor
  view: View | null
  socket: ViewerSocket
  cases: Map<string, LiveCase['point'] & { open: boolean }>
  /** The latest position of each worker heard since the last send. */
  positions: Map<string, Omit<LivePosition, 'gridPath'>>
}

/** How often a viewer is sent what changed in their view (at most one message a second each). */
export const FLUSH_MS = 1_000

const inBox = (b: View['bbox'], lng: number, lat: number) =>
  lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3]

/** Whether the viewer may read the case: by its grid, its owning grid, or its department. */
function mayRead(actor: Actor, c: LiveCase): boolean {
  if (may(actor, 'case.read')) return true
  if (c.gridPath && may(actor, 'case.read', { gridPath: c.gridPath })) return true
  if (c.ownerPath && may(actor, 'case.read', { gridPath: c.ownerPath })) return true
  return c.departmentId !== null && may(actor, 'case.read', { departmentId: c.departmentId })
}

/**
 * The live map's viewers on this node. Changes come from the live bus (every node hears every
 * change once it is committed); each viewer is sent, once a second, the changes in their box that
 * they may see — a case that closed is sent too, so the map takes it away — and the latest position
 * of each worker on patrol there whom they may follow (patrol.read over the worker's grid).
 */
export function createLiveHub(bus: LiveBus, flushMs = FLUSH_MS) {
  const viewers = new Set<Viewer>()
  bus.subscribe(LIVE_CASES, (message) => {
    const c = message as LiveCase
    for (const v of viewers) {
      if (!v.view?.layers.includes('cases') || !inBox(v.view.bbox, c.point.lng, c.point.lat)) continue
      if (mayRead(v.actor, c)) v.cases.set(c.point.id, { ...c.point, open: c.open })
    }
  })
  bus.subscribe(LIVE_POSITIONS, (message) => {
    const { gridPath, ...p } = message as LivePosition
    for (const v of viewers) {
      if (!v.view?.layers.includes('positions') || !inBox(v.view.bbox, p.lon, p.lat)) continue
      const seen =
        may(v.actor, 'patrol.read', gridPath ? { gridPath } : undefined) || may(v.actor, 'patrol.read')
      if (seen) v.positions.set(p.userId, p)
    }
  })
  const timer = setInterval(() => {
    for (const v of viewers) {
      if (v.socket.bufferedAmount > MAX_BUFFERED) continue
      if (v.cases.size > 0) {
        const items = [...v.cases.values()]
        v.cases.clear()
        v.socket.send(JSON.stringify({ type: 'cases', items }))
      }
      if (v.positions.size > 0) {
        const items = [...v.positions.values()]
        v.positions.clear()
        v.socket.send(JSON.stringify({ type: 'positions', items }))
      }
    }
  }, flushMs)
  timer.unref()

  return {
    join(actor: Actor, socket: ViewerSocket) {
      const viewer: Viewer = { actor, view: null, socket, cases: new Map(), positions: new Map() }
      viewers.add(viewer)
      return {
        /** The viewer's grants as their session has them now (a re-check after the upgrade). */
        reauthorize(fresh: Actor) {
          viewer.actor = fresh
        },
        look(view: View) {
          viewer.view = view
          viewer.cases.clear()
          viewer.positions.clear()
        },
        leave() {
          viewers.delete(viewer)
        },
      }
    },
    viewers: () => viewers.size,
    stop() {
      clearInterval(timer)
      viewers.clear()
    },
  }
}

export type LiveHub = ReturnType<typeof createLiveHub>
