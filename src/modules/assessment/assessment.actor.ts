import type { RequestContext } from '../../lib/context'

/** The user behind a request, for "by" columns; null for the system's jobs and API keys. */
export const userIdOf = (ctx: RequestContext): string | null =>
  ctx.actor?.type === 'user' ? ctx.actor.id : null
