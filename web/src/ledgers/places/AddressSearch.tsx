import { HomeOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Select } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'

type Point = { lng: number; lat: number }

/**
 * A standard address 标准地址 of the reader's grids found by its text (road and number, estate,
 * building name); picking one hands over the building's point, so a form places an event there.
 */
export function AddressSearch({ onPick }: { onPick: (point: Point) => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300)
    return () => clearTimeout(timer)
  }, [text])
  const found = useQuery({
    queryKey: ['ledger-addresses', q],
    queryFn: () => api.get('/api/addresses', { params: { query: { q } } }),
    enabled: q.length > 0,
    staleTime: 60_000,
  })
  const hits = q ? (found.data ?? []) : []
  return (
    <Select<string>
      showSearch
      value={null}
      filterOption={false}
      onSearch={setText}
      searchValue={text}
      suffixIcon={<HomeOutlined />}
      placeholder={t('places.addressSearch')}
      notFoundContent={q && !found.isFetching ? t('places.addressNone') : null}
      loading={found.isFetching}
      options={hits.map((h) => ({ value: h.buildingId, label: `${h.address} · ${h.grid.name}` }))}
      onSelect={(id: string) => {
        const hit = hits.find((h) => h.buildingId === id)
        if (hit) onPick(hit.point)
        setText('')
      }}
      style={{ minWidth: 240, flex: 1 }}
      data-testid="address-search"
    />
  )
}
