import { z } from 'zod'

export const AttachmentParamsSchema = z.object({ id: z.uuid(), aid: z.uuid() })

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
})

export const AttachmentListSchema = z.object({ items: z.array(AttachmentViewSchema) })

export type AttachmentCreated = z.infer<typeof AttachmentCreatedSchema>
export type AttachmentView = z.infer<typeof AttachmentViewSchema>
