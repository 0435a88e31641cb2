import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { Problem } from '../lib/problem'
import { sendProblem } from './error-handler'

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url))

const API_PREFIXES = [
  '/api/',
  '/open311/',
  '/tiles/',
  '/notice/',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/metrics',
]

/** Serves the built web app at `/`; any other GET for a page falls back to index.html (client-side routes). */
export async function registerWeb(app: FastifyInstance) {
  const built = existsSync(`${webDist}/index.html`)
  if (built) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] })
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !API_PREFIXES.some((p) => request.url.startsWith(p))
    if (isPage && built) return reply.type('text/html').sendFile('index.html')
    if (isPage)
      return reply
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build` (npm start does it for you).')
    return sendProblem(
      request,
      reply,
      new Problem(404, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
    )
  })
}
