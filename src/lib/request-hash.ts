import { createHash } from 'node:crypto'

/**
 * SHA-256 of what a client sent under its own id (the parsed body and whatever else names the
 * request): a replay hashes the same, so it is answered with what was stored; other content under
 * the same id hashes differently and is refused.
 */
export function requestHash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}
