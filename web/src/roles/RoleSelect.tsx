import { Select, type SelectProps } from 'antd'
import { useLocalName } from '../i18n'
import { useRoles } from './roles.api'

/** Picks a role by id; Form.Item passes id, value and onChange through. */
export function RoleSelect(props: Omit<SelectProps<string>, 'options' | 'loading' | 'showSearch'>) {
  const roles = useRoles()
  const localName = useLocalName()
  return (
    <Select
      {...props}
      loading={roles.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(roles.data ?? []).map((role) => ({
        value: role.id,
        label: localName(role.nameZh, role.nameEn),
      }))}
    />
  )
}
