import type { CodeBook } from '../codes/codes.book'
import { asText, checkFields, type FieldError, type FieldSpec } from '../validate/fields'

/**
 * The fields of a household 户 its edit form changes (members and the head have their own acts):
 * the number 户号 and the room 户室 it lives in (by id; its building's grid becomes the household's).
 */
export const HOUSEHOLD_FIELDS: readonly FieldSpec[] = [
  { key: 'number', zh: '户号', en: 'Household number', type: 'text', max: 30 },
  { key: 'roomId', zh: '所在户室', en: 'Room', type: 'text', max: 36 },
]

export const HOUSEHOLD_FIELD_KEYS = HOUSEHOLD_FIELDS.map((f) => f.key)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A household's change as a form gives it, normalised (null clears), or every field's error. */
export function checkHousehold(
  input: Record<string, unknown>,
  codes: CodeBook,
):
  | { ok: true; values: { number: string | null; roomId: string | null } }
  | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(HOUSEHOLD_FIELDS, input, codes)
  const roomId = values.get('roomId') ?? null
  if (roomId && !UUID.test(roomId))
    errors.push({
      field: 'roomId',
      code: 'ledger.bad_room',
      message: `所在户室“${asText(roomId)}”不是户室编号`,
    })
  if (errors.length) return { ok: false, errors }
  return { ok: true, values: { number: values.get('number') ?? null, roomId: roomId?.toLowerCase() ?? null } }
}
