import { z } from 'zod'

export const AttachmentParamsSchema = z.object({ id: z.uuid(), aid: z.uuid() })

/**
 * Where a photo was taken, as `lng,lat` in WGS84 degrees: read in the browser from the original's Exif
 * before it shrank the photo (re-encoding drops the Exif). A header, not a query: query strings reach
 * logs, and this is where a person stood. The file's own Exif position wins when it has one.
 */
export const PhotoLocationSchema = z
  .string()
  .regex(/^-?\d{1,3}(\.\d{1,10})?,-?\d{1,2}(\.\d{1,10})?$/, 'lng,lat in degrees')
  .transform((v) => {
    const [lng, lat] = v.split(',').map(Number) as [number, number]
    return { lng, lat }
  })
  .refine((p) => Math.abs(p.lng) <= 180 && Math.abs(p.lat) <= 90, 'lng within ±180, lat within ±90')

export const PhotoHeadersSchema = z.object({ 'x-photo-location': PhotoLocationSchema.optional() })

export const AttachmentQuerySchema = z.object({
  /** Staff: show this photo (its copy without metadata) to the reporter on the tracking page. */
  showToReporter: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})

/** The raw file: its type is the request's Content-Type. */
export const AttachmentBodySchema = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' })

export const AttachmentCreatedSchema = z.object({
  id: z.uuid(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The photo says where it was taken (kept for staff; never in the public copy). */
  hasExifLocation: z.boolean(),
})

export const AttachmentViewSchema = z.object({
  id: z.uuid(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  /** The uploader's display name (null for an integration). */
  uploadedBy: z.string().nullable(),
  /** Where the photo says it was taken: staff only, null for everyone else. */
  exifLocation: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  /** The reporter sent it through the public channel (随手拍). */
  byReporter: z.boolean(),
  /** The reporter sees it on the tracking page (theirs, or a result photo staff showed them). */
  shownToReporter: z.boolean(),
})

/** A photo on the reporter's tracking page: the resident's own, or a result photo staff showed them. */
export const ReporterPhotoSchema = z.object({
  id: z.uuid(),
  by: z.enum(['resident', 'staff']),
  at: z.string(),
})

export const AttachmentListSchema = z.object({ items: z.array(AttachmentViewSchema) })

export type AttachmentCreated = z.infer<typeof AttachmentCreatedSchema>
export type AttachmentView = z.infer<typeof AttachmentViewSchema>
export type ReporterPhoto = z.infer<typeof ReporterPhotoSchema>
