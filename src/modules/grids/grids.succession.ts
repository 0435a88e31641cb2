import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'

export interface GridRef {
  id: string
  code: string
  path: string
}

/**
 * One step of a reshaping: grids retired in favour of others. `heir` is the successor that takes
 * over what cannot be divided by location (staff posts, grants): the only successor of a merge or a
 * re-coding, the part marked to inherit the staff in a split, or none.
 */
export interface GridSuccession {
  kind: 'split' | 'merge' | 'recode'
  predecessors: GridRef[]
  successors: GridRef[]
  heir: GridRef | null
}

/**
 * What another module does when grids it references are succeeded, inside the reshaping's
 * transaction: located records are re-assigned by location, staff move to the heir, and so on.
 */
export type SuccessionHook = (tx: Executor, ctx: RequestContext, change: GridSuccession) => Promise<void>

/** Whether a module holds records that quote a grid's code outside the database (freezing the code). */
export type CodeReference = (ex: Executor, gridId: string) => Promise<boolean>

/** The hooks and code references other modules register at start, and their calls. */
export function createSuccessionRegistry() {
  const hooks: SuccessionHook[] = []
  const codeReferences: CodeReference[] = []
  return {
    codeReferences: codeReferences as readonly CodeReference[],
    /** Lets another module follow grids through splits, mergers and re-codings. */
    onSuccession(hook: SuccessionHook) {
      hooks.push(hook)
    },
    /** Lets another module freeze the codes of the grids it quotes. */
    onCodeReference(reference: CodeReference) {
      codeReferences.push(reference)
    },
    /** Every module follows the change, in the reshaping's transaction. */
    async succeed(tx: Executor, ctx: RequestContext, change: GridSuccession) {
      for (const hook of hooks) await hook(tx, ctx, change)
    },
  }
}

export type SuccessionRegistry = ReturnType<typeof createSuccessionRegistry>
