import { publicApi } from '../api/client'
import type { paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

export type MapConfig = JsonOf<paths['/api/public/map']['get']['responses'][200]>
export type Basemap = MapConfig['basemap']
export type Place = JsonOf<paths['/api/public/places']['get']['responses'][200]>['items'][number]

/** Which base map to draw: public, the same for residents and staff. */
export const getMapConfig = () => publicApi.get('/api/public/map')

/** Streets and communities by name (no sign-in). */
export const searchPlaces = (q: string) => publicApi.get('/api/public/places', { params: { query: { q } } })
