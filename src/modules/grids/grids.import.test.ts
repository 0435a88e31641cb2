import { describe, expect, it } from 'vitest'
import { box } from '../../../test/support/geo'
import { codeOfFeature, parseFeature } from './grids.import'

const feature = (properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties: { code: '520101', name: '云岩区', level: 'district', ...properties },
  geometry: box(106, 26, 0.1),
})

describe('the text rule for imported attributes (a Shapefile’s never pass the request check)', () => {
  it.each([
    ['a NUL in a name', { name: '云岩\u0000区' }, 'properties.name'],
    ['a lone surrogate in a unit', { responsible_unit: 'x\ud800' }, 'properties.responsible_unit'],
    ['a bad attribute name', { 'x\u0000': 1 }, 'properties'],
  ])('refuses %s, naming the attribute, not its value', (_name, properties, field) => {
    const parsed = parseFeature(feature(properties))
    expect(parsed).toEqual({
      ok: false,
      problem: 'request.invalid_text',
      reason: `${field}: contains a NUL character or an unpaired surrogate`,
    })
  })

  it('lists a feature whose code is bad text without echoing the code', () => {
    expect(codeOfFeature(feature({ code: '5201\u000001' }))).toBe('')
    expect(codeOfFeature(feature({}))).toBe('520101')
  })

  it('still takes a good feature', () => {
    expect(parseFeature(feature({})).ok).toBe(true)
  })
})
