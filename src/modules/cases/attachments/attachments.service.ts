import { readFile, stat } from 'node:fs/promises'
import type { Config } from '../../../config'
import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { conflict, forbidden, notFound } from '../../../lib/problem'
import { PUBLIC_IMAGE_TYPE } from '../../../lib/public-image'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { caseFacts, mayReadAsStaff, mayReadCase } from '../cases.policy'
import { type CaseRow, casesRepo } from '../cases.repo'
import type { CaseState } from '../cases.states'
import { toAttachmentView, toReporterPhoto } from './attachments.presenter'
import { type AttachmentRow, attachmentsRepo } from './attachments.repo'
import type { AttachmentCreated, AttachmentView, ReporterPhoto } from './attachments.schema'
import { attachmentsDir, createAttachmentStore } from './attachments.storage'
import type { GpsPoint } from './exif'
import {
  type AttachmentType,
  attachmentTooLarge,
  attachmentTypeProblem,
  examine,
  isImage,
  PHOTO_ONLY,
  publicCopyOf,
} from './media'

/** Cases whose loop ended without a result: nothing more is attached to them. */
const ENDED: readonly CaseState[] = ['rejected', 'merged', 'voided']

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Images uploaded to a case at or after a time: the evidence the filing standard asks for before
 * `handle` and `verify` (立结案标准 evidence.handle / evidence.verify). Times are the app's clock.
 */
export function attachmentsSince(
  ex: Executor,
  caseId: string,
  since: Date,
  uploadedBy?: string | null,
): Promise<number> {
  return attachmentsRepo.countImagesSince(ex, caseId, since, uploadedBy)
}

/**
 * What a reporter may send without an account: as many photos as staff attach to an action, each
 * small enough for a photo the report page shrank (≈1600 px, a few hundred kB) or a phone's
 * unshrunk original of modest size; never above WANGGE_ATTACHMENT_LIMIT.
 */
export const REPORTER_PHOTOS = { count: 6, bytes: 4 * 1024 * 1024 } as const

/** A file as it arrives: its declared type, its bytes, and where the sender says a photo was taken. */
export interface Upload {
  type: AttachmentType
  bytes: Uint8Array
  location?: GpsPoint | null
}

/** The SHA-256 a stored path is named by. */
const hashOf = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/**
 * Photos and PDFs of an event 事件附件: the original and the GPS position for staff, a copy encoded
 * anew from the photo's pixels for the reporter and the public channel. Files live on disk by content
 * hash.
 */
