import { describe, expect, it } from 'vitest'
import { composeArea } from '../web/src/bulletins/composeArea'

const grant = (path: string, permissions: string[]) => ({
  id: '00000000-0000-0000-0000-000000000000',
  roleId: '00000000-0000-0000-0000-000000000000',
  roleKey: 'r',
  roleNameZh: 'r',
  roleNameEn: 'r',
  permissions,
  scope: { type: 'grid' as const, path },
})

describe('the area a bulletin is composed for when none is picked', () => {
  it("is a street chief's street, by its grid code (not the whole deployment, which they may not compose)", () => {
    expect(composeArea({ grants: [grant('510104.002', ['case.read', 'assessment.manage'])] })).toBe(
      '510104002',
    )
  })

  it('is the widest area the reader manages assessments in, not one they only read', () => {
    const me = {
      grants: [
        grant('510104', ['assessment.read']),
        grant('510104.003.002', ['assessment.manage']),
        grant('510104.002', ['assessment.manage']),
      ],
    }
    expect(composeArea(me)).toBe('510104002')
  })

  it('is the whole deployment for those who manage everywhere', () => {
    expect(composeArea({ grants: [grant('', ['*'])] })).toBeUndefined()
    expect(
      composeArea({ grants: [grant('510104', ['assessment.manage']), grant('', ['assessment.manage'])] }),
    ).toBeUndefined()
  })
})
