import { safeMessage } from './lib/safe-error'

export interface StopLog {
  info(message: string): void
  warn(message: string): void
}

/** Something the stop closes, and how long it may take before the stop goes on without it. */
interface Step {
  name: string
  close: () => Promise<unknown>
  withinMs: number
}

export interface Stop {
  /** Closes `close` at the stop, before everything added earlier (the HTTP server before its database). */
  add(name: string, close: () => Promise<unknown>, withinMs: number): void
  /** Where the stop is told (until the logger exists: nothing, and problems on standard error). */
  reportTo(log: StopLog): void
  /** Closes what was added without exiting: a start that failed leaves the data directory clean. */
  closeAll(): Promise<void>
  /** Whether a signal has started the stop: what fails from then on is the stop's doing, not a fault. */
  readonly started: boolean
}

const wait = (ms: number) => new Promise<'late'>((resolve) => setTimeout(resolve, ms, 'late').unref())

/**
 * Stops the process on SIGINT and SIGTERM: closes what was added, in reverse order, each within
 * its time, and exits 0 (1 when something had to be abandoned). Whatever hangs, the process is gone
 * `deadlineMs` after the signal. Further signals change nothing: under `npm start` a Ctrl-C reaches
 * the server twice (from the terminal, and from npm passing it on).
 */
export function stopOnSignals(deadlineMs: number): Stop {
  const steps: Step[] = []
  let log: StopLog = { info: () => {}, warn: (message) => process.stderr.write(`${message}\n`) }
  let started = false

  /** Runs the steps once, latest first; true when each closed in its time. */
  async function closeSteps(why: string): Promise<boolean> {
    let clean = true
    for (const step of steps.splice(0).reverse()) {
      const outcome = await Promise.race([
        step.close().then(
          () => 'closed' as const,
          (error: unknown) => error,
        ),
        wait(step.withinMs),
      ])
      if (outcome === 'closed') continue
      clean = false
      log.warn(
        outcome === 'late'
          ? `${step.name} did not close within ${step.withinMs} ms (${why}); going on without it`
          : `${step.name} failed to close (${why}): ${safeMessage(outcome)}`,
      )
    }
    return clean
  }

  async function stop(signal: NodeJS.Signals) {
    if (started) return
    started = true
    log.info(`stopping (${signal})`)
    setTimeout(() => {
      log.warn(`stopping took longer than ${deadlineMs} ms: exiting without waiting further`)
      process.exit(1)
    }, deadlineMs).unref()
    process.exit((await closeSteps(signal)) ? 0 : 1)
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal))
  return {
    add: (name, close, withinMs) => {
      steps.push({ name, close, withinMs })
    },
    reportTo: (to) => {
      log = to
    },
    closeAll: async () => {
      await closeSteps('the start failed')
    },
    get started() {
      return started
    },
  }
}
