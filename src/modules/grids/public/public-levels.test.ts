import { describe, expect, it } from 'vitest'
import { DEFAULT_SCHEME, type LevelDef, publicLevels } from '../grids.levels'

const level = (key: string, extra: Partial<LevelDef> = {}): LevelDef => ({
  key,
  zh: key,
  en: key,
  width: 3,
  parents: [],
  ...extra,
})

describe('which levels residents see', () => {
  it('by default: district, street and community, never a grid or a micro-grid', () => {
    expect(publicLevels(DEFAULT_SCHEME)).toEqual(['district', 'street', 'community'])
  })

  it("follows a scheme's own marks, else stops above the first staffed level, else shows the root alone", () => {
    const town = [level('county'), level('town'), level('village'), level('hamlet')]
    expect(
      publicLevels({ levels: town.map((l) => (l.key === 'town' ? { ...l, public: true } : l)) }),
    ).toEqual(['town'])
    expect(
      publicLevels({ levels: town.map((l) => (l.key === 'village' ? { ...l, workers: 1 } : l)) }),
    ).toEqual(['county', 'town'])
    expect(publicLevels({ levels: town })).toEqual(['county'])
  })
})
