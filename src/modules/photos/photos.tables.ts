import { doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, ltree } from '../../db/types'
import { users } from '../auth/auth.tables'

/**
 * A photo taken in the field (a visit, a campaign door), uploaded by its SHA-256: the phone compresses
 * it, queues it while offline and sends it when it can; sent twice, it is stored once. The bytes live
 * in the attachments' content-addressed store; the row says who took it and whose eyes it is for.
 */
export const fieldPhotos = pgTable(
  'field_photos',
  {
    sha256: text('sha256').primaryKey(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** Where the photo says it was taken (Exif GPS), for staff: the location proof of a visit. */
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    takenBy: uuid('taken_by')
      .notNull()
      .references(() => users.id),
    /** The subtrees the uploader reads the ledgers of: who may see it (those over them, and the uploader). */
    ownerPaths: ltree('owner_paths').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('field_photos_taken_by_idx').on(t.takenBy)],
)
