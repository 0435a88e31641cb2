import { maskPii } from '../../../lib/pii'

/**
 * What of a case may be published to anyone (Open311 lists, one request by number): pure helpers
 * that coarsen the place and clean the text. The rule which cases are published at all (public
 * category, reporter's consent) is in the queries that read them.
 */

/**
 * Where a building, a unit, a floor or a door starts: a number (Arabic, full-width, or Chinese with
 * a unit word: 五号楼, 三单元), `#`, or letters naming a building (B栋, A座). Everything from there
 * on points at a home.
 */
const BUILDING =
  /[0-9０-９#＃]|[一二三四五六七八九十百零〇两]+\s*(?:号|栋|幢|座|单元|室|层|楼|户|弄)|[A-Za-zＡ-Ｚａ-ｚ]+\s*(?:号楼|栋|幢|座|单元)/u

/**
 * A road or an estate at the start of what is left, and only that: 锦江路李四家门口 → 锦江路. The
 * shortest such start, so a name written after the road does not ride along.
 */
const ROAD_OR_ESTATE =
  /^.*?(?:大道|胡同|小区|花园|社区|公园|广场|路|街|道|巷|弄|苑|村|里|(?:\s(?:road|street|avenue|lane))(?![a-z]))/iu

/**
 * An address cut after its road or estate: 锦江路 1 号门口 → 锦江路, 幸福小区B栋2单元 → 幸福小区.
 * When no road or estate starts it (Room 1203, a landmark, a name), the place's community name
 * `area` instead of free text; null when there is neither.
 */
export function publicAddress(address: string | null, area: string | null = null): string | null {
  if (!address) return area
  const at = address.search(BUILDING)
  const kept = (at === -1 ? address : address.slice(0, at)).replace(/[\s,，、.。:：;；(（\-–—]+$/u, '').trim()
  const road = ROAD_OR_ESTATE.exec(kept)?.[0].trim()
  return road ? maskPii(road) : area
}

const METRES_PER_DEGREE = 111_320

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * A point moved to the centre of its cell in a grid of `metres` squares, so that a published case
 * says the block, not the door. Cells are square on the ground: a degree of longitude is shorter
 * away from the equator.
 */
export function coarsenPoint(
  point: { lng: number; lat: number },
  metres: number,
): { lng: number; lat: number } {
  const latStep = metres / METRES_PER_DEGREE
  const lat = (Math.floor(point.lat / latStep) + 0.5) * latStep
  const lngStep = metres / (METRES_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01))
  const lng = (Math.floor(point.lng / lngStep) + 0.5) * lngStep
  return { lng: round6(lng), lat: round6(lat) }
}

/** Staff-written text on its way out: personal numbers masked. */
export const publicText = (text: string | null): string | null => (text === null ? null : maskPii(text))
