import { summaryOf } from './audit.names'
import type { AuditListRow } from './audit.repo'

export const toAuditEntry = (row: AuditListRow) => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorType: row.actorType,
  actorId: row.actorId,
  actorName: row.actorName,
  actorUser: row.actorUser,
  action: row.action,
  resourceType: row.resourceType,
  resourceId: row.resourceId,
  resourceRef: row.resourceRef,
  ip: row.ip,
  requestId: row.requestId,
  summary: summaryOf(row.summary),
  sealed: row.seq !== null,
})
