import type { CodeBook } from '../codes/codes.book'
import { asText, checkFields, detailsOf, type FieldError } from '../validate/fields'
import { parseIdNumber } from '../validate/id-number'
import { normaliseCode } from '../validate/normalise'
import { PERSON_FIELDS, type PersonKind } from './people.fields'

/** A person as checked and normalised, personal values still in clear (sealed only when stored). */
export interface PersonRecord {
  kind: PersonKind
  /** resident / hk_macao_permit / taiwan_permit / foreign_permanent (from the number), passport, other. */
  idType: string
  idNumber: string | null
  gridCode: string
  name: string
  formerName: string | null
  sex: string | null
  birthDate: string | null
  ethnicity: string | null
  nativePlace: string | null
  maritalStatus: string | null
  politicalStatus: string | null
  education: string | null
  occupation: string | null
  workplace: string | null
  phone: string | null
  registeredAddress: string | null
  currentAddress: string | null
  livesWhereRegistered: boolean | null
  details: Record<string, string>
}

export type { FieldError } from '../validate/fields'

export type PersonCheck = { ok: true; record: PersonRecord } | { ok: false; errors: FieldError[] }

/**
 * Checks one person as a form or a sheet row gives it (every value may be text): required fields,
 * code-table values (code or name), dates, the identity number (GB 11643 and the documents that share
 * its layout; another document for foreigners), phones. Birth date and sex come from the number
 * when it carries them, and a given one that disagrees is an error.
 */
export function checkPerson(
  input: Record<string, unknown>,
  codes: CodeBook,
  today = new Date(),
): PersonCheck {
  const kindText = asText(input.kind)
  const kind = (kindText ? codes.resolve('person_kind', kindText) : null) as PersonKind | null
  const { values, errors } = checkFields(
    PERSON_FIELDS,
    input,
    codes,
    (field) => !(field.kinds && kind && !field.kinds.includes(kind)),
  )

  let idType = 'other'
  let idNumber: string | null = null
  const rawId = asText(input.idNumber)
  if (rawId && kind) {
    const parsed = parseIdNumber(rawId, today)
    if (parsed.ok) {
      idType = parsed.kind
      idNumber = parsed.value
      const given = values.get('birthDate')
      if (given && given !== parsed.birthDate)
        errors.push({
          field: 'birthDate',
          code: 'ledger.birth_date_mismatch',
          message: `出生日期与证件号码（${parsed.birthDate}）不符`,
        })
      values.set('birthDate', parsed.birthDate)
      const sexCode = parsed.sex === 'male' ? '1' : '2'
      const givenSex = values.get('sex')
      if (givenSex && givenSex !== '9' && givenSex !== sexCode)
        errors.push({ field: 'sex', code: 'ledger.sex_mismatch', message: '性别与证件号码不符' })
      values.set('sex', sexCode)
    } else if (kind === 'foreign') {
      // A passport or another document: kept as typed, upper-cased, without spaces.
      idType = 'passport'
      idNumber = normaliseCode(rawId)
      if (!/^[0-9A-Z]{5,20}$/.test(idNumber))
        errors.push({
          field: 'idNumber',
          code: 'ledger.bad_document_number',
          message: '证件号码应为5至20位字母或数字',
        })
    } else {
      errors.push({ field: 'idNumber', code: `ledger.${parsed.code}`, message: parsed.message })
    }
  } else if (!rawId && kind && kind !== 'foreign') {
    errors.push({ field: 'idNumber', code: 'ledger.required', message: '证件号码不能为空' })
  }

  if (errors.length || !kind) return { ok: false, errors }
  const get = (key: string) => values.get(key) ?? null
  const details = detailsOf(PERSON_FIELDS, values)
  const lives = get('livesWhereRegistered')
  return {
    ok: true,
    record: {
      kind,
      idType,
      idNumber,
      gridCode: get('gridCode') as string,
      name: get('name') as string,
      formerName: get('formerName'),
      sex: get('sex'),
      birthDate: get('birthDate'),
      ethnicity: get('ethnicity'),
      nativePlace: get('nativePlace'),
      maritalStatus: get('maritalStatus'),
      politicalStatus: get('politicalStatus'),
      education: get('education'),
      occupation: get('occupation'),
      workplace: get('workplace'),
      phone: get('phone'),
      registeredAddress: get('registeredAddress'),
      currentAddress: get('currentAddress'),
      livesWhereRegistered: lives === null ? null : lives === 'true',
      details,
    },
  }
}
