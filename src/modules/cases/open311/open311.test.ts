import { describe, expect, it } from 'vitest'
import { fromXml, parseXml } from '../../../../test/support/georeport-client'
import { CASE_STATES, type CaseState, CLOSED_STATES } from '../cases.states'
import { DETAILED_STATUS, expectedAt, noticeOf, statusOf } from './open311.map'
import { escapeXml, toXml } from './open311.xml'

describe('status mapping', () => {
  it.each(Object.keys(CASE_STATES) as CaseState[])(
    'maps %s to open or closed as the loop ends it',
    (state) => {
      expect(statusOf(state)).toBe(CASE_STATES[state].open ? 'open' : 'closed')
      expect(DETAILED_STATUS[state]).toMatch(/^[A-Z_]+$/)
    },
  )

  it('closes exactly the four states that end the loop', () => {
    expect([...CLOSED_STATES].sort()).toEqual(['closed', 'merged', 'rejected', 'voided'])
  })

  it('expects the running stage’s deadline, and none when no clock runs', () => {
    const due = { accept_due: new Date(1), handle_due: new Date(2), verify_due: new Date(3) }
    expect(expectedAt({ state: 'reported', ...due })).toEqual(new Date(1))
    expect(expectedAt({ state: 'dispatched', ...due })).toEqual(new Date(2))
    expect(expectedAt({ state: 'handled', ...due })).toEqual(new Date(3))
    expect(expectedAt({ state: 'suspended', ...due })).toBeNull()
    expect(expectedAt({ state: 'closed', ...due })).toBeNull()
  })

  it('tells the limits in working time', () => {
    const limits = {
      accept: { hours: 1 },
      handle: { normal: { days: 2 }, urgent: { hours: 4 }, critical: { hours: 2 } },
      verify: { hours: 2 },
    }
    // biome-ignore lint/suspicious/noExplicitAny: only the limits are read
    expect(noticeOf({ limits } as any)).toBe('1 工作时内受理，2 工作日内处置')
    expect(noticeOf(null)).toBeNull()
  })
})

describe('XML', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;')
    expect(escapeXml('bell\u0007 tab\t 路灯 \uD800!')).toBe('bell tab\t 路灯 !')
  })

  it('writes lists with the standard’s item names, null as an empty element', () => {
    expect(
      toXml('services', [{ service_code: '06010', metadata: false, group: null, keywords: 'a,b' }]),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>06010</service_code><metadata>false</metadata><group/><keywords>a,b</keywords></service></services>\n',
    )
    expect(() => toXml('things', [1])).toThrow(/things/)
  })

  it('reads back, through the test client’s parser, as the JSON it mirrors', () => {
    const requests = [
      {
        service_request_id: 'E20261123000001',
        status: 'open',
        description: '<script>alert("x")</script> & 垃圾',
        lat: 30.5,
        long: 104.06,
        media_url: null,
        attributes: [{ code: 'volume', value: 'small' }],
        extended_attributes: { detailed_status: 'OPEN' },
        notes: [{ type: 'report', description: null }],
      },
    ]
    expect(fromXml(parseXml(toXml('service_requests', requests)))).toEqual(requests)
    const errors = [{ code: 400, description: 'service_code is required' }]
    expect(fromXml(parseXml(toXml('errors', errors)))).toEqual(errors)
    expect(fromXml(parseXml(toXml('service_definition', { service_code: '1', attributes: [] })))).toEqual({
      service_code: '1',
      attributes: [],
    })
  })
})
