import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  IdParamsSchema,
  RecoveryCodesSchema,
  SecondFactorConfirmBodySchema,
  SecondFactorEnrolmentSchema,
} from './auth.schema'
import type { SecondFactorService } from './second-factor.service'

export async function secondFactorRoutes(app: FastifyInstance, opts: { secondFactor: SecondFactorService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { secondFactor } = opts
  const tags = ['auth']

  r.post(
    '/api/auth/second-factor/enrol',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Start enrolling a second factor (TOTP): a new secret, pending until confirmed',
        response: { 200: SecondFactorEnrolmentSchema },
      },
    },
    (req) => secondFactor.enrol(req.ctx),
  )

  r.post(
    '/api/auth/second-factor/confirm',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Confirm the enrolment with a code; answers the recovery codes, this once',
        body: SecondFactorConfirmBodySchema,
        response: { 200: RecoveryCodesSchema },
      },
    },
    (req) => secondFactor.confirm(req.ctx, req.body.code),
  )

  r.delete(
    '/api/users/:id/second-factor',
    {
      preHandler: requireActor,
      config: { permission: ['grant.manage', 'user.manage'] },
      schema: {
        tags: ['users'],
        summary: "Reset a user's second factor (a lost phone): they enrol again",
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await secondFactor.reset(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
