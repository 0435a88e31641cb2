import type { RequestContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import type { GridsService } from '../grids/grids.service'
import { checkPhoto, encodePhoto, type PhotoType } from './staff.photos'
import { type PhotoRow, photosRepo } from './staff.photos.repo'
import { mayManageStaff } from './staff.policy'
import { staffRepo } from './staff.repo'

/** Photos beside the posts on the public notice board 公示牌: uploaded to be published. */
export function createStaffPhotos(deps: ServiceDeps, grids: GridsService) {
  const { db } = deps

  /** Same rule as appointing a person without an account: grid.manage over the grid. */
  async function managedPost(ctx: RequestContext, code: string, postId: string) {
    const grid = await grids.current(ctx, code)
    if (!mayManageStaff(ctx.actor, grid))
      throw forbidden('grid.out_of_scope', `You may not change staff photos in ${grid.code}`)
    const post = await staffRepo.findPost(db, grid.id, postId)
    if (!post) throw notFound('staff.post_not_found', 'No such current post in this grid')
    return grid
  }

  const asServed = (row: Pick<PhotoRow, 'content_type' | 'bytes' | 'sha256'>) => ({
    contentType: row.content_type,
    bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
    sha256: row.sha256,
  })

  /**
   * A photo stored as uploaded, before photos were re-encoded: encoded now, once, and kept. One the
   * decoder refuses is not shown (the grid's managers can upload another).
   */
  async function reencodeUploaded(row: PhotoRow) {
    const photo = await encodePhoto(row.bytes).catch(() => null)
    if (!photo) return null
    await photosRepo.replaceUploaded(db, row.post_id, row.sha256, photo)
    return { contentType: photo.contentType, bytes: photo.bytes, sha256: photo.sha256 }
  }

  return {
    /** Sets a post's photo, replacing the one it had. */
    async set(
      ctx: RequestContext,
      code: string,
      postId: string,
      upload: { type: PhotoType; bytes: Uint8Array },
    ) {
      const grid = await managedPost(ctx, code, postId)
      const photo = await checkPhoto(upload.type, upload.bytes)
      await inTransaction(deps, async (tx) => {
        await photosRepo.upsert(tx, postId, photo)
        await recordAudit(tx, ctx, {
          action: 'staff.photo',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: {
            postId,
            uploadedType: upload.type,
            uploadedSize: upload.bytes.length,
            contentType: photo.contentType,
            size: photo.bytes.length,
            sha256: photo.sha256,
          },
        })
      })
    },

    /** Removes a post's photo; removing none is not an error. */
    async remove(ctx: RequestContext, code: string, postId: string): Promise<void> {
      const grid = await managedPost(ctx, code, postId)
      await inTransaction(deps, async (tx) => {
        if (!(await photosRepo.remove(tx, postId))) return
        await recordAudit(tx, ctx, {
          action: 'staff.photo',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: { postId, removed: true },
        })
      })
    },

    /** The photo of a current post in a current grid, for anyone; null otherwise. */
    async published(code: string, postId: string) {
      const grid = await grids.publicGrid(code)
      if (!grid) return null
      const row = await photosRepo.findCurrent(db, grid.id, postId)
      if (!row) return null
      return row.reencoded ? asServed(row) : reencodeUploaded(row)
    },
  }
}

export type StaffPhotos = ReturnType<typeof createStaffPhotos>
