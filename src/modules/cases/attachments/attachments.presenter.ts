import type { AttachmentRow } from './attachments.repo'
import type { AttachmentView } from './attachments.schema'

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
  }
}
