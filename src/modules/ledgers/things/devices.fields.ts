import type { CodeBook } from '../codes/codes.book'
import { checkFields, detailsOf, type FieldError, type FieldSpec } from '../validate/fields'

/** The columns of the devices sheet 设施设备台账 (and what an import row is checked against). */
export const DEVICE_FIELDS: readonly FieldSpec[] = [
  { key: 'code', zh: '设备编码', en: 'Code', type: 'text', required: true, max: 40 },
  { key: 'kind', zh: '设备类型', en: 'Kind', type: 'code', codeTable: 'device_kind', required: true },
  { key: 'name', zh: '名称', en: 'Name', type: 'text', required: true, max: 100 },
  { key: 'gridCode', zh: '所属网格编码', en: 'Grid code', type: 'grid', required: true },
  {
    key: 'ownerCreditCode',
    zh: '所属单位统一社会信用代码',
    en: "Owner's credit code",
    type: 'credit_code',
  },
  { key: 'model', zh: '型号', en: 'Model', type: 'text', detail: true, max: 100 },
  { key: 'installedOn', zh: '安装日期', en: 'Installed on', type: 'date', detail: true },
  { key: 'maintainer', zh: '维护单位', en: 'Maintainer', type: 'text', detail: true, max: 100 },
  { key: 'componentClass', zh: '部件类别代码', en: 'Component class', type: 'text', detail: true, max: 20 },
]

export interface DeviceRecord {
  code: string
  kind: string
  name: string
  gridCode: string
  ownerCreditCode: string | null
  details: Record<string, string>
}

export function checkDevice(
  input: Record<string, unknown>,
  codes: CodeBook,
): { ok: true; record: DeviceRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(DEVICE_FIELDS, input, codes)
  const code = values.get('code')
  if (code !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(code))
    errors.push({
      field: 'code',
      code: 'ledger.bad_device_code',
      message: '设备编码只能含字母、数字、_ 和 -',
    })
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    record: {
      code: code as string,
      kind: values.get('kind') as string,
      name: values.get('name') as string,
      gridCode: values.get('gridCode') as string,
      ownerCreditCode: values.get('ownerCreditCode') ?? null,
      details: detailsOf(DEVICE_FIELDS, values),
    },
  }
}
