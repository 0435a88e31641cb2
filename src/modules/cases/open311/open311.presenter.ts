import { ACTIONS, CASE_STATES, type CaseState } from '../cases.states'
import { coarsenPoint, publicAddress, publicText } from '../public/public.publish'
import { detailedStatusOf, expectedAt, noticeOf, statusOf } from './open311.map'
import type { NoteRow, RequestRow, ServiceRow } from './open311.repo'
import type { Service, ServiceDefinition, ServiceRequest } from './open311.schema'

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

const DATATYPE_DESCRIPTIONS = {
  string: '文本',
  number: '数值',
  singlevaluelist: '从列表中选一项，填写其 key',
} as const

export function toService(row: ServiceRow): Service {
  return {
    service_code: row.code,
    service_name: row.name_zh,
    description: row.standard.filingCondition,
    metadata: row.fields.length > 0,
    type: 'realtime',
    // Keywords are a comma list: the English name (its commas dropped), the catalogue, legacy codes.
    keywords: [row.name_en.replaceAll(',', ''), row.catalogue, ...row.legacy].join(','),
    group: row.group_zh ?? '',
  }
}

export function toServiceDefinition(row: ServiceRow): ServiceDefinition {
  return {
    service_code: row.code,
    attributes: row.fields.map((f, i) => ({
      variable: true,
      code: f.key,
      datatype: f.type,
      required: f.required,
      datatype_description: DATATYPE_DESCRIPTIONS[f.type],
      order: i + 1,
      description: f.zh,
      values: (f.values ?? []).map((v) => ({ key: v.key, name: v.zh })),
    })),
  }
}

/**
 * What the whole world may read of a published case, an allow-list, never more than its reporter's
 * tracking page shows: the category, the state and its history, the public texts staff wrote (personal
 * numbers masked), the road or estate (else the community), and a point moved to the centre of a `precisionM` grid cell.
 * The reporter's own words, attributes and photo link are never published; a case without an approved
 * text is described by its category's name. A voided case (作废: spam, abuse, a mistake) keeps its
 * status and loses its text.
 */
export function toServiceRequest(
  row: RequestRow,
  notes: NoteRow[] | null,
  precisionM: number,
): ServiceRequest {
  const status = statusOf(row.state)
  const shown = row.state !== 'voided'
  const updated = status === 'closed' ? (row.closed_at ?? row.last_at) : row.last_at
  const point =
    shown && row.lat !== null && row.lng !== null
      ? coarsenPoint({ lng: Number(row.lng), lat: Number(row.lat) }, precisionM)
      : null
  const request: ServiceRequest = {
    service_request_id: row.no,
    status,
    status_notes: shown ? publicText(row.status_notes) : null,
    service_name: row.service_name,
    service_code: row.category_code,
    description: (shown && publicText(row.approved_text)) || row.service_name,
    agency_responsible: row.department_name,
    service_notice: noticeOf(row.standard),
    requested_datetime: new Date(row.reported_at).toISOString(),
    updated_datetime: iso(updated ?? row.reported_at) as string,
    expected_datetime: iso(expectedAt(row)),
    address: shown ? publicAddress(row.address, row.community_name) : null,
    address_id: null,
    zipcode: null,
    lat: point?.lat ?? null,
    long: point?.lng ?? null,
    media_url: null,
  }
  if (!notes) return request
  const state = row.state as CaseState
  return {
    ...request,
    attributes: [],
    extended_attributes: {
      detailed_status: detailedStatusOf(state),
      state,
      state_name: CASE_STATES[state]?.zh ?? state,
    },
    notes: notes.map((n) => ({
      datetime: new Date(n.at).toISOString(),
      type: n.action,
      summary: (ACTIONS as Record<string, { zh: string }>)[n.action]?.zh ?? '上报',
      description: shown ? publicText(n.public_text) : null,
      status: statusOf(n.to_state),
      detailed_status: detailedStatusOf(n.to_state),
    })),
  }
}
