import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { type GeoReportFormat, georeportClient } from '../../../../test/support/georeport-client'

let t: TestApp
beforeAll(async () => {
  t = await testApp({ WANGGE_OPEN311_RATE_LIMIT: '3' })
})
afterAll(() => t?.close())

/** A GeoReport client calling from one address; `retryAfter` is the last answer's Retry-After. */
function clientAt(format: GeoReportFormat, remoteAddress: string) {
  const seen: { retryAfter?: string } = {}
  const client = georeportClient({
    endpoint: '/open311/v2',
    format,
    send: async (r) => {
      const res = await t.app.inject({ method: r.method, url: r.url, headers: r.headers, remoteAddress })
      seen.retryAfter = res.headers['retry-after'] as string | undefined
      return { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.body }
    },
  })
  return Object.assign(client, { seen })
}

describe.each([
  ['json', '198.51.100.1', '198.51.100.2'],
  ['xml', '198.51.100.3', '198.51.100.4'],
] as [GeoReportFormat, string, string][])(
  'GeoReport v2 request lists in %s',
  (format, harvester, neighbour) => {
    it('answers an address asking too often with 429 in the standard’s errors, and others as before', async () => {
      const client = clientAt(format, harvester)
      for (let k = 0; k < 3; k++) expect((await client.serviceRequests()).status).toBe(200)
      const refused = await client.serviceRequests()
      expect(refused.status, refused.raw).toBe(429)
      expect(refused.contentType).toBe(
        format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
      )
      expect(refused.errors).toEqual([
        { code: 429, description: expect.stringMatching(/at most 3 a minute/) },
      ])
      expect(Number(client.seen.retryAfter)).toBeGreaterThan(0)
      // The rest of the endpoint is not throttled, nor is anyone else.
      expect((await client.serviceList()).status).toBe(200)
      expect((await clientAt(format, neighbour).serviceRequests()).status).toBe(200)
    })

    it('refuses pages reaching past 10,000 rows with a 400 saying why', async () => {
      const client = clientAt(format, `${neighbour}0`)
      expect((await client.serviceRequests({ page: 10, page_size: 1000 })).status).toBe(200)
      const deep = await client.serviceRequests({ page: 11 })
      expect(deep.status, deep.raw).toBe(400)
      expect(deep.errors).toEqual([
        {
          code: 400,
          description: expect.stringMatching(/page × page_size may not exceed 10000 \(asked 11 × 1000\)/),
        },
      ])
      expect((await client.serviceRequests({ page: 5001, page_size: 2 })).status).toBe(400)
    })
  },
)
