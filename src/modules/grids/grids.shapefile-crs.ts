import proj4 from 'proj4'
import { Problem } from '../../lib/problem'
import type { Ring } from './grids.shapefile-read'

/** Longitude and latitude on WGS84 from a Shapefile's x, y. */
type ToLngLat = (x: number, y: number) => [number, number]

/** What proj4 makes of a WKT text (its typings leave these fields out). */
interface ParsedCrs {
  projName?: string
  datumCode?: string
  to_meter?: number
  units?: string
}

// CGCS2000 differs from WGS84 by centimetres, below what a grid boundary can tell apart. Other datums
// (Beijing 1954, Xi'an 1980) need shift parameters no .prj carries, so they are refused, not guessed.
const DATUMS = [
  'wgs84',
  'wgs1984',
  'worldgeodeticsystem1984',
  'china2000',
  'cgcs2000',
  'chinageodeticcoordinatesystem2000',
]

const wrongCrs = (crs: string, message: string) => new Problem(422, 'grid.import_crs', message, { crs })

const squash = (name: string) =>
  name
    .toLowerCase()
    .replace(/^d_/, '')
    .replace(/[^a-z0-9]/g, '')

/** The first quoted name of a WKT text: the CRS's own name. */
const crsName = (wkt: string) => /"([^"]*)"/.exec(wkt)?.[1] || 'unknown'

/** How to bring a Shapefile's coordinates to WGS84 longitude/latitude, judged by its .prj. */
function converterOf(prj: string): ToLngLat | null {
  const name = crsName(prj)
  let def: ParsedCrs
  let forward: (xy: [number, number]) => [number, number]
  try {
    def = new proj4.Proj(prj) as unknown as ParsedCrs
    const converter = proj4(prj, 'WGS84')
    forward = (xy) => {
      try {
        return converter.forward(xy)
      } catch {
        return [Number.NaN, Number.NaN] // far outside the projection's domain: refused below
      }
    }
  } catch {
    const what = name === 'unknown' ? 'a CRS that cannot be read' : `${name}, which cannot be converted`
    throw wrongCrs(name, `The .prj describes ${what}: reproject to WGS84 first`)
  }
  const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(prj)?.[1] ?? ''
  if (![datum, def.datumCode ?? ''].some((d) => DATUMS.includes(squash(d)))) {
    throw wrongCrs(
      name,
      `The .prj describes ${name} on the datum ${datum || def.datumCode || 'unknown'}; only WGS84 and CGCS2000 can be imported: reproject to WGS84 first`,
    )
  }
  if (def.projName === 'longlat') return null
  if ((def.to_meter ?? 1) !== 1)
    throw wrongCrs(name, `The .prj describes ${name} in ${def.units}; only metres can be converted`)
  return (x, y) => forward([x, y])
}

const isLngLat = ([lng, lat]: [number, number]) =>
  Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90

/**
 * The shapes in WGS84 longitude/latitude: as they are when geographic (WGS84 or CGCS2000), reprojected
 * when the .prj describes a projected CRS on one of those datums (e.g. CGCS2000 Gauss-Krüger).
 */
export function toLngLat(shapes: (Ring[] | null)[], prj: string | undefined): (Ring[] | null)[] {
  const convert = prj?.trim() ? converterOf(prj) : null
  const out = convert
    ? shapes.map((rings) => rings?.map((ring) => ring.map(([x, y]) => convert(x, y))) ?? null)
    : shapes
  const stray = out.flatMap((rings) => rings ?? []).find((ring) => !ring.every(isLngLat))
  if (!stray) return out
  if (!prj?.trim()) {
    throw wrongCrs(
      'unknown',
      'The coordinates are not longitude/latitude and the zip has no .prj to say what they are: add the .prj or reproject to WGS84',
    )
  }
  const name = crsName(prj)
  throw wrongCrs(name, `The coordinates do not fit ${name}, the CRS of the .prj`)
}
