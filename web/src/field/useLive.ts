import { liveQuery } from 'dexie'
import { useEffect, useRef, useState } from 'react'

/**
 * A Dexie query kept current: the component renders again whenever the tables it read change. The
 * query runs again when one of `inputs` changes (compared as JSON).
 */
export function useLive<T>(query: () => Promise<T>, inputs: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial)
  const latest = useRef(query)
  latest.current = query
  const key = JSON.stringify(inputs)
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the query's inputs.
  useEffect(() => {
    const subscription = liveQuery(() => latest.current()).subscribe({ next: setValue, error: () => {} })
    return () => subscription.unsubscribe()
  }, [key])
  return value
}

/** navigator.onLine, kept current. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine)
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}
