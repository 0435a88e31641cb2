import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import type { EncodedPhoto } from './staff.photos'

export interface PhotoRow {
  post_id: string
  content_type: string
  /** A Buffer from node-postgres, a Uint8Array from PGlite. */
  bytes: Uint8Array
  sha256: string
  reencoded: boolean
}

export const photosRepo = {
  /** Sets the post's photo, replacing the one it had. */
  async upsert(ex: Executor, postId: string, photo: EncodedPhoto): Promise<void> {
    await ex.execute(sql`insert into grid_post_photos (post_id, content_type, bytes, sha256, reencoded)
      values (${postId}, ${photo.contentType}, ${photo.bytes}::bytea, ${photo.sha256}, true)
      on conflict (post_id) do update set content_type = excluded.content_type, bytes = excluded.bytes,
        sha256 = excluded.sha256, reencoded = true, created_at = now()`)
  },

  /** Replaces a photo stored as uploaded by its re-encoded copy, unless it was replaced meanwhile. */
  async replaceUploaded(ex: Executor, postId: string, sha256: string, photo: EncodedPhoto): Promise<void> {
    await ex.execute(sql`update grid_post_photos set content_type = ${photo.contentType},
        bytes = ${photo.bytes}::bytea, sha256 = ${photo.sha256}, reencoded = true
      where post_id = ${postId} and sha256 = ${sha256} and not reencoded`)
  },

  /** Removes the post's photo; answers whether it had one. */
  async remove(ex: Executor, postId: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`delete from grid_post_photos where post_id = ${postId} returning post_id`,
    )
    return rows.length > 0
  },

  /** The photo of a post that is current in the grid; none for an ended post. */
  async findCurrent(ex: Executor, gridId: string, postId: string): Promise<PhotoRow | undefined> {
    const rows = await queryRows<PhotoRow>(
      ex,
      sql`select ph.post_id, ph.content_type, ph.bytes, ph.sha256, ph.reencoded
        from grid_post_photos ph join grid_posts p on p.id = ph.post_id
        where p.id = ${postId} and p.grid_id = ${gridId} and (p.valid_to is null or p.valid_to > current_date)`,
    )
    return rows[0]
  },

  /** Gives the post `to` the photo of the post `from`, if it had one. */
  async copy(ex: Executor, from: string, to: string): Promise<void> {
    await ex.execute(sql`insert into grid_post_photos (post_id, content_type, bytes, sha256, reencoded)
      select ${to}, content_type, bytes, sha256, reencoded from grid_post_photos where post_id = ${from}`)
  },
}
