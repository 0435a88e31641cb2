import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { components, paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

/** A building 建筑物 of the standard address, with its grid and what the reader may do with it. */
export type Building = components['schemas']['BuildingView']
export type BuildingCreate = JsonOf<paths['/api/buildings']['post']['requestBody']>
export type BuildingUpdate = JsonOf<paths['/api/buildings/{id}']['patch']['requestBody']>
export type BuildingRooms = JsonOf<paths['/api/buildings/{id}/rooms']['get']['responses'][200]>
export type Room = components['schemas']['RoomView']
export type RoomCreate = JsonOf<paths['/api/buildings/{id}/rooms']['post']['requestBody']>
export type RoomDetail = components['schemas']['RoomDetail']
export type Occupant = RoomDetail['occupants'][number]
export type RoomUpdate = JsonOf<paths['/api/rooms/{id}']['patch']['requestBody']>
export type RentalCreate = JsonOf<paths['/api/rentals']['post']['requestBody']>
export type MoveIn = JsonOf<paths['/api/rooms/{id}/residences']['post']['requestBody']>

export const placesKey = ['places'] as const
const byId = (id: string) => ({ params: { path: { id } } })

export const useBuildings = (query: { grid?: string; q?: string; cursor?: string }) =>
  useQuery({
    queryKey: [...placesKey, 'buildings', query],
    queryFn: () => api.get('/api/buildings', { params: { query: { ...query, limit: 50 } } }),
    placeholderData: keepPreviousData,
  })

export const useBuilding = (id: string) =>
  useQuery({
    queryKey: [...placesKey, 'building', id],
    queryFn: () => api.get('/api/buildings/{id}', byId(id)),
  })

export const useBuildingRooms = (id: string) =>
  useQuery({
    queryKey: [...placesKey, 'building', id, 'rooms'],
    queryFn: () => api.get('/api/buildings/{id}/rooms', byId(id)),
  })

export const useRoom = (id: string | null) =>
  useQuery({
    queryKey: [...placesKey, 'room', id],
    queryFn: () => api.get('/api/rooms/{id}', byId(id ?? '')),
    enabled: id !== null,
  })

export const createBuilding = (body: BuildingCreate) => api.post('/api/buildings', { body })
export const updateBuilding = (id: string, body: BuildingUpdate) =>
  api.patch('/api/buildings/{id}', { ...byId(id), body })
export const deleteBuilding = (id: string) => api.delete('/api/buildings/{id}', byId(id))
export const addUnit = (id: string, name: string) =>
  api.post('/api/buildings/{id}/units', { ...byId(id), body: { name } })
export const addRoom = (id: string, body: RoomCreate) =>
  api.post('/api/buildings/{id}/rooms', { ...byId(id), body })
export const updateRoom = (id: string, body: RoomUpdate) =>
  api.patch('/api/rooms/{id}', { ...byId(id), body })
export const registerRental = (body: RentalCreate) => api.post('/api/rentals', { body })
export const moveIn = (roomId: string, body: MoveIn) =>
  api.post('/api/rooms/{id}/residences', { ...byId(roomId), body })
export const moveOut = (roomId: string, residenceId: string, toDate: string) =>
  api.post('/api/rooms/{id}/residences/{residenceId}/end', {
    params: { path: { id: roomId, residenceId } },
    body: { toDate },
  })

/** Today as the ledgers date it (the reader's own calendar day); `daysAgo` before it. */
export function today(daysAgo = 0): string {
  const d = new Date()
  d.setDate(d.getDate() - daysAgo)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
