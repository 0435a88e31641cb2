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

const FIELD_INDEX = 'm/index.html'

/** A path naming a file (`/m/sw.js`, `/m/icons/x.png`): a missing one is a 404, not the app's page. */
const isFile = (path: string) => /\.[a-z0-9]+$/i.test(path)

/** Vite names what it builds into `assets/` by a hash of the content (then `.js`, `.js.br`, …): a new build, a new name. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}(\.\w+)+$/

/**
 * Hashed assets are kept for a year and never revalidated; everything else (index.html, which names
 * the assets of the current build) is revalidated on every visit, so a new release is seen at once.
 */
function cacheFor(path: string) {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/**
 * Serves the built web app at `/`, each text file as the `.br` or `.gz` the build wrote beside it when
 * the browser takes it; any other GET for a page falls back to index.html (client-side routes).
 */
export async function registerWeb(app: FastifyInstance, root = webDist) {
  const built = existsSync(`${root}/index.html`)
  if (built)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', cacheFor(path))
      },
    })
  // The field app (PWA) is a second entry at /m/: its pages fall back to its own index.html.
  const fieldBuilt = existsSync(`${root}/${FIELD_INDEX}`)
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !API_PREFIXES.some((p) => request.url.startsWith(p))
    const path = request.url.split('?')[0] ?? ''
    if (isPage && path === '/m') return reply.redirect('/m/', 301)
    if (isPage && built && fieldBuilt && path.startsWith('/m/') && !isFile(path))
      return reply.type('text/html').sendFile(FIELD_INDEX)
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
