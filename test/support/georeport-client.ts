/**
 * A GeoReport v2 client written from the standard alone (http://wiki.open311.org/GeoReport_v2), with
 * the method surface of codeforamerica's node-open311: it builds `{base}/{resource}.{format}` URLs,
 * puts `jurisdiction_id` in the query string and `api_key` in the form body, sends POSTs as
 * application/x-www-form-urlencoded, and reads both JSON and XML into the same shape (XML through
 * the tiny parser below), so one test can run against either format.
 */

export type GeoReportFormat = 'json' | 'xml'

export interface WireRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

export interface WireResponse {
  status: number
  contentType: string
  body: string
}

/** How the client reaches a server: `fetch` in production, `app.inject` in tests. */
export type Transport = (request: WireRequest) => Promise<WireResponse>

export interface GeoReportError {
  code: number | string
  description: string
}

export interface GeoReportResult<T> {
  status: number
  contentType: string
  /** The answer when the status is 2xx. */
  data: T | null
  /** The standard's error list otherwise. */
  errors: GeoReportError[] | null
  raw: string
}

type Scalar = string | number | boolean | null
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in tests, whatever their shape
export type Parsed = any

export interface GeoReportClientOptions {
  /** The endpoint URL, e.g. `http://localhost/open311/v2` (or a path for `inject`). */
  endpoint: string
  format: GeoReportFormat
  send: Transport
  apiKey?: string
  jurisdictionId?: string
}

type Params = Record<string, string | number | undefined>

export function georeportClient(options: GeoReportClientOptions) {
  const { endpoint, format, send } = options

  function url(resource: string, params: Params = {}): string {
    const query = new URLSearchParams()
    if (options.jurisdictionId) query.set('jurisdiction_id', options.jurisdictionId)
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v))
    const qs = query.toString()
    return `${endpoint.replace(/\/$/, '')}/${resource}.${format}${qs ? `?${qs}` : ''}`
  }

  async function call<T>(request: WireRequest): Promise<GeoReportResult<T>> {
    const res = await send(request)
    const parsed = res.body ? readBody(res.body, res.contentType) : null
    const ok = res.status >= 200 && res.status < 300
    return {
      status: res.status,
      contentType: res.contentType,
      data: ok ? (parsed as T) : null,
      errors: ok ? null : (parsed as GeoReportError[]),
      raw: res.body,
    }
  }

  const get = <T>(resource: string, params?: Params) =>
    call<T>({ method: 'GET', url: url(resource, params), headers: { accept: accepts(format) } })

  return {
    url,
    serviceDiscovery: () => get<Parsed>('discovery'),
    serviceList: () => get<Parsed[]>('services'),
    serviceDefinition: (code: string) => get<Parsed>(`services/${encodeURIComponent(code)}`),
    /**
     * POST requests.{format}: `attributes` become `attribute[CODE]=value`; `api_key` is the client's
     * unless `fields` names one (or sets it to undefined to send none).
     */
    submitRequest(
      fields: Params,
      attributes: Record<string, string> = {},
      headers: Record<string, string> = {},
    ) {
      const form = new URLSearchParams()
      const all: Params = { api_key: options.apiKey, ...fields }
      for (const [k, v] of Object.entries(all)) if (v !== undefined) form.set(k, String(v))
      for (const [k, v] of Object.entries(attributes)) form.set(`attribute[${k}]`, v)
      return call<Parsed[]>({
        method: 'POST',
        url: url('requests'),
        headers: {
          accept: accepts(format),
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: form.toString(),
      })
    },
    token: (token: string) => get<Parsed[]>(`tokens/${encodeURIComponent(token)}`),
    /** GET requests.{format}; `service_request_id` may be a list. */
    serviceRequests(params: Params & { service_request_id?: string | string[] } = {}) {
      const { service_request_id: ids, ...rest } = params
      return get<Parsed[]>('requests', {
        ...rest,
        service_request_id: Array.isArray(ids) ? ids.join(',') : ids,
      })
    },
    serviceRequest: (id: string, params?: Params) =>
      get<Parsed[]>(`requests/${encodeURIComponent(id)}`, params),
  }
}

