import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { GridOutlineSchema } from './grids.schema'
import type { GridsService } from './grids.service'

const OutlineQuerySchema = z.object({
  parent: z.string().regex(/^\d+$/).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})

const OutlineNodeSchema = GridOutlineSchema.extend({
  /** The grid's ltree path: what a grant's scope names. */
  path: z.string(),
  /** Whether it has current children (a picker loads them when opened). */
  hasChildren: z.boolean(),
}).meta({ id: 'GridOutlineNode' })

/** `/api/grids/outline`: the tree for pickers, for readers of grids and those who grant roles in them. */
export async function gridOutlineRoutes(app: FastifyInstance, opts: { grids: GridsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/api/grids/outline',
    {
      preHandler: requireActor,
      schema: {
        tags: ['grids'],
        summary: 'The grid tree one level at a time, or searched: codes, names, levels and paths only',
        querystring: OutlineQuerySchema,
        response: { 200: z.object({ items: z.array(OutlineNodeSchema) }) },
      },
    },
    (req) => opts.grids.outline(req.ctx, req.query),
  )
}
