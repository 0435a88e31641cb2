import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { DataKeyStatusSchema, RotationStartedSchema } from './datakeys.schema'
import type { DataKeysService } from './datakeys.service'

export async function dataKeysRoutes(app: FastifyInstance, opts: { dataKeys: DataKeysService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { dataKeys } = opts
  const tags = ['data keys']
  r.get(
    '/api/data-keys',
    {
      config: { permission: 'datakey.manage' },
      schema: {
        tags,
        summary:
          'The data keys the server holds (ids only), how many values each seals, and the last re-encryption',
        response: { 200: DataKeyStatusSchema },
      },
    },
    (req) => dataKeys.status(req.ctx),
  )
  r.post(
    '/api/data-keys/rotation',
    {
      config: { permission: 'datakey.manage' },
      schema: {
        tags,
        summary:
          'Re-encrypt every personal value under the current key (after a rotation), in the background',
        response: { 202: RotationStartedSchema },
      },
    },
    async (req, reply) => reply.code(202).send(await dataKeys.startRotation(req.ctx)),
  )
}
