/** A GeoJSON Polygon: the square (or w × h rectangle) with its south-west corner at x, y. */
export function box(x: number, y: number, w: number, h = w) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ] as [number, number][],
    ],
  }
}
