import { useQuery } from '@tanstack/react-query'
import { Select, Space } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'

/** What was typed, settled after a pause (a search per pause, not per key). */
function useSettled(text: string) {
  const [q, setQ] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300)
    return () => clearTimeout(timer)
  }, [text])
  return q
}

type Pick = { value?: string; onChange?: (id: string | undefined) => void; testId?: string }

/** A room picked by its building's standard address (searched as on the buildings page), then its number. */
export function RoomPicker({ value, onChange = () => {}, testId = 'link' }: Pick) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useSettled(text)
  const [building, setBuilding] = useState<string>()
  const found = useQuery({
    queryKey: ['ledger-addresses', q],
    queryFn: () => api.get('/api/addresses', { params: { query: { q } } }),
    enabled: q.length > 0,
    staleTime: 60_000,
  })
  const rooms = useQuery({
    queryKey: ['ledger-building-rooms', building],
    queryFn: () => api.get('/api/buildings/{id}/rooms', { params: { path: { id: building ?? '' } } }),
    enabled: !!building,
  })
  const unitName = (id: string | null) => rooms.data?.units.find((u) => u.id === id)?.name ?? ''
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<string>
        showSearch
        filterOption={false}
        onSearch={setText}
        value={building}
        onChange={(id) => {
          setBuilding(id)
          onChange(undefined)
        }}
        placeholder={t('ledgerLinks.buildingSearch')}
        loading={found.isFetching}
        options={(found.data ?? []).map((h) => ({
          value: h.buildingId,
          label: `${h.address} · ${h.grid.name}`,
        }))}
        style={{ width: '100%' }}
        data-testid={`${testId}-building`}
      />
      <Select<string>
        value={value}
        onChange={onChange}
        disabled={!building}
        placeholder={t('ledgerLinks.room')}
        loading={rooms.isFetching}
        options={(rooms.data?.rooms ?? []).map((r) => ({
          value: r.id,
          label: `${unitName(r.unitId)}${r.number}`,
        }))}
        style={{ width: '100%' }}
        data-testid={`${testId}-room`}
      />
    </Space>
  )
}

/** An organisation of the reader's grids picked by its name or credit code. */
export function OrganizationPicker({ value, onChange }: Pick) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useSettled(text)
  const found = useQuery({
    queryKey: ['ledgers', 'organizations', 'picker', q],
    queryFn: () => api.get('/api/organizations', { params: { query: { q, limit: 20 } } }),
    enabled: q.length > 0,
    staleTime: 30_000,
  })
  return (
    <Select<string>
      showSearch
      filterOption={false}
      onSearch={setText}
      value={value}
      onChange={onChange}
      placeholder={t('ledgerLinks.organizationSearch')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.grid.name}` }))}
      style={{ width: '100%' }}
      data-testid="link-organization"
    />
  )
}
