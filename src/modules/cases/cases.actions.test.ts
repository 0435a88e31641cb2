import { describe, expect, it } from 'vitest'
import { ownerAt } from './cases.actions'

const chain = (...levels: string[]) =>
  levels.map((level, i) => ({ level, path: levels.slice(0, i + 1).join('.') }))

describe('the owner of a case at its handling level', () => {
  it('is the chain’s grid of that level', () => {
    expect(ownerAt(chain('district', 'street', 'community', 'grid', 'micro'), 'community')).toBe(
      'district.street.community',
    )
  })

  it('is the nearest grid above the leaf at that level or higher when the chain skips it', () => {
    // An exclusive grid hangs straight under a street: a community-level case belongs to the street.
    expect(ownerAt(chain('district', 'street', 'grid'), 'community')).toBe('district.street')
    expect(ownerAt(chain('district', 'street', 'grid'), 'grid')).toBe('district.street.grid')
  })
})
