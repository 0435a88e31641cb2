import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

export interface ThrottleSettings {
  /** Failures from one source before that source starts waiting (1, 2, 4 … minutes). */
  sourceFailures: number
  /** Longest wait of one source, in minutes. */
  maxDelayMinutes: number
  /** Failures older than this (after the last wait ended) are forgotten. */
  windowMinutes: number
  /** An account-wide lock needs this many failures inside the window … */
  accountFailures: number
  /** … coming from at least this many distinct sources. */
  accountSources: number
  accountLockMinutes: number
}

/** How long a source the owner signed in from stays known (usable during an account-wide lock). */
export const KNOWN_SOURCE_DAYS = 90
/** Rows forgotten per sign-in attempt: bounded, so a sign-in never pays for a large clean-up. */
const FORGET_BATCH = 50

/** The failures counted from the row's state, restarting at one after a quiet window. */
const nextFailures = (windowMinutes: number) => sql`(case
  when coalesce(t.blocked_until, t.last_failed_at, '-infinity') < now() - make_interval(mins => ${windowMinutes})
  then 1 else t.failures + 1 end)`

/** The wait that starts with this failure: none below the limit, then 1, 2, 4 … minutes up to the cap. */
const waitAfter = (failures: ReturnType<typeof sql>, s: ThrottleSettings) => sql`(case
  when ${failures} >= ${s.sourceFailures}
  then now() + make_interval(secs => 60 * least(${s.maxDelayMinutes}, power(2, ${failures} - ${s.sourceFailures})))
  end)`

export const throttleRepo = {
  /**
   * Counts one attempt from this source before the password is checked, atomically: concurrent
   * guesses each get their own number, so a burst cannot slip past the limit. Reaching the limit
   * starts the source's wait at once (a success lifts it). Null while the source is waiting.
   */
  async reserve(ex: Executor, key: string, source: string, s: ThrottleSettings): Promise<number | null> {
    await throttleRepo.forget(ex, s.windowMinutes)
    const first = sql`1`
    const rows = await queryRows<{ failures: number }>(
      ex,
      sql`insert into login_throttle as t (account_key, source, failures, last_failed_at, blocked_until)
        values (${key}, ${source}, 1, now(), ${waitAfter(first, s)})
        on conflict (account_key, source) do update set
          failures = ${nextFailures(s.windowMinutes)},
          last_failed_at = now(),
          blocked_until = ${waitAfter(nextFailures(s.windowMinutes), s)}
        where t.blocked_until is null or t.blocked_until <= now()
        returning failures`,
    )
    return rows[0] ? Number(rows[0].failures) : null
  },

  /**
   * Deletes a few rows that no longer count (each sign-in sweeps a little, so rows for guessed
   * usernames and passing addresses do not pile up): no wait or failure inside the window, and no
   * sign-in from there in KNOWN_SOURCE_DAYS.
   */
  async forget(ex: Executor, windowMinutes: number): Promise<void> {
    const quiet = sql`now() - make_interval(mins => ${windowMinutes})`
    await ex.execute(sql`delete from login_throttle where (account_key, source) in (
        select account_key, source from login_throttle
        where coalesce(blocked_until, last_failed_at, '-infinity') < ${quiet}
          and coalesce(last_failed_at, '-infinity') < ${quiet}
          and coalesce(last_success_at, '-infinity') < now() - make_interval(days => ${KNOWN_SOURCE_DAYS})
        limit ${FORGET_BATCH})`)
    await ex.execute(sql`delete from login_locks where account_key in (
        select account_key from login_locks where locked_until < ${quiet} limit ${FORGET_BATCH})`)
  },

  /** Seconds this source still waits for this account (at least 1). */
  async waitSeconds(ex: Executor, key: string, source: string): Promise<number> {
    const rows = await queryRows<{ s: number | null }>(
      ex,
      sql`select ceil(extract(epoch from blocked_until - now()))::int as s from login_throttle
        where account_key = ${key} and source = ${source}`,
    )
    return Math.max(1, Number(rows[0]?.s ?? 1))
  },

  async succeed(ex: Executor, key: string, source: string): Promise<void> {
    await ex.execute(sql`insert into login_throttle (account_key, source, failures, last_success_at)
      values (${key}, ${source}, 0, now())
      on conflict (account_key, source) do update set failures = 0, blocked_until = null, last_success_at = now()`)
  },

  /** Failures inside the window and the number of distinct sources they came from. */
  async recentFailures(
    ex: Executor,
    key: string,
    windowMinutes: number,
  ): Promise<{ failures: number; sources: number }> {
    const rows = await queryRows<{ failures: number; sources: number }>(
      ex,
      sql`select coalesce(sum(failures), 0)::int as failures, count(*) filter (where failures > 0)::int as sources
        from login_throttle
        where account_key = ${key} and last_failed_at > now() - make_interval(mins => ${windowMinutes})`,
    )
    return { failures: Number(rows[0]?.failures ?? 0), sources: Number(rows[0]?.sources ?? 0) }
  },

  /** Locks the account; answers the end of the lock when this call started it, null when one was on. */
  async lockAccount(ex: Executor, key: string, minutes: number): Promise<Date | null> {
    const rows = await queryRows<{ until: Date }>(
      ex,
      sql`insert into login_locks as l (account_key, locked_until)
        values (${key}, now() + make_interval(mins => ${minutes}))
        on conflict (account_key) do update set locked_until = excluded.locked_until
        where l.locked_until <= now()
        returning locked_until as until`,
    )
    return rows[0] ? new Date(rows[0].until) : null
  },

  /** Seconds left of an account-wide lock, or 0. */
  async accountLockSeconds(ex: Executor, key: string): Promise<number> {
    const rows = await queryRows<{ s: number }>(
      ex,
      sql`select ceil(extract(epoch from locked_until - now()))::int as s from login_locks
        where account_key = ${key} and locked_until > now()`,
    )
    return Number(rows[0]?.s ?? 0)
  },

  /** The owner has signed in from this source before: an account-wide lock does not apply to it. */
  async isKnownSource(ex: Executor, key: string, source: string): Promise<boolean> {
    const rows = await queryRows<{ known: boolean }>(
      ex,
      sql`select true as known from login_throttle
        where account_key = ${key} and source = ${source} and last_success_at is not null`,
    )
    return rows.length > 0
  },

  /** A password reset lifts every wait and lock of the account. */
  async clear(ex: Executor, key: string): Promise<void> {
    await ex.execute(
      sql`update login_throttle set failures = 0, blocked_until = null where account_key = ${key}`,
    )
    await ex.execute(sql`delete from login_locks where account_key = ${key}`)
  },

  /** Active users holding any of these permissions over the whole deployment (who hears of a lock). */
  async deploymentHolders(ex: Executor, permissions: readonly string[]): Promise<string[]> {
    const list = sql.join(
      permissions.map((p) => sql`${p}`),
      sql`, `,
    )
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`select distinct g.user_id as id from role_grants g
        join roles r on r.id = g.role_id join users u on u.id = g.user_id
        where u.status = 'active' and g.scope_type = 'grid' and g.scope_grid_path = ''::ltree
          and r.permissions && array[${list}]::text[]`,
    )
    return rows.map((r) => r.id)
  },
}
