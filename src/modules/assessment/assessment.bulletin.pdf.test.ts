import { existsSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { BulletinBody } from './assessment.bulletin.body'
import { bulletinPdf } from './assessment.bulletin.pdf'

const FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/arphic/ukai.ttc',
]
const font = FONTS.find((f) => existsSync(f))

/** A closure whose class and department are longer than their columns are wide. */
const praised = (no: string) => ({
  no,
  category_zh: '擅自在临街的建筑物上挂彩旗',
  category_en: 'Flags on a street front',
  grid_name: '和平第3网格第2微网格',
  department: '区综合行政执法局市容秩序大队',
  at: '2026-12-07T10:00:00.000Z',
})

const body: BulletinBody = {
  area: { path: '510104.002', name: '书院街道' },
  period: '2026-12',
  from: '2026-12-01',
  to: '2027-01-01',
  composedAt: '2026-12-07T10:00:00.000Z',
  events: {
    total: null,
    children: [],
    topProblems: [],
    overdue: { total: 0, items: [] },
    praised: Array.from({ length: 40 }, (_, i) => praised(`E202612070000${String(i).padStart(2, '0')}`)),
  },
  rankings: [],
}

/** Where each line of text starts, page by page: the `Tm` of every text object in the pages' streams. */
function textOrigins(pdf: Buffer): { x: number; y: number }[][] {
  const raw = pdf.toString('latin1')
  const pages: { x: number; y: number }[][] = []
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length
    const end = raw.indexOf('endstream', start)
    let content: string
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1')
    } catch {
      continue // a font or an image, not a page
    }
    const origins = [...content.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm/g)].map((t) => ({
      x: Number(t[1]),
      y: Number(t[2]),
    }))
    if (origins.length > 0) pages.push(origins)
  }
  return pages
}

describe('a bulletin printed as a PDF', () => {
  it.skipIf(!font)('wraps a cell wider than its column and moves the next row below it', async () => {
    const pages = textOrigins(await bulletinPdf(body, font ?? ''))
    expect(pages.length).toBeGreaterThan(1)
    for (const origins of pages) {
      // Lines that start in the same column are a line apart at least: none is printed over another.
      const columns = new Map<number, number[]>()
      for (const o of origins) columns.set(Math.round(o.x), [...(columns.get(Math.round(o.x)) ?? []), o.y])
      for (const ys of columns.values()) {
        const sorted = ys.sort((a, b) => b - a)
        for (const [i, y] of sorted.slice(1).entries())
          expect((sorted[i] ?? 0) - y, `lines at ${y} and ${sorted[i]}`).toBeGreaterThanOrEqual(9)
      }
    }
  })
})
