import { Redis } from 'ioredis'

/** The Redis the deployment runs; CI sets TEST_REDIS_URL after starting it. */
export const TEST_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15'

/** Whether a Redis answers at `url` (tests that need one are skipped, saying so, when none does). */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
    return true
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}
