import { SearchOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Select } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Place, searchPlaces } from '../map/map.api'

/** Waits for a pause in typing before asking: one search per word, not per key. */
function useSettled(text: string, ms = 300) {
  const [settled, setSettled] = useState(text)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms)
    return () => clearTimeout(timer)
  }, [text, ms])
  return settled
}

/**
 * Finds a street or community by name and hands it over (the map flies there). Kept to places for
 * now; standard addresses 标准地址 can answer through the same list later.
 */
export function PlaceSearch({ onPlace }: { onPlace: (place: Place) => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useSettled(text.trim())
  const found = useQuery({
    queryKey: ['places', q],
    queryFn: () => searchPlaces(q),
    enabled: q.length > 0,
    staleTime: 60_000,
  })
  const places = q ? (found.data?.items ?? []) : []

  return (
    <Select<number>
      showSearch
      value={null}
      filterOption={false}
      onSearch={setText}
      searchValue={text}
      suffixIcon={<SearchOutlined />}
      placeholder={t('map.search.placeholder')}
      aria-label={t('map.search.label')}
      notFoundContent={q && !found.isFetching ? t('map.search.empty') : null}
      loading={found.isFetching}
      options={places.map((p, i) => ({
        value: i,
        label: `${p.name}${p.parent ? ` · ${p.parent}` : ''}`,
      }))}
      onSelect={(i: number) => {
        const place = places[i]
        if (place) onPlace(place)
        setText('')
      }}
      style={{ width: '100%' }}
      data-testid="place-search"
    />
  )
}
