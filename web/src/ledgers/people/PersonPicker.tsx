import { useQuery } from '@tanstack/react-query'
import { Select, Spin } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** People found by a name, an ID number or a phone (the people list's own search), or by a pasted record number. */
async function findPeople(q: string) {
  if (UUID.test(q)) {
    const one = await api.get('/api/people/{id}', { params: { path: { id: q } } }).catch(() => null)
    return one ? [{ id: one.id, name: one.name, idNumber: one.idNumber, grid: one.grid }] : []
  }
  const page = await api.get('/api/people', { params: { query: { q, limit: 20 } } })
  return page.items
}

/**
 * A person of the reader's ledgers picked by searching as on the people list (masked: 张* ·
 * 110105********002X · the grid); the value is the person's id (several with `multiple`).
 */
export function PersonPicker({
  value,
  onChange,
  multiple,
  id,
  testId,
}: {
  value?: string | string[]
  onChange?: (value: string | string[] | undefined) => void
  multiple?: boolean
  id?: string
  testId?: string
}) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300)
    return () => clearTimeout(timer)
  }, [typed])
  const found = useQuery({
    queryKey: ['ledger-people', 'picker', q],
    queryFn: () => findPeople(q),
    enabled: q.length >= 1,
    staleTime: 30_000,
  })
  const [labels, setLabels] = useState<Record<string, string>>({})
  const options = (found.data ?? []).map((p) => ({
    value: p.id,
    label: [p.name, p.idNumber, p.grid.name].filter(Boolean).join(' · '),
  }))
  return (
    <Select
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      filterOption={false}
      value={value}
      onSearch={setTyped}
      onChange={(v: string | string[] | undefined) => {
        setLabels((l) => ({ ...l, ...Object.fromEntries(options.map((o) => [o.value, o.label])) }))
        onChange?.(v)
      }}
      options={[
        ...options,
        // What was picked before stays named while the search shows other people.
        ...[value ?? []]
          .flat()
          .filter((v) => !options.some((o) => o.value === v))
          .map((v) => ({ value: v, label: labels[v] ?? v })),
      ]}
      placeholder={t('people.pickerPlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : q ? t('people.pickerNone') : null}
      style={{ width: '100%' }}
    />
  )
}
