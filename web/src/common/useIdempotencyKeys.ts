import { useRef } from 'react'

/** 128 random bits as hex; works outside secure contexts too (a LAN deployment over plain HTTP). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * One Idempotency-Key per distinct request body for as long as the form is open: sending the same
 * report again (a second click, a retry after a lost answer) reuses its key, an edited report gets
 * a new one.
 */
export function useIdempotencyKeys() {
  const keys = useRef(new Map<string, string>())
  return {
    for(body: unknown): string {
      const json = JSON.stringify(body)
      let key = keys.current.get(json)
      if (!key) {
        key = newKey()
        keys.current.set(json, key)
      }
      return key
    },
  }
}
