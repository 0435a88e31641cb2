import { z } from 'zod'

/*
 * The contracts of the places ledger 标准地址 / 实有房屋: buildings, units, rooms with their house
 * fields, residences (who lives where, dated), and rentals (households: households.schema.ts).
 */

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) => z.string().trim().max(max).nullish()
const isoDate = z.iso.date()
export const PointSchema = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
})

const buildingFields = {
  /** The building's code inside its grid (unique there). */
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[0-9A-Za-z-]+$/, 'letters, digits and dashes'),
  name: text(100),
  /** The standard address as written: 锦江区东大街 100 号 / 某某小区 3 栋. */
  address: text(200),
  road: optionalText(100),
  number: optionalText(30),
  estate: optionalText(100),
  use: optionalText(30),
  floors: z.number().int().min(1).max(300).nullish(),
  point: PointSchema,
}

export const BuildingCreateBodySchema = z.object(buildingFields)
export const BuildingUpdateBodySchema = z
  .object({
    code: buildingFields.code.optional(),
    name: buildingFields.name.optional(),
    address: buildingFields.address.optional(),
    road: buildingFields.road,
    number: buildingFields.number,
    estate: buildingFields.estate,
    use: buildingFields.use,
    floors: buildingFields.floors,
    point: PointSchema.optional(),
    version: z.number().int().min(1),
  })
  .strict()

export const BuildingListQuerySchema = z.object({
  /** A grid's code: the buildings of its subtree. */
  grid: z.string().regex(/^\d+$/, 'digits only').max(40).optional(),
  /** Text in the address, name or estate (as typed: no wildcards). */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the page before. */
  cursor: z.string().max(400).optional(),
})

export const IdParams = z.object({ id: z.uuid() })

const abilities = z.array(z.enum(['update', 'delete', 'unmask']))
const gridRef = z.object({ code: z.string(), name: z.string() })

export const BuildingViewSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    road: z.string().nullable(),
    number: z.string().nullable(),
    estate: z.string().nullable(),
    use: z.string().nullable(),
    floors: z.number().int().nullable(),
    point: PointSchema,
    grid: gridRef,
    units: z.number().int(),
    rooms: z.number().int(),
    /** Rooms with someone living there now. */
    occupiedRooms: z.number().int(),
    version: z.number().int(),
    abilities,
  })
  .meta({ id: 'BuildingView' })

export const BuildingListSchema = z.object({
  items: z.array(BuildingViewSchema),
  nextCursor: z.string().nullable(),
})

export const AddressQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export const AddressListSchema = z.array(
  z.object({
    buildingId: z.uuid(),
    name: z.string(),
    address: z.string(),
    estate: z.string().nullable(),
    point: PointSchema,
    grid: gridRef,
  }),
)

export const UnitCreateBodySchema = z.object({
  name: text(30),
  sort: z.number().int().min(0).max(999).optional(),
})
export const UnitViewSchema = z.object({ id: z.uuid(), name: z.string(), sort: z.number().int() })

const houseFields = {
  floor: z.number().int().min(-10).max(300).nullish(),
  houseCategory: optionalText(30),
  /** Code table `ownership` 产权性质. */
  ownership: z.string().max(30).nullish(),
  /** Code table `house_use`. */
  houseUse: z.string().max(30).nullish(),
  /** Square metres. */
  area: z.number().min(0).max(1_000_000).nullish(),
  /** Code table `occupancy`: self_occupied / rented / vacant / other. */
  occupancy: z.string().max(30).nullish(),
}

export const RoomCreateBodySchema = z.object({
  unitId: z.uuid().nullish(),
  number: text(20),
  ...houseFields,
})
export const RoomUpdateBodySchema = z
  .object({
    number: text(20).optional(),
    unitId: z.uuid().nullish(),
    ...houseFields,
    version: z.number().int().min(1),
  })
  .strict()

export const OccupantSchema = z.object({
  residenceId: z.uuid(),
  personId: z.uuid(),
  /** Masked (张*). */
  name: z.string(),
  /** owner / family / tenant / other. */
  relation: z.string(),
  since: isoDate,
  until: isoDate.nullable(),
})

export const RoomViewSchema = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    unitId: z.uuid().nullable(),
    number: z.string(),
    floor: z.number().int().nullable(),
    houseCategory: z.string().nullable(),
    ownership: z.string().nullable(),
    houseUse: z.string().nullable(),
    area: z.number().nullable(),
    occupancy: z.string().nullable(),
    occupants: z.array(OccupantSchema),
    version: z.number().int(),
    abilities,
  })
  .meta({ id: 'RoomView' })

export const BuildingRoomsSchema = z.object({
  units: z.array(UnitViewSchema),
  rooms: z.array(RoomViewSchema),
})

export const RentalViewSchema = z.object({
  id: z.uuid(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  purpose: z.string().nullable(),
  tenants: z.number().int(),
})

export const RoomDetailSchema = RoomViewSchema.extend({
  building: z.object({ id: z.uuid(), name: z.string(), address: z.string(), grid: gridRef }),
  unitName: z.string().nullable(),
  /** Who lived here before (residences ended), newest first; names masked. */
  history: z.array(OccupantSchema),
  rentals: z.array(RentalViewSchema),
}).meta({ id: 'RoomDetail' })

/** Who lives in a room: `owner` 业主, `family` 家庭成员, `tenant` 租户, `other`. */
export const ResidenceRelation = z.enum(['owner', 'family', 'tenant', 'other'])

export const MoveInBodySchema = z.object({
  personId: z.uuid(),
  relation: ResidenceRelation,
  /** The first day in the room; the person's previous residence ends the day before. */
  fromDate: isoDate,
})
export const MoveOutBodySchema = z.object({ toDate: isoDate })
export const ResidenceParams = z.object({ id: z.uuid(), residenceId: z.uuid() })

export const RentalCreateBodySchema = z
  .object({
    roomId: z.uuid(),
    landlordPersonId: z.uuid().nullish(),
    startsOn: isoDate,
    endsOn: isoDate.nullish(),
    purpose: optionalText(100),
    tenants: z.array(z.uuid()).min(1).max(50),
  })
  .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, { message: 'endsOn before startsOn', path: ['endsOn'] })

export type BuildingCreateBody = z.infer<typeof BuildingCreateBodySchema>
export type BuildingUpdateBody = z.infer<typeof BuildingUpdateBodySchema>
export type BuildingListQuery = z.infer<typeof BuildingListQuerySchema>
export type BuildingView = z.infer<typeof BuildingViewSchema>
export type RoomCreateBody = z.infer<typeof RoomCreateBodySchema>
export type RoomUpdateBody = z.infer<typeof RoomUpdateBodySchema>
export type RoomView = z.infer<typeof RoomViewSchema>
export type Occupant = z.infer<typeof OccupantSchema>
export type MoveInBody = z.infer<typeof MoveInBodySchema>
export type RentalCreateBody = z.infer<typeof RentalCreateBodySchema>
