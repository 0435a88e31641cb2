import { useCallback, useEffect, useState } from 'react'
import { trackerState } from './patrol/tracker'

export interface Here {
  lng: number
  lat: number
  acc?: number
}

/**
 * Where the phone is now: the running patrol's last fix, else one reading of the position (taken when
 * the screen opens, again on `locate`). Null until known, or when the worker refused the position.
 */
export function useHere() {
  const [here, setHere] = useState<Here | null>(null)
  const [locating, setLocating] = useState(false)
  const locate = useCallback(() => {
    const fix = trackerState().fix
    if (fix) {
      setHere({ lng: fix.lon, lat: fix.lat, acc: fix.acc })
      return
    }
    if (!('geolocation' in navigator)) return
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lng: p.coords.longitude, lat: p.coords.latitude, acc: Math.round(p.coords.accuracy) })
        setLocating(false)
      },
      () => setLocating(false),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    )
  }, [])
  useEffect(locate, [locate])
  return { here, locating, locate }
}