export function createCaseAttachments(
  deps: ServiceDeps,
  config: Pick<Config, 'WANGGE_ATTACHMENTS_DIR' | 'WANGGE_DATA_DIR' | 'WANGGE_ATTACHMENT_LIMIT'>,
  clock: () => Date = () => new Date(),
) {
  const { db } = deps
  const store = createAttachmentStore(attachmentsDir(config))
  const limit = config.WANGGE_ATTACHMENT_LIMIT
  const reporterBytes = Math.min(limit, REPORTER_PHOTOS.bytes)

  async function readableCase(ctx: RequestContext, caseId: string): Promise<CaseRow> {
    const row = await casesRepo.find(db, caseId)
    // Someone who may not read a case is not told it exists.
    if (!row || !mayReadCase(ctx.actor, caseFacts(row))) throw notFound('case.not_found', `No case ${caseId}`)
    return row
  }

  async function readableAttachment(ctx: RequestContext, caseId: string, id: string) {
    const caseRow = await readableCase(ctx, caseId)
    const row = await attachmentsRepo.find(db, caseId, id)
    if (!row) throw notFound('case.attachment_not_found', `No attachment ${id} on this case`)
    return { row, staff: mayReadAsStaff(ctx.actor, caseFacts(caseRow)) }
  }

  /**
   * The stored public copy of an image. Rows from before copies were re-encoded have none (the
   * migration cleared their hand-stripped copies): theirs is made from the original on first use and
   * kept. An original the decoder refuses has no public copy at all.
   */
  async function publicPathOf(row: AttachmentRow): Promise<string | null> {
    if (row.public_path) return row.public_path
    const copy = await publicCopyOf(row.content_type, await readFile(store.file(row.path))).catch(() => null)
    if (!copy) return null
    const { path } = await store.put(copy)
    await attachmentsRepo.setPublicPath(db, row.id, path)
    return path
  }

  /** A public copy as the routes serve it. */
  async function servedCopy(path: string) {
    const file = store.file(path)
    const { size } = await stat(file)
    return { contentType: PUBLIC_IMAGE_TYPE, size, sha256: hashOf(path), file }
  }

  async function refuseBeyondReporterLimit(ex: Executor, caseId: string, opts: { lock: boolean }) {
    const sent = await attachmentsRepo.countByReporter(ex, caseId, opts)
    if (sent >= REPORTER_PHOTOS.count)
      throw conflict('case.photo_limit', `A report takes at most ${REPORTER_PHOTOS.count} photos`, {
        limit: REPORTER_PHOTOS.count,
      })
  }

  /**
   * Stores a file: its bytes checked against its type, the original and (for an image) the copy
   * encoded anew from its pixels written to disk, then the row and its audit row in one transaction.
   * The files come first: a row never points at a file that is not there (a failed insert leaves an
   * unreferenced file, harmless under its hash). A reporter's photos are counted under the case's
   * row lock, so two at once cannot both take the last place.
   */
  async function attach(
    ctx: RequestContext,
    row: CaseRow,
    upload: Upload,
    audience: { byReporter: boolean; shownToReporter: boolean },
  ): Promise<AttachmentCreated> {
    if (ENDED.includes(row.state as CaseState))
      throw conflict('case.attachment_closed', `A ${row.state} case takes no attachments`, {
        state: row.state,
      })
    if (upload.bytes.length > limit) throw attachmentTooLarge(limit)
    // Before the photo is decoded, and again under the lock.
    if (audience.byReporter) await refuseBeyondReporterLimit(db, row.id, { lock: false })
    const { gps, publicCopy } = await examine(upload.type, upload.bytes)
    const location = gps ?? (isImage(upload.type) ? (upload.location ?? null) : null)
    const original = await store.put(upload.bytes)
    const publicPath = publicCopy ? (await store.put(publicCopy)).path : null
    const id = uuidv7()
    await inTransaction(deps, async (tx) => {
      if (audience.byReporter) await refuseBeyondReporterLimit(tx, row.id, { lock: true })
      await attachmentsRepo.insert(tx, {
        id,
        case_id: row.id,
        content_type: upload.type,
        size: upload.bytes.length,
        sha256: original.sha256,
        path: original.path,
        public_path: publicPath,
        exif: location,
        uploaded_by: ctx.actor?.type === 'user' ? ctx.actor.id : null,
        ...audience,
        created_at: clock(),
      })
      await recordAudit(tx, ctx, {
        action: 'case.attach',
        resourceType: 'case',
        resourceId: row.no,
        summary: {
          attachmentId: id,
          contentType: upload.type,
          size: upload.bytes.length,
          sha256: original.sha256,
          publicSha256: publicPath ? hashOf(publicPath) : null,
          ...audience,
        },
      })
    })
    return {
      id,
      contentType: upload.type,
      size: upload.bytes.length,
      sha256: original.sha256,
      hasExifLocation: location !== null,
    }
  }

  return {
    /** The largest attachment in bytes (the upload route's body limit). */
    limit,
    /** The largest photo a reporter may send (the public upload route's body limit). */
    reporterBytes,

    /**
     * Attaches a file for someone who may read the case: staff, or a reporter with an account. Staff
     * may show a photo to the reporter (its copy without metadata, on the tracking page).
     */
    async upload(ctx: RequestContext, caseId: string, upload: Upload & { showToReporter?: boolean }) {
      const row = await readableCase(ctx, caseId)
      if (upload.showToReporter) {
        if (!isImage(upload.type)) throw attachmentTypeProblem(PHOTO_ONLY)
        if (!mayReadAsStaff(ctx.actor, caseFacts(row)))
          throw forbidden('case.attachment_show_forbidden', 'Only staff show photos to the reporter')
      }
      return attach(ctx, row, upload, { byReporter: false, shownToReporter: !!upload.showToReporter })
    },

    /**
     * A photo from the reporter who holds the case's tracking token (the caller checked it): at most
     * REPORTER_PHOTOS.count of them, each at most REPORTER_PHOTOS.bytes, photos only.
     */
    async uploadByReporter(ctx: RequestContext, caseId: string, upload: Upload) {
      const row = await casesRepo.find(db, caseId)
      if (!row) throw notFound('case.not_found', `No case ${caseId}`)
      if (!isImage(upload.type)) throw attachmentTypeProblem(PHOTO_ONLY)
      if (upload.bytes.length > reporterBytes) throw attachmentTooLarge(reporterBytes)
      return attach(ctx, row, upload, { byReporter: true, shownToReporter: true })
    },

    /** A case's attachments, oldest first; the EXIF position for staff only. */
    async list(ctx: RequestContext, caseId: string): Promise<{ items: AttachmentView[] }> {
      const caseRow = await readableCase(ctx, caseId)
      const staff = mayReadAsStaff(ctx.actor, caseFacts(caseRow))
      const rows = await attachmentsRepo.list(db, caseId)
      return { items: rows.map((r) => toAttachmentView(r, staff)) }
    },

    /**
     * The file for those who may read the case: the original for staff, the re-encoded copy (no
     * position, no device, nothing but pixels) of a photo for a reporter reading their own case.
     */
    async original(ctx: RequestContext, caseId: string, id: string) {
      const { row, staff } = await readableAttachment(ctx, caseId, id)
      if (staff || !isImage(row.content_type))
        return {
          contentType: row.content_type,
          size: row.size,
          sha256: row.sha256,
          file: store.file(row.path),
        }
      const path = await publicPathOf(row)
      if (!path) throw notFound('case.attachment_not_found', `No viewable copy of attachment ${id}`)
      return servedCopy(path)
    },

    /** The photos the reporter sees on the tracking page, oldest first: theirs and those staff showed them. */
    async reporterPhotos(caseId: string): Promise<ReporterPhoto[]> {
      const rows = await attachmentsRepo.listShownToReporter(db, caseId)
      return rows.map(toReporterPhoto)
    },

    /**
     * A photo for the reporter (the caller checked the tracking token): the copy encoded anew from its
     * pixels, of a photo shown to them; any other attachment of the case is not found.
     */
    async reporterPhoto(caseId: string, id: string) {
      const row = await attachmentsRepo.find(db, caseId, id)
      const path = row?.shown_to_reporter && isImage(row.content_type) ? await publicPathOf(row) : null
      if (!path) throw notFound('case.attachment_not_found', `No photo ${id} on this case`)
      return servedCopy(path)
    },

    /**
     * What the public channel may show of an attachment: the photo encoded anew from its pixels,
     * never the original, never a PDF. The caller decides whether the case itself is public.
     */
    async publicAttachment(
      caseId: string,
      attachmentId: string,
    ): Promise<{ contentType: string; path: string; sha256: string } | null> {
      if (!UUID.test(caseId) || !UUID.test(attachmentId)) return null
      const row = await attachmentsRepo.find(db, caseId, attachmentId)
      if (!row || !isImage(row.content_type)) return null
      const path = await publicPathOf(row)
      return path ? { contentType: PUBLIC_IMAGE_TYPE, path: store.file(path), sha256: hashOf(path) } : null
    },
  }
}

export type CaseAttachments = ReturnType<typeof createCaseAttachments>
