import type { IncomingMessage } from 'node:http'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'
import { basemapOf, basemapOrigins } from '../modules/basemap/basemap.config'

/** A year: the value browsers' preload lists ask for. */
const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Only the geolocation of the public report page's "my location" button is used; the photo inputs
 * are file pickers, which need no camera permission.
 */
const PERMISSIONS_POLICY = [
  'geolocation=(self)',
  'camera=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'display-capture=()',
].join(', ')

/** `host` or `host:port`, nothing that could end a CSP directive. */
const PLAIN_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * The live inbox's WebSocket. CSP level 3 lets 'self' cover ws:/wss: of the page's own host, but not
 * every browser in use does, so the host is also named (when it is a plain host name).
 */
function ownWebSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? ''
  return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'"
}

/** The Content-Security-Policy's directives, with the configured extra origins. */
export function cspDirectives(extraOrigins: readonly string[]) {
  const extra = extraOrigins.map((origin) => origin.replace(/\/$/, ''))
  return {
    defaultSrc: ["'self'"],
    // No inline script and no eval anywhere: the web app and the pages are built files.
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    // antd writes its CSS-in-JS into <style> elements at run time; a nonce would need index.html to be
    // rendered per request. Styles cannot run code, and img-src/connect-src keep them from calling out.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...extra],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", (req: IncomingMessage) => ownWebSockets(req), ...extra],
    // MapLibre's worker is a bundled file; some of its helpers start from blob: URLs.
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    frameSrc: ["'none'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    manifestSrc: ["'self'"],
  }
}

/**
 * Browser protections on every answer (pages, API, problems, 404s): CSP, no framing, no sniffing,
 * a same-origin referrer, an isolated opener, a narrow Permissions-Policy and, over HTTPS, HSTS.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      // The configured base map's tile hosts are let in by themselves (README "Base map").
      directives: cspDirectives([...config.WANGGE_CSP_EXTRA_ORIGINS, ...basemapOrigins(basemapOf(config))]),
    },
    // Same-origin: nothing about a page (a case number in /track/…) leaves the site in a Referer, and
    // same-origin writes still carry their Origin for the CSRF check (no-referrer would send "null").
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // The map's worker and tiles are same-origin, but require-corp would block blob: workers in some browsers.
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    // Set below: only over HTTPS unless configured otherwise.
    strictTransportSecurity: false,
    xPoweredBy: false,
  })
  const mode = config.WANGGE_HSTS
  app.addHook('onRequest', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY)
    if (mode === 'always' || (mode === 'auto' && request.protocol === 'https'))
      reply.header('strict-transport-security', HSTS)
  })
}
