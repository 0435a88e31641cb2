import { describe, expect, it } from 'vitest'
import type { BulletinBody } from './assessment.bulletin.body'
import { bulletinSections } from './assessment.bulletin.text'

const ranking = (subject: 'grid' | 'worker', name: string, grid: string) => ({
  scheme: { code: `${subject}-monthly`, name: { zh: '月度考核', en: 'Monthly' }, subject, version: 1 },
  run: { id: 'r1', state: 'published', dataVersion: 'v1' },
  subjects: 2,
  ranked: 2,
  red: [{ name, grid, score: 96.5, stars: 5, rank: 1 }],
  black: [{ name: `${name}乙`, grid, score: 61, stars: 0, rank: 2 }],
  stars: { 5: 1 },
})

const body: BulletinBody = {
  area: { path: '510104.002', name: '书院街道' },
  period: '2026-11',
  from: '2026-11-01',
  to: '2026-12-01',
  composedAt: '2026-12-07T10:00:00.000Z',
  events: { total: null, children: [], topProblems: [], overdue: { total: 0, items: [] }, praised: [] },
  rankings: [ranking('grid', '和平第3网格', '和平第3网格'), ranking('worker', '张敏', '和平第3网格')],
}

describe('the ranking tables of a bulletin', () => {
  it('name a worker’s grid, and do not repeat a grid’s own name beside it', () => {
    const [grids, workers] = bulletinSections(body, 'zh').filter((s) => s.key.startsWith('ranking:'))
    expect(grids?.header).toEqual(['榜单', '名次', '名称', '得分', '星级'])
    expect(grids?.rows).toEqual([
      ['红榜', 1, '和平第3网格', 96.5, 5],
      ['黑榜', 2, '和平第3网格乙', 61, 0],
    ])
    expect(workers?.header).toEqual(['榜单', '名次', '名称', '所在网格', '得分', '星级'])
    expect(workers?.rows[0]).toEqual(['红榜', 1, '张敏', '和平第3网格', 96.5, 5])
    expect(grids?.widths).toHaveLength(5)
    expect(bulletinSections(body, 'en').find((s) => s.key === 'ranking:worker-monthly')?.header).toContain(
      'Grid',
    )
  })
})
