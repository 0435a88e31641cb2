import { systemContext } from '../../src/lib/context'
import type { CaseView } from '../../src/modules/cases/cases.schema'
import type { CasesService } from '../../src/modules/cases/cases.service'
import type { CaseAction } from '../../src/modules/cases/cases.states'

/** The states `make.case` reaches, and the actions that lead there from a report (none asks for a photo). */
const ROUTES = {
  reported: [],
  accepted: ['accept'],
  dispatched: ['accept', 'dispatch'],
  rejected: ['reject'],
} as const satisfies Record<string, readonly CaseAction[]>

export type MadeState = keyof typeof ROUTES

/** Why an action is taken, for the actions that ask for one. */
const REASONED: readonly CaseAction[] = ['reject']

/**
 * A case in a given state at a point of a place, built as the system through the cases module's own
 * use cases (report, then actions), so its timeline, audit and outbox rows exist as for a real one.
 */
export function caseMaker(cases: CasesService | undefined) {
  return async function makeCase(opts: {
    place: { point: { lng: number; lat: number } }
    state?: MadeState
    categoryCode?: string
    description?: string
    at?: { lng: number; lat: number }
  }): Promise<CaseView> {
    if (!cases) throw new Error('make.case needs the cases service: use the factories of a testApp')
    const ctx = systemContext('test-factory')
    const { view } = await cases.report(ctx, {
      categoryCode: opts.categoryCode ?? '06010',
      location: opts.at ?? opts.place.point,
      description: opts.description ?? '路边有一堆垃圾',
      urgency: 'normal',
      source: 'worker',
    })
    let made = await cases.view(ctx, view.id)
    for (const action of ROUTES[opts.state ?? 'reported']) {
      const reason = REASONED.includes(action) ? { reason: '不属于受理范围' } : {}
      made = await cases.act(ctx, made.id, action, { version: made.version, ...reason })
    }
    return made
  }
}
