import { useEffect, useState } from 'react'

/** The field app's screens, each at its own address under /m/ (the service worker answers them all offline). */
export const SCREENS = ['today', 'patrol', 'report', 'outbox', 'households'] as const
export type Screen = (typeof SCREENS)[number]

function screenOf(pathname: string): Screen {
  const name = pathname.replace(/^\/m\/?/, '').split('/')[0] ?? ''
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'today'
}

const listeners = new Set<() => void>()

/** Goes to a screen, as a new history entry (the phone's back button returns). */
export function go(screen: Screen) {
  const path = screen === 'today' ? '/m/' : `/m/${screen}`
  if (window.location.pathname !== path) window.history.pushState(null, '', path)
  for (const listener of listeners) listener()
  window.scrollTo(0, 0)
}

export function useScreen(): Screen {
  const [screen, setScreen] = useState(() => screenOf(window.location.pathname))
  useEffect(() => {
    const update = () => setScreen(screenOf(window.location.pathname))
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return screen
}
