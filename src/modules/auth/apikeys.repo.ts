import { and, eq, isNull, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import type { Actor } from '../../lib/context'
import { apiKeys, roles } from './auth.tables'

export type ApiKeyRow = typeof apiKeys.$inferSelect

export const apiKeysRepo = {
  async insert(ex: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [saved] = await ex.insert(apiKeys).values(row).returning()
    if (!saved) throw new Error('insert returned no row')
    return saved
  },

  async list(ex: Executor): Promise<(ApiKeyRow & { roleKey: string })[]> {
    const rows = await ex
      .select({ key: apiKeys, roleKey: roles.key })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .orderBy(sql`${apiKeys.createdAt} desc`)
    return rows.map((r) => ({ ...r.key, roleKey: r.roleKey }))
  },

  async find(ex: Executor, id: string): Promise<ApiKeyRow | undefined> {
    const [row] = await ex.select().from(apiKeys).where(eq(apiKeys.id, id))
    return row
  },

  /** The person acting: a user, or the creator of an API key (null for the system or a key made by it). */
  async personBehind(ex: Executor, actor: Actor | null): Promise<string | null> {
    if (actor?.type === 'user') return actor.id
    if (actor?.type !== 'api_key') return null
    return (await apiKeysRepo.find(ex, actor.id))?.createdBy ?? null
  },

  async findLive(ex: Executor, keyHash: string) {
    const [row] = await ex
      .select({ key: apiKeys, role: roles })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    return row
  },

  async touch(ex: Executor, id: string): Promise<void> {
    await ex.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id))
  },

  async revoke(ex: Executor, id: string): Promise<void> {
    await ex
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
  },

  /** Moves the keys scoped to one grid to another (a grid's succession); answers how many. */
  async moveGridScope(ex: Executor, fromPath: string, toPath: string): Promise<number> {
    const moved = await queryRows<{ id: string }>(
      ex,
      sql`update api_keys set scope_grid_path = ${toPath}::ltree
        where scope_type = 'grid' and scope_grid_path = ${fromPath}::ltree returning id`,
    )
    return moved.length
  },
}
