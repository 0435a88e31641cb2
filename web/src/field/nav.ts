import { useEffect, useState } from 'react'

/** The field app's screens, each at its own address under /m/ (the service worker answers them all offline). */
export const SCREENS = ['today', 'patrol', 'report', 'outbox', 'households', 'doors', 'visits'] as const
export type Screen = (typeof SCREENS)[number]

/** A screen and the record it shows (`/m/households/<id>`, `/m/doors/<task id>`, `/m/visits/<membership id>`). */
export interface Route {
  screen: Screen
  param?: string
}

function routeOf(pathname: string): Route {
  const [name = '', param] = pathname.replace(/^\/m\/?/, '').split('/')
  // A visit is always to someone: /m/visits alone is the today screen (where the due list is).
  if (!(SCREENS as readonly string[]).includes(name) || (name === 'visits' && !param))
    return { screen: 'today' }
  return param ? { screen: name as Screen, param: decodeURIComponent(param) } : { screen: name as Screen }
}

const listeners = new Set<() => void>()

/** Goes to a screen (and a record on it), as a new history entry (the phone's back button returns). */
export function go(screen: Screen, param?: string) {
  const path =
    screen === 'today' ? '/m/' : param ? `/m/${screen}/${encodeURIComponent(param)}` : `/m/${screen}`
  if (window.location.pathname !== path) window.history.pushState(null, '', path)
  for (const listener of listeners) listener()
  window.scrollTo(0, 0)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname))
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location.pathname))
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return route
}
