import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { forbidden } from '../../lib/problem'
import { pathCovers } from '../auth/auth.policy'
import { ledgerSubtrees } from '../ledgers/ledgers.policy'
import { type LedgerSyncViews, SYNC_KINDS, type SyncKind } from '../ledgers/sync/sync.views'
import { decodeCursor, encodeCursor, normaliseScopes, type SyncCursor, scopeChange } from './field.cursor'
import { fieldRepo } from './field.repo'
import type { SyncChange, SyncPage, SyncQuery } from './field.schema'

/**
 * The phone's sync feed: the first sync pulls every building, household and person of the caller's
 * grids in keyset pages; later syncs read the change log since the cursor's snapshot, each changed
 * record once with its current masked view, or a tombstone when it was deleted or left the grids.
 * When the caller's grids changed, the answer says which subtrees to drop and pulls the new ones.
 */
export function createFieldSyncService(db: Db, views: LedgerSyncViews) {
  /** The caller's subtrees with ledger.read ('' for the whole deployment). */
  function scopesOf(ctx: RequestContext): string[] {
    const within = ledgerSubtrees(ctx.actor, 'ledger.read')
    if (within === null) return ['']
    if (within.length === 0) throw forbidden('ledger.forbidden', 'You may not read the ledgers')
    return normaliseScopes(within)
  }

  /** Up to `room` records of the pull, advancing it; undefined once every kind is done. */
  async function pull(ctx: RequestContext, p: NonNullable<SyncCursor['p']>, room: number, out: SyncChange[]) {
    let at: SyncCursor['p'] = p
    while (at && out.length < room) {
      const kind = SYNC_KINDS[at.k] as SyncKind
      const want = room - out.length
      const rows = await views.page(ctx, kind, at.paths, at.i, want)
      out.push(...rows)
      const last = rows.at(-1)
      if (rows.length === want && last) at = { ...at, i: last.id }
      else at = at.k + 1 < SYNC_KINDS.length ? { paths: at.paths, k: at.k + 1, i: null } : undefined
    }
    return at
  }

  /** The log's changes after the cursor's snapshot, each record once, with its view or a tombstone. */
  async function log(ctx: RequestContext, c: SyncCursor, scopes: string[], room: number, out: SyncChange[]) {
    const window = c.w ?? { to: await fieldRepo.snapshot(db), q: 0 }
    const want = room - out.length
    const changed = await fieldRepo.changed(db, {
      from: c.x,
      to: window.to,
      afterSeq: window.q,
      scopes,
      limit: want,
    })
    const found = new Map<string, SyncChange>()
    for (const kind of SYNC_KINDS) {
      const ids = changed.filter((r) => r.kind === kind).map((r) => r.id)
      for (const r of await views.byIds(ctx, kind, ids, scopes)) found.set(`${kind}:${r.id}`, r)
    }
    for (const r of changed) {
      const kind = r.kind as SyncKind
      out.push(found.get(`${kind}:${r.id}`) ?? { kind, id: r.id, deleted: true })
    }
    const last = changed.at(-1)
    // A full page may have more behind it; a short one ends the window at its snapshot.
    return changed.length === want && last
      ? { x: c.x, w: { to: window.to, q: last.seq } }
      : { x: window.to, w: undefined }
  }

  const service = {
    async sync(ctx: RequestContext, q: SyncQuery): Promise<SyncPage> {
      const scopes = scopesOf(ctx)
      // The log starts at the snapshot before a pull: what commits during it comes from the log.
      const fresh = async (): Promise<SyncCursor> => ({
        v: 1,
        h: '',
        s: scopes,
        x: await fieldRepo.snapshot(db),
        p: { paths: scopes, k: 0, i: null },
      })
      let c: SyncCursor
      let reset: SyncPage['reset']
      let epoch: string
      if (!q.cursor) {
        c = await fresh()
        epoch = (await fieldRepo.standing(db, c.x)).epoch
      } else {
        c = decodeCursor(q.cursor)
        const before = normaliseScopes(c.s)
        const standing = await fieldRepo.standing(db, c.x)
        epoch = standing.epoch
        if (standing.gap || c.e !== standing.epoch) {
          // Away longer than the log is kept, or from another database's log: everything comes again.
          reset = { drop: before, add: scopes }
          c = await fresh()
        } else if (before.join('\n') !== scopes.join('\n')) {
          if (c.p) {
            // The first sync was under way: start it again over the new grids.
            reset = { drop: before, add: scopes }
            c = { ...c, s: scopes, p: { paths: scopes, k: 0, i: null } }
          } else {
            reset = scopeChange(before, scopes)
            c = { ...c, s: scopes, p: reset.add.length ? { paths: reset.add, k: 0, i: null } : undefined }
          }
        }
      }
      // The cursor comes back from the phone: a pull reaches only subtrees the caller reads now.
      if (c.p)
        c = { ...c, p: { ...c.p, paths: c.p.paths.filter((p) => scopes.some((s) => pathCovers(s, p))) } }
      const changes: SyncChange[] = []
      if (c.p) c = { ...c, p: await pull(ctx, c.p, q.limit, changes) }
      if (!c.p && changes.length < q.limit) {
        const from = c.x
        c = { ...c, ...(await log(ctx, c, scopes, q.limit, changes)) }
        // A prune that committed while the log was read may have taken changes this cursor had not had.
        if (q.cursor && !reset && (await fieldRepo.standing(db, from)).gap) return service.sync(ctx, q)
      }
      const more = c.p !== undefined || c.w !== undefined
      return {
        scopes,
        changes,
        cursor: encodeCursor({ s: scopes, e: epoch, x: c.x, p: c.p, w: c.w }),
        more,
        ...(reset ? { reset } : {}),
      }
    },
  }
  return service
}

export type FieldSyncService = ReturnType<typeof createFieldSyncService>
