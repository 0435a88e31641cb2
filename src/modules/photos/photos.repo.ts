import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'

export interface FieldPhotoRow {
  sha256: string
  content_type: string
  byte_size: number
  lon: number | null
  lat: number | null
  taken_by: string
  owner_paths: string[] | string
  created_at: Date | string
}

/** Every statement on field photos. */
export const photosRepo = {
  async find(ex: Executor, sha256: string): Promise<FieldPhotoRow | undefined> {
    const [row] = await queryRows<FieldPhotoRow>(
      ex,
      sql`select sha256, content_type, byte_size, lon, lat, taken_by, owner_paths::text[] as owner_paths, created_at
        from field_photos where sha256 = ${sha256}`,
    )
    return row
  },

  /** Records a stored photo once: a second upload of the same bytes changes nothing. Answers whether it was new. */
  async insert(
    ex: Executor,
    row: {
      sha256: string
      contentType: string
      byteSize: number
      gps: { lng: number; lat: number } | null
      takenBy: string
      ownerPaths: string[]
    },
  ): Promise<boolean> {
    const rows = await queryRows<{ sha256: string }>(
      ex,
      sql`insert into field_photos (sha256, content_type, byte_size, lon, lat, taken_by, owner_paths)
        values (${row.sha256}, ${row.contentType}, ${row.byteSize}, ${row.gps?.lng ?? null}, ${row.gps?.lat ?? null},
          ${row.takenBy}, ${pgTextArray(row.ownerPaths)}::ltree[])
        on conflict (sha256) do nothing returning sha256`,
    )
    return rows.length > 0
  },
}
