// Read back in tests, as MapLibre reads them (both come with MapLibre's dependencies; no types ship).
declare module 'pbf' {
  export default class Protobuf {
    constructor(buffer: Uint8Array)
  }
}
declare module '@mapbox/vector-tile' {
  import type Protobuf from 'pbf'
  export class VectorTile {
    constructor(pbf: Protobuf)
    layers: Record<
      string,
      {
        length: number
        feature(i: number): {
          properties: Record<string, unknown>
          toGeoJSON(x: number, y: number, z: number): { geometry: { type: string; coordinates: number[] } }
        }
      }
    >
  }
}
