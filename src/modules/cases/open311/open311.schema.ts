import { z } from 'zod'

/**
 * GeoReport v2 contracts (http://wiki.open311.org/GeoReport_v2): field names are the standard's,
 * snake_case. Inputs are plain strings, as forms and query strings carry them: the service reads
 * them (an empty parameter counts as absent) and answers the standard's errors, never problem+json.
 */

export const FORMATS = ['json', 'xml'] as const
export type Format = (typeof FORMATS)[number]

export const FormatParamsSchema = z.object({ format: z.enum(FORMATS) })
export const ServiceParamsSchema = FormatParamsSchema.extend({ service_code: z.string().max(40) })
export const RequestParamsSchema = FormatParamsSchema.extend({ id: z.string().max(40) })
export const TokenParamsSchema = FormatParamsSchema.extend({ token: z.string().max(40) })

/** One endpoint may serve several cities; this one serves one and ignores it. */
export const JurisdictionQuerySchema = z.object({ jurisdiction_id: z.string().max(200).optional() })

export const RequestsQuerySchema = JurisdictionQuerySchema.extend({
  /** Comma-separated tracking numbers: overrides every other filter. */
  service_request_id: z.string().max(20_000).optional(),
  /** Comma-separated service codes. */
  service_code: z.string().max(2000).optional(),
  /** W3C datetimes on requested_datetime; without either, the last 90 days. */
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  /** open, closed, or both comma-separated. */
  status: z.string().max(40).optional(),
  /** `true` adds extended_attributes, attributes and notes (the public history). */
  extensions: z.string().max(10).optional(),
  page: z.string().max(10).optional(),
  /** At most 1,000 (the default). */
  page_size: z.string().max(10).optional(),
})

const optional = z.string().optional()

/**
 * POST requests: a form (application/x-www-form-urlencoded); the same names are also read from the
 * query string. `attribute[CODE]=value` answers the service definition's attributes.
 */
export const PostRequestBodySchema = z.looseObject({
  api_key: optional,
  jurisdiction_id: optional,
  service_code: optional,
  lat: optional,
  long: optional,
  address_string: optional,
  address_id: optional,
  email: optional,
  device_id: optional,
  account_id: optional,
  first_name: optional,
  last_name: optional,
  phone: optional,
  description: optional,
  media_url: optional,
})

export const Open311ErrorsSchema = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .meta({ id: 'Open311Errors' })

export const DiscoverySchema = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.string(),
        type: z.enum(['production', 'test']),
        formats: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Open311Discovery' })

export const ServiceSchema = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    /** true: call services/{code} for the attributes to send. */
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .meta({ id: 'Open311Service' })

export const ServiceDefinitionSchema = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Open311ServiceDefinition' })

export const PostedSchema = z
  .array(
    z.object({
      service_request_id: z.string(),
      service_notice: z.string().nullable(),
      account_id: z.string().nullable(),
    }),
  )
  .meta({ id: 'Open311Posted' })

export const TokenAnswerSchema = z
  .array(z.object({ service_request_id: z.string(), token: z.string() }))
  .meta({ id: 'Open311Token' })

export const ServiceRequestSchema = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    /** The last public text of the history. */
    status_notes: z.string().nullable(),
    service_name: z.string(),
    service_code: z.string(),
    /** The first public text staff wrote (personal numbers masked), else the category's name. */
    description: z.string().nullable(),
    /** The department it is dispatched to. */
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    /** The running stage's deadline. */
    expected_datetime: z.string().nullable(),
    /** The road or estate only: no building, unit or door. */
    address: z.string().nullable(),
    address_id: z.string().nullable(),
    zipcode: z.string().nullable(),
    /** The centre of the grid cell (WANGGE_PUBLIC_COORD_PRECISION_M) holding the case. */
    lat: z.number().nullable(),
    long: z.number().nullable(),
    /** Always null: a reporter's photo link is not published. */
    media_url: z.string().nullable(),
    // extensions=true
    attributes: z.array(z.object({ code: z.string(), value: z.string() })).optional(),
    extended_attributes: z
      .object({
        /** mySociety's extended status. */
        detailed_status: z.string(),
        /** Our state and its name (待受理 …). */
        state: z.string(),
        state_name: z.string(),
      })
      .optional(),
    notes: z
      .array(
        z.object({
          datetime: z.string(),
          /** The action (report, accept, dispatch …). */
          type: z.string(),
          summary: z.string(),
          description: z.string().nullable(),
          status: z.enum(['open', 'closed']),
          detailed_status: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Open311ServiceRequest' })

export type RequestsQuery = z.infer<typeof RequestsQuerySchema>
export type PostRequestBody = z.infer<typeof PostRequestBodySchema>
export type Discovery = z.infer<typeof DiscoverySchema>
export type Service = z.infer<typeof ServiceSchema>
export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>
