/** Which levels a tile at zoom z shows: streets far out, micro-grids close in. */
const ZOOMS: Record<string, [number, number]> = {
  district: [0, 10],
  street: [9, 13],
  community: [11, 15],
  grid: [13, 22],
  micro: [15, 22],
}

export function levelsAtZoom(z: number): string[] {
  return Object.entries(ZOOMS)
    .filter(([, [min, max]]) => z >= min && z <= max)
    .map(([level]) => level)
}

/** The tile (x, y) containing a point at zoom z (Web Mercator, as MapLibre numbers tiles). */
export function tileOf(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z
  const x = Math.floor(((lng + 180) / 360) * n)
  const rad = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return { x, y }
}
