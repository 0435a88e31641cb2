import { z } from 'zod'
import { DEPARTMENT_KEYS, type DepartmentKey } from './department-kinds'

const KINDS = DEPARTMENT_KEYS.map((d) => d.key) as [DepartmentKey, ...DepartmentKey[]]

export const DepartmentSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    /** The department's duty phone: an office number, published (not a person's). */
    contactPhone: z.string().nullable(),
    parentCode: z.string().nullable(),
    kind: z.string().nullable(),
    /** Codes of the grids it serves. */
    grids: z.array(z.string()),
    /** The grids it serves, with their names (in the order of `grids`). */
    servedGrids: z.array(z.object({ code: z.string(), name: z.string() })),
    /** What the reader may do with it: edit it, change the grids it serves, list its staff. */
    abilities: z.array(z.enum(['update', 'serve', 'staff'])),
  })
  .meta({ id: 'Department' })

export const DepartmentStaffSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  role: z.string(),
  roleZh: z.string(),
  roleEn: z.string(),
})

const phone = z.string().regex(/^[0-9+\-\s()]{3,20}$/, 'a phone number')

export const DepartmentCreateSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - (up to 32)'),
  name: z.string().trim().min(1).max(100),
  contactPhone: phone.optional(),
  parentCode: z.string().optional(),
  /** What kind of department it is: events route to the kind their category names (see categories). */
  kind: z.enum(KINDS).optional(),
})

/** The fields to change; null clears one. The code stays: routing rules and events quote it. */
export const DepartmentUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    contactPhone: phone.nullable(),
    parentCode: z.string().min(1).nullable(),
    kind: z.enum(KINDS).nullable(),
  })
  .partial()

export const DepartmentAbilitiesSchema = z.object({
  /** `create`: the reader may define departments. */
  abilities: z.array(z.enum(['create'])),
})

export const DepartmentParams = z.object({ code: z.string() })
export const DepartmentGridParams = z.object({ code: z.string(), gridCode: z.string().regex(/^\d+$/) })

export type DepartmentCreate = z.infer<typeof DepartmentCreateSchema>
export type DepartmentUpdate = z.infer<typeof DepartmentUpdateSchema>
