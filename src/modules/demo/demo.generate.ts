import { seededRng } from '../../lib/random'
import { COMMUNITY_WORDS, DISTRICT_NAMES, STREET_WORDS } from './demo.names'

/** One grid of the demo city, parents listed before their children. */
export interface DemoGrid {
  code: string
  name: string
  level: 'district' | 'street' | 'community' | 'grid' | 'micro'
  parentCode: string | null
  path: string
  /** [west, south, east, north] in degrees: children tile their parent exactly. */
  box: [number, number, number, number]
  households: number
  population: number
}

export type DemoScale = 'district' | 'city'

interface Split {
  cols: number
  rows: number
}

const SPLITS: Record<DemoGrid['level'], Split> = {
  district: { cols: 4, rows: 2 }, // into 8 streets
  street: { cols: 4, rows: 2 }, // into 8 communities
  community: { cols: 3, rows: 2 }, // into 6 grids
  grid: { cols: 4, rows: 2 }, // into 8 micro-grids
  micro: { cols: 0, rows: 0 },
}
const CHILD: Partial<Record<DemoGrid['level'], DemoGrid['level']>> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'micro',
}

const round = (v: number) => Math.round(v * 1e6) / 1e6

/** Cut positions from `from` to `to` in `n` parts, each inner cut moved by up to 20% of a part. */
function cuts(from: number, to: number, n: number, random: () => number): number[] {
  const step = (to - from) / n
  const inner = Array.from({ length: n - 1 }, (_, i) =>
    round(from + step * (i + 1) + (random() - 0.5) * 0.4 * step),
  )
  return [from, ...inner, to]
}

function nameOf(level: DemoGrid['level'], index: number, parentName: string): string {
  if (level === 'street') return `${STREET_WORDS[index % STREET_WORDS.length]}街道`
  if (level === 'community') return `${COMMUNITY_WORDS[index % COMMUNITY_WORDS.length]}社区`
  if (level === 'grid') return `${parentName.replace(/社区$/, '')}第${index + 1}网格`
  return `${parentName}第${index + 1}微网格`
}

/**
 * The demo hierarchy over real coordinates (default centre 30.66N 104.06E): district scale is one
 * district (8 streets, 64 communities, 384 grids, 3,072 micro-grids); city scale is 48 districts
 * (147,456 micro-grids). Micro-grids hold 35–60 households, so grids land inside 300–500 mostly.
 */
export function generateDemo(
  scale: DemoScale,
  seed = 1,
  centre: [number, number] = [104.06, 30.66],
): DemoGrid[] {
  const random = seededRng(seed) // the same seed, the same city
  const out: DemoGrid[] = []
  const districts = scale === 'district' ? 1 : 48
  const cols = scale === 'district' ? 1 : 8
  const width = 0.12
  const height = 0.09
  const west = round(centre[0] - (width * cols) / 2)
  const south = round(centre[1] - (height * Math.ceil(districts / cols)) / 2)

  const visit = (grid: DemoGrid): number => {
    const childLevel = CHILD[grid.level]
    out.push(grid)
    if (!childLevel) return grid.households
    const split = SPLITS[grid.level]
    const [w, s, e, n] = grid.box
    const xs = cuts(w, e, split.cols, random)
    const ys = cuts(s, n, split.rows, random)
    let households = 0
    let index = 0
    for (let r = split.rows - 1; r >= 0; r--) {
      // Numbered west to east, north to south, as DB11/T 2157-2023 numbers unit grids.
      for (let c = 0; c < split.cols; c++) {
        const segment = String(index + 1).padStart(3, '0')
        const own = childLevel === 'micro' ? 35 + Math.floor(random() * 26) : 0
        households += visit({
          code: grid.code + segment,
          name: nameOf(
            childLevel,
            childLevel === 'community' ? Math.floor(random() * 1000) : index,
            grid.name,
          ),
          level: childLevel,
          parentCode: grid.code,
          path: `${grid.path}.${segment}`,
          box: [xs[c] as number, ys[r] as number, xs[c + 1] as number, ys[r + 1] as number],
          households: own,
          population: Math.round(own * 2.6),
        })
        index += 1
      }
    }
    grid.households = households
    grid.population = Math.round(households * 2.6)
    return households
  }

  for (let d = 0; d < districts; d++) {
    const x = round(west + (d % cols) * width)
    const y = round(south + Math.floor(d / cols) * height)
    const code = String(510104 + d)
    visit({
      code,
      name: `${DISTRICT_NAMES[d % DISTRICT_NAMES.length]}${d >= DISTRICT_NAMES.length ? Math.floor(d / DISTRICT_NAMES.length) + 1 : ''}区`,
      level: 'district',
      parentCode: null,
      path: code,
      box: [x, y, round(x + width), round(y + height)],
      households: 0,
      population: 0,
    })
  }
  return out
}
