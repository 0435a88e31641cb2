import { describe, expect, it } from 'vitest'
import { mentionsOf } from './audit.names'

describe('what a page of summaries names', () => {
  it('finds grids, departments and roles at the top, in grants and in a scope', () => {
    const mentions = mentionsOf([
      {
        username: 'li',
        grants: [
          { role: 'grid_worker', grid: '510104.001' },
          { role: 'officer', department: 'd-1' },
        ],
      },
      { name: 'hotline', role: 'intake_clerk', scope: { type: 'grid', path: '510104' } },
      { scope: { type: 'department', id: 'd-2' } },
      { parts: ['510104001', '510104002'], reason: '人口增长' },
    ])
    expect(mentions).toEqual({
      grids: ['510104.001', '510104', '510104001', '510104002'],
      departments: ['d-1', 'd-2'],
      roles: ['grid_worker', 'officer', 'intake_clerk'],
    })
  })

  it('leaves out what cannot be a code: free text, the root path, nested depths', () => {
    const mentions = mentionsOf([
      { grid: '', reason: '调整', grants: [{ scope: { type: 'grid', path: 'x' } }] },
    ])
    expect(mentions).toEqual({ grids: [], departments: [], roles: [] })
  })
})
