import type { FastifyRouteSchemaDef } from 'fastify/types/schema'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { GridImportBodySchema } from './grids.schema'

const ShapefileZipSchema = z
  .custom<Buffer>((body) => Buffer.isBuffer(body))
  .meta({
    type: 'string',
    format: 'binary',
    description:
      'A zipped Shapefile (application/zip): one .shp and .dbf, optionally .prj and .cpg, its fields named like the GeoJSON properties',
  })

/** The import body: a GeoJSON FeatureCollection, or the bytes of a zipped Shapefile. */
export const GridImportRequestSchema = z.union([GridImportBodySchema, ShapefileZipSchema])

/**
 * Checks the import body by its kind: zip bytes go on to the Shapefile reader, and JSON is checked as a
 * FeatureCollection on its own, since a failed union would say only "invalid input" instead of the field.
 */
export function importValidatorCompiler<S>(route: FastifyRouteSchemaDef<S>) {
  // Fastify hands a compiler one part's schema at a time, though its typings name the route's whole schema.
  const part = route as unknown as FastifyRouteSchemaDef<z.ZodType>
  if (part.httpPart !== 'body') return validatorCompiler(part)
  const checkJson = validatorCompiler({ ...part, schema: GridImportBodySchema })
  return (body: unknown) => (Buffer.isBuffer(body) ? { value: body } : checkJson(body))
}
