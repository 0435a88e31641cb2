import type { AuditRow } from './audit.repo'

export const toAuditEntry = (row: AuditRow) => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorType: row.actorType,
  actorId: row.actorId,
  actorName: row.actorName,
  action: row.action,
  resourceType: row.resourceType,
  resourceId: row.resourceId,
  ip: row.ip,
  requestId: row.requestId,
  summary: (row.summary ?? {}) as Record<string, unknown>,
  sealed: row.seq !== null,
})
