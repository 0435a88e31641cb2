import type { FastifyBaseLogger } from 'fastify'
import { safeMessage } from './safe-error'

/** A job the server runs every so often: `run` now (tests, start-up), `start` the timer, `stop` it. */
export interface PeriodicJob<T> {
  run(): Promise<T>
  start(everyMs?: number): void
  stop(): void
}

/**
 * Wraps `run` as a periodic job: one run at a time on this node (a tick while one runs is skipped), a
 * failure logged and tried again at the next tick, and a timer that never keeps the process alive.
 * Jobs that must run once across nodes take their own lock or claim rows with SKIP LOCKED.
 */
export function periodicJob<T>(
  name: string,
  everyMs: number,
  run: () => Promise<T>,
  log: FastifyBaseLogger,
): PeriodicJob<T> {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<T> | null = null
  const once = () => {
    running ??= run().finally(() => {
      running = null
    })
    return running
  }
  return {
    run: once,
    start(every = everyMs) {
      timer ??= setInterval(() => {
        if (running) return
        once().catch((error) => log.error({ err: safeMessage(error) }, `${name} failed`))
      }, every)
      timer.unref()
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
