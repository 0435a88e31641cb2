import { useCodeName as useCodeTable } from '../groups/groups.api'

type Table = 'organization_kind' | 'device_kind' | 'dispute_kind'

/** The name of a code of a table in the reader's language (the code table is data: a deployment's own codes too). */
export function useCodeName(table: Table) {
  return useCodeTable(table).name
}

/** The active codes of a table, as a select's options. */
export function useCodeOptions(table: Table) {
  const { codes, name } = useCodeTable(table)
  return codes.filter((c) => c.active).map((c) => ({ value: c.code, label: name(c.code) }))
}