const accepts = (format: GeoReportFormat) => (format === 'json' ? 'application/json' : 'text/xml')

function readBody(body: string, contentType: string): Parsed {
  if (/xml/.test(contentType) || body.trimStart().startsWith('<')) return fromXml(parseXml(body))
  return JSON.parse(body)
}

// ---------------------------------------------------------------------------------------------------
// XML → the JSON ("Spark") shape of the standard

/** The standard's list elements and the name of their items. */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  notes: 'note',
}

/** Fields the standard types as numbers or booleans (XML carries text); `parent.field` when it depends. */
const NUMBERS = new Set(['lat', 'long', 'order', 'error.code'])
const BOOLEANS = new Set(['metadata', 'variable', 'required'])

function typed(parent: string, name: string, text: string): Scalar {
  if (text === '') return null
  const key = `${parent}.${name}`
  if (NUMBERS.has(name) || NUMBERS.has(key)) {
    const n = Number(text)
    return Number.isNaN(n) ? text : n
  }
  if (BOOLEANS.has(name)) return text === 'true'
  return text
}

function fromElement(el: XmlElement, parent: string): Parsed {
  const item = LISTS[el.name]
  if (item && el.children.every((c) => c.name === item))
    return el.children.map((c) => fromElement(c, el.name))
  if (el.children.length === 0) return typed(parent, el.name, el.text)
  return Object.fromEntries(el.children.map((c) => [c.name, fromElement(c, el.name)]))
}

export function fromXml(root: XmlElement): Parsed {
  return fromElement(root, '')
}

// ---------------------------------------------------------------------------------------------------
// A tiny XML parser: elements, text, entities, CDATA; declarations, comments and attributes skipped.

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** The element's own text (its children's excluded), entities decoded. */
  text: string
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    const named = NAMED[ref]
    if (named === undefined) throw new Error(`unknown entity ${whole}`)
    return named
  })
}

export function parseXml(source: string): XmlElement {
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`XML: ${why} at ${i}: ${source.slice(i, i + 40)}`)
  }
  const skipPast = (marker: string) => {
    const at = source.indexOf(marker, i)
    if (at < 0) fail(`${marker} expected`)
    i = at + marker.length
  }
  const skipMisc = () => {
    for (;;) {
      while (/\s/.test(source[i] ?? '')) i++
      if (source.startsWith('<?', i)) skipPast('?>')
      else if (source.startsWith('<!--', i)) skipPast('-->')
      else if (source.startsWith('<!DOCTYPE', i)) skipPast('>')
      else return
    }
  }
  const name = () => {
    const m = /^[A-Za-z_][\w.-]*(?::[\w.-]+)?/.exec(source.slice(i))
    if (!m) return fail('a name expected')
    i += m[0].length
    return m[0]
  }
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('< expected')
    i++
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' }
    for (;;) {
      while (/\s/.test(source[i] ?? '')) i++
      if (source.startsWith('/>', i)) {
        i += 2
        return el
      }
      if (source[i] === '>') {
        i++
        break
      }
      const attr = name()
      const m = /^\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i))
      if (!m) fail('an attribute value expected')
      el.attributes[attr] = decode(m?.[2] ?? m?.[3] ?? '')
      i += m?.[0].length ?? 0
    }
    let text = ''
    for (;;) {
      if (i >= source.length) fail(`</${el.name}> expected`)
      if (source.startsWith('</', i)) {
        i += 2
        if (name() !== el.name) fail(`</${el.name}> expected`)
        while (/\s/.test(source[i] ?? '')) i++
        if (source[i] !== '>') fail('> expected')
        i++
        el.text = el.children.length ? text.trim() : text
        return el
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i)
        if (end < 0) fail('unterminated CDATA')
        text += source.slice(i + 9, end)
        i = end + 3
      } else if (source.startsWith('<!--', i)) {
        skipPast('-->')
      } else if (source[i] === '<') {
        el.children.push(element())
      } else {
        const next = source.indexOf('<', i)
        const end = next < 0 ? source.length : next
        text += decode(source.slice(i, end))
        i = end
      }
    }
  }
  skipMisc()
  const root = element()
  skipMisc()
  if (i < source.length) fail('content after the root element')
  return root
}
