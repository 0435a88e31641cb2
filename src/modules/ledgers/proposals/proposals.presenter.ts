import type { ProposalListRow } from './proposals.repo'
import type { ProposalView } from './proposals.schema'

const iso = (v: string | Date) => new Date(v).toISOString()

/** Row → API view, an allow-list; the fields compared (masked) and the abilities come from the service. */
export function toProposalView(
  row: ProposalListRow,
  seen: Pick<ProposalView, 'fields' | 'alsoChanged' | 'abilities' | 'currentVersion'> & {
    label: string | null
  },
): ProposalView {
  return {
    id: row.id,
    kind: row.kind,
    targetId: row.target_id,
    targetLabel: seen.label,
    grid: row.grid_code && row.grid_name ? { code: row.grid_code, name: row.grid_name } : null,
    state: row.state,
    baseVersion: row.base_version,
    versionAtReceipt: row.version_at_receipt,
    currentVersion: seen.currentVersion,
    appliedVersion: row.applied_version,
    source: {
      ...(row.source.campaignId ? { campaignId: row.source.campaignId } : {}),
      ...(row.source.taskId ? { taskId: row.source.taskId } : {}),
    },
    proposedBy: { id: row.proposed_by, name: row.proposer_name },
    proposedAt: iso(row.proposed_at),
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decider_name ?? '' } : null,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    reason: row.reason,
    fields: seen.fields,
    alsoChanged: seen.alsoChanged,
    abilities: seen.abilities,
  }
}
