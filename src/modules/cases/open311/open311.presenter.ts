import { ACTIONS, CASE_STATES, type CaseState } from '../cases.states'
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
 * What the whole world may read of a case, an allow-list. A city-management matter is published as
 * reported (the channel is public by design): description, address, point, photo link. A
 * social-governance matter (矛盾纠纷 …) concerns people: its status and dates only. A voided case
 * (作废: spam, abuse, a mistake) keeps its status and loses its text.
 */
export function toServiceRequest(row: RequestRow, notes: NoteRow[] | null): ServiceRequest {
  const status = statusOf(row.state)
  const shown = row.catalogue === 'city' && row.state !== 'voided'
  const data = row.report_data ?? {}
  const updated = status === 'closed' ? (row.closed_at ?? row.last_at) : row.last_at
  const request: ServiceRequest = {
    service_request_id: row.no,
    status,
    status_notes: shown ? row.status_notes : null,
    service_name: row.service_name,
    service_code: row.category_code,
    description: shown ? row.description : null,
    agency_responsible: row.department_name,
    service_notice: noticeOf(row.standard),
    requested_datetime: new Date(row.reported_at).toISOString(),
    updated_datetime: iso(updated ?? row.reported_at) as string,
    expected_datetime: iso(expectedAt(row)),
    address: shown ? row.address : null,
    address_id: null,
    zipcode: null,
    lat: shown && row.lat !== null ? Number(row.lat) : null,
    long: shown && row.lng !== null ? Number(row.lng) : null,
    media_url: shown ? (data.media_url ?? null) : null,
  }
  if (!notes) return request
  const state = row.state as CaseState
  return {
    ...request,
    attributes: shown
      ? Object.entries(data.attributes ?? {}).map(([code, value]) => ({ code, value: String(value) }))
      : [],
    extended_attributes: {
      detailed_status: detailedStatusOf(state),
      state,
      state_name: CASE_STATES[state]?.zh ?? state,
      channel: row.source,
    },
    notes: notes.map((n) => ({
      datetime: new Date(n.at).toISOString(),
      type: n.action,
      summary: (ACTIONS as Record<string, { zh: string }>)[n.action]?.zh ?? '上报',
      description: shown ? n.public_text : null,
      status: statusOf(n.to_state),
      detailed_status: detailedStatusOf(n.to_state),
    })),
  }
}
