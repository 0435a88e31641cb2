import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import type { components, paths } from '../api/openapi'
import type { JsonOf } from '../api/types'

/** A department 职能部门 with the grids it serves and what the reader may do with it. */
export type Department = components['schemas']['Department']
export type DepartmentCreate = JsonOf<paths['/api/departments']['post']['requestBody']>
export type DepartmentUpdate = JsonOf<paths['/api/departments/{code}']['patch']['requestBody']>

export const departmentsKey = ['departments'] as const

const path = (code: string) => ({ params: { path: { code } } })

export const useDepartmentList = () =>
  useQuery({ queryKey: [...departmentsKey, 'list'], queryFn: () => api.get('/api/departments') })

export const useDepartmentAbilities = () =>
  useQuery({
    queryKey: [...departmentsKey, 'abilities'],
    queryFn: () => api.get('/api/departments/abilities'),
  })

export const useDepartmentStaff = (code: string, enabled: boolean) =>
  useQuery({
    queryKey: [...departmentsKey, 'staff', code],
    queryFn: () => api.get('/api/departments/{code}/staff', path(code)),
    enabled,
  })

export const createDepartment = (body: DepartmentCreate) => api.post('/api/departments', { body })
export const updateDepartment = (code: string, body: DepartmentUpdate) =>
  api.patch('/api/departments/{code}', { ...path(code), body })
export const serveGrid = (code: string, gridCode: string) =>
  api.post('/api/departments/{code}/grids', { ...path(code), body: { gridCode } })
export const unserveGrid = (code: string, gridCode: string) =>
  api.delete('/api/departments/{code}/grids/{gridCode}', { params: { path: { code, gridCode } } })
