/**
 * Whose work this is: every record and outbox entry is stamped with the worker signed in when it was
 * made. A phone passed between workers (or a session ended and another worker signing in) never sends
 * one worker's queue in another's name: those entries wait for their owner to sign in again.
 */
let current: string | undefined

/** Set when a worker signs in or the app opens with a worker signed in; cleared on sign-out. */
export function setOwner(userId: string | undefined) {
  current = userId
}

/** The signed-in worker's id (stamped on what is queued now). */
export function owner(): string | undefined {
  return current
}

/** Whether a record or entry belongs to the signed-in worker (those from before stamping count as theirs). */
export function mine(row: { userId?: string }): boolean {
  return row.userId === undefined || row.userId === current
}
