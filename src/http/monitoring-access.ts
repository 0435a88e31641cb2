import { BlockList, isIP } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { forbidden, unauthorized } from '../lib/problem'
import { may } from '../modules/auth/auth.policy'
import type { Permission } from '../modules/auth/permissions'

/** Routes for operators, not for the public: metrics and the API's own description. */
export const MONITORING_ROUTES = ['/metrics', '/docs', '/openapi.json']

/**
 * Besides the monitoring addresses, whoever holds one of these over the whole deployment: the
 * system administrator (users and configuration) or the audit administrator.
 */
const MONITORING_PERMISSIONS: readonly Permission[] = ['user.manage', 'audit.read']

export const isMonitoringRoute = (route: string) =>
  MONITORING_ROUTES.some((prefix) => route === prefix || route.startsWith(`${prefix}/`))

function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(bits), type)
  }
  return list
}

function fromListed(list: BlockList, ip: string): boolean {
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
  if (mapped) return list.check(mapped, 'ipv4') || list.check(ip, 'ipv6')
  const family = isIP(ip)
  return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4')
}

/** A request a proxy passed on for someone else: its socket address is the proxy's, not the client's. */
const forwarded = (request: FastifyRequest) =>
  request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined

/**
 * /metrics, /docs and /openapi.json answer the monitoring addresses (WANGGE_MONITORING_ADDRESSES)
 * and signed-in administrators; anyone else gets 401 or 403. Runs after the request context.
 * Without a trusted proxy (WANGGE_TRUST_PROXY), a forwarded request is never from a monitoring
 * address: a proxy on the same host would otherwise lend every client its loopback address.
 */
export function registerMonitoringAccess(
  app: FastifyInstance,
  opts: { addresses: readonly string[]; proxyTrusted: boolean },
) {
  const list = addressList(opts.addresses)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!isMonitoringRoute(request.routeOptions.url ?? '')) return
    const addressBelieved = opts.proxyTrusted || !forwarded(request)
    if (addressBelieved && fromListed(list, request.ip)) return
    const actor = request.ctx.actor
    if (!actor) throw unauthorized('auth.unauthenticated', 'Sign in first')
    if (!MONITORING_PERMISSIONS.some((p) => may(actor, p)))
      throw forbidden('auth.forbidden', 'Metrics and API documents are for administrators')
  })
}
