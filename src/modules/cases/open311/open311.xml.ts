/**
 * GeoReport v2 XML, written by hand: the JSON answers are the "Spark" mapping of it, so one tree
 * serves both. A list becomes an element whose items take the singular names of the standard's
 * examples (services/service, service_requests/request …); null is an empty element.
 */

export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [name: string]: XmlValue }

/** The item element of each list element, as the standard's examples name them. */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  notes: 'note',
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value)) {
    const item = ITEM_OF[name]
    if (!item) throw new Error(`no item element for the list ${name}`)
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')
    return `<${name}>${children}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** A whole document: the declaration, then `root` holding `value`. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`
}
