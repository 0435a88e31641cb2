import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  DepartmentAbilitiesSchema,
  DepartmentCreateSchema,
  DepartmentGridParams,
  DepartmentParams,
  DepartmentSchema,
  DepartmentStaffSchema,
  DepartmentUpdateSchema,
} from './departments.schema'
import type { DepartmentsService } from './departments.service'

export async function departmentsRoutes(app: FastifyInstance, opts: { departments: DepartmentsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { departments } = opts
  const tags = ['departments']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/departments',
    { schema: { tags, summary: 'Departments 职能部门', response: { 200: z.array(DepartmentSchema) } } },
    (req) => departments.list(req.ctx),
  )

  r.get(
    '/api/departments/abilities',
    {
      schema: {
        tags,
        summary: 'What the reader may do with departments as a whole (each one carries its own)',
        response: { 200: DepartmentAbilitiesSchema },
      },
    },
    (req) => departments.abilities(req.ctx),
  )

  r.post(
    '/api/departments',
    {
      schema: {
        tags,
        summary: 'Define a department',
        body: DepartmentCreateSchema,
        response: { 201: DepartmentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await departments.create(req.ctx, req.body)),
  )

  r.patch(
    '/api/departments/:code',
    {
      schema: {
        tags,
        summary: 'Change a department: its name, duty phone, parent or kind (null clears)',
        params: DepartmentParams,
        body: DepartmentUpdateSchema,
        response: { 200: DepartmentSchema },
      },
    },
    (req) => departments.update(req.ctx, req.params.code, req.body),
  )

  r.get(
    '/api/departments/:code/staff',
    {
      schema: {
        tags,
        summary: "A department's staff: users holding a role scoped to it",
        params: DepartmentParams,
        response: { 200: z.array(DepartmentStaffSchema) },
      },
    },
    (req) => departments.staff(req.ctx, req.params.code),
  )

  r.post(
    '/api/departments/:code/grids',
    {
      schema: {
        tags,
        summary: 'Let a department serve a grid',
        params: DepartmentParams,
        body: z.object({ gridCode: z.string().regex(/^\d+$/) }),
        response: { 200: DepartmentSchema },
      },
    },
    (req) => departments.serve(req.ctx, req.params.code, req.body.gridCode),
  )

  r.delete(
    '/api/departments/:code/grids/:gridCode',
    {
      schema: {
        tags,
        summary: 'The department no longer serves this grid',
        params: DepartmentGridParams,
        response: { 200: DepartmentSchema },
      },
    },
    (req) => departments.unserve(req.ctx, req.params.code, req.params.gridCode),
  )
}
