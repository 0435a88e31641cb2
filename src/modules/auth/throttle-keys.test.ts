import { describe, expect, it } from 'vitest'
import { throttleSourceOf } from './throttle-keys'

describe('throttleSourceOf', () => {
  it('counts every address of one IPv6 /64 as one source, written any way', () => {
    const a = throttleSourceOf('2001:db8:1:2::1')
    expect(a).toBe('2001:db8:1:2::/64')
    expect(throttleSourceOf('2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).toBe(a)
    expect(throttleSourceOf('2001:db8:1:3::1')).not.toBe(a)
  })

  it('keeps IPv4 addresses apart, and an IPv4-mapped address is its IPv4 address', () => {
    expect(throttleSourceOf('203.0.113.7')).toBe('203.0.113.7')
    expect(throttleSourceOf('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(throttleSourceOf('203.0.113.8')).not.toBe('203.0.113.7')
  })

  it('counts a missing address as one source', () => {
    expect(throttleSourceOf(null)).toBe('')
  })
})
