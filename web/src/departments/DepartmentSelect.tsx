import { Select } from 'antd'
import { useDepartmentList } from './departments.api'

/** A department picked by name or code; the value is its id (what a department scope names). */
export function DepartmentSelect({
  value,
  onChange,
  testId,
}: {
  value?: string
  onChange?: (id: string) => void
  testId?: string
}) {
  const list = useDepartmentList()
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={list.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(list.data ?? []).map((d) => ({ value: d.id, label: `${d.name} ${d.code}` }))}
      data-testid={testId}
    />
  )
}
