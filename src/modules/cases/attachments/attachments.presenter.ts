import type { AttachmentRow } from './attachments.repo'
import type { AttachmentView, ReporterPhoto } from './attachments.schema'

/** Row → view, an allow-list: the EXIF position only for staff, never the paths on disk. */
export function toAttachmentView(row: AttachmentRow, staff: boolean): AttachmentView {
  const located = staff && row.exif_lng !== null && row.exif_lat !== null
  return {
    id: row.id,
    contentType: row.content_type,
    size: row.size,
    createdAt: new Date(row.created_at).toISOString(),
    uploadedBy: row.uploaded_by_name,
    exifLocation: located ? { lng: Number(row.exif_lng), lat: Number(row.exif_lat) } : null,
    byReporter: row.by_reporter,
    shownToReporter: row.shown_to_reporter,
  }
}

/** A photo on the tracking page: whose it is and when it came, nothing of the file or its uploader. */
export function toReporterPhoto(row: AttachmentRow): ReporterPhoto {
  return {
    id: row.id,
    by: row.by_reporter ? 'resident' : 'staff',
    at: new Date(row.created_at).toISOString(),
  }
}
