import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { DEPARTMENT_KEYS, type DepartmentKey } from './department-kinds'
import type { DepartmentsService } from './departments.service'

const DepartmentSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    contactPhone: z.string().nullable(),
    parentCode: z.string().nullable(),
    kind: z.string().nullable(),
    /** Codes of the grids it serves. */
    grids: z.array(z.string()),
  })
  .meta({ id: 'Department' })

const DepartmentStaffSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  role: z.string(),
  roleZh: z.string(),
  roleEn: z.string(),
})

const CreateBody = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - (up to 32)'),
  name: z.string().trim().min(1).max(100),
  contactPhone: z
    .string()
    .regex(/^[0-9+\-\s()]{3,20}$/, 'a phone number')
    .optional(),
  parentCode: z.string().optional(),
  /** What kind of department it is: events route to the kind their category names (see categories). */
  kind: z.enum(DEPARTMENT_KEYS.map((d) => d.key) as [DepartmentKey, ...DepartmentKey[]]).optional(),
})

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

  r.post(
    '/api/departments',
    {
      schema: { tags, summary: 'Define a department', body: CreateBody, response: { 201: DepartmentSchema } },
    },
    async (req, reply) => reply.code(201).send(await departments.create(req.ctx, req.body)),
  )

  r.get(
    '/api/departments/:code/staff',
    {
      schema: {
        tags,
        summary: "A department's staff: users holding a role scoped to it",
        params: z.object({ code: z.string() }),
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
        params: z.object({ code: z.string() }),
        body: z.object({ gridCode: z.string().regex(/^\d+$/) }),
        response: { 200: DepartmentSchema },
      },
    },
    (req) => departments.serve(req.ctx, req.params.code, req.body.gridCode),
  )
}
