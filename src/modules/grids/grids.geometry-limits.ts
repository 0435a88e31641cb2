import type { Tx } from '../../db/database'
import { Problem } from '../../lib/problem'
import { sqlStateOf } from '../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { gridsRepo } from './grids.repo'

/**
 * What one request may ask of the geometry engine. PostGIS work grows with the vertices, and on the
 * embedded database it runs on the event loop's thread, so the caps are checked before any SQL.
 */
export interface GeometryLimits {
  /** Vertices of one boundary (one feature of an import). */
  perFeature: number
  /** Vertices of all the features of one import together. */
  perImport: number
  /** Longest single geometry statement on a PostgreSQL server (the embedded database has no timer). */
  timeoutMs: number
}

/** Positions (each ring's closing one included) in a GeoJSON geometry of any shape, not trusting its structure. */
export function vertexCount(geometry: unknown): number {
  let count = 0
  const walk = (value: unknown, depth: number) => {
    if (!Array.isArray(value) || depth > 4) return
    if (typeof value[0] === 'number') {
      count += 1
      return
    }
    for (const item of value) walk(item, depth + 1)
  }
  walk((geometry as { coordinates?: unknown } | null)?.coordinates, 0)
  return count
}

const tooComplex = (title: string, extra: Record<string, unknown>) =>
  new Problem(422, 'grid.geometry_too_complex', title, extra)

/** Refuses a boundary of more than `perFeature` vertices, naming the grid it was for. */
export function checkBoundaryVertices(boundary: unknown, code: string, limits: GeometryLimits) {
  const vertices = vertexCount(boundary)
  if (vertices > limits.perFeature)
    throw tooComplex(`The boundary of ${code} has ${vertices} vertices; at most ${limits.perFeature}`, {
      grid: code,
      vertices,
      limit: limits.perFeature,
    })
}

/**
 * Refuses a split with a part above the per-feature cap, or above the per-import cap in all: many
 * parts each under the first cap are as much work as an import of them.
 */
export function checkPartsVertices(
  parts: readonly { code: string; boundary: unknown }[],
  limits: GeometryLimits,
) {
  let total = 0
  for (const part of parts) {
    checkBoundaryVertices(part.boundary, part.code, limits)
    total += vertexCount(part.boundary)
  }
  if (total > limits.perImport)
    throw tooComplex(`The parts have ${total} vertices; at most ${limits.perImport} in all`, {
      vertices: total,
      limit: limits.perImport,
    })
}

/** Refuses an import with a feature above the per-feature cap, or above the per-import cap in all. */
export function checkImportVertices(
  features: readonly unknown[],
  codeOf: (f: unknown) => string,
  limits: GeometryLimits,
) {
  let total = 0
  for (const [index, feature] of features.entries()) {
    const vertices = vertexCount((feature as { geometry?: unknown } | null)?.geometry)
    const code = codeOf(feature)
    if (vertices > limits.perFeature)
      throw tooComplex(
        `Feature ${index}${code ? ` (${code})` : ''} has ${vertices} vertices; at most ${limits.perFeature} per feature`,
        { index, grid: code, vertices, limit: limits.perFeature },
      )
    total += vertices
  }
  if (total > limits.perImport)
    throw tooComplex(`The import has ${total} vertices; at most ${limits.perImport} per import`, {
      vertices: total,
      limit: limits.perImport,
    })
}

/**
 * A transaction for geometry a user asked for: each statement is cut off after `timeoutMs` on a
 * PostgreSQL server, and the cut is answered as `422 grid.geometry_timeout`, not as a server fault.
 */
export async function geometryTransaction<T>(
  deps: ServiceDeps,
  timeoutMs: number,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(deps, async (tx) => {
      await gridsRepo.limitStatementTime(tx, timeoutMs)
      return fn(tx)
    })
  } catch (error) {
    // 57014 query_canceled: the statement ran past the timeout.
    if (sqlStateOf(error) !== '57014') throw error
    throw new Problem(
      422,
      'grid.geometry_timeout',
      `Checking the geometry took longer than ${timeoutMs / 1000} s: simplify the boundaries or import fewer at once`,
      { timeoutMs },
    )
  }
}
