import { Flex, Segmented, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { type CaseState, useCategories } from '../cases/cases.api'
import { useCaseName } from '../cases/caseText'
import { useLocalName } from '../i18n'
import { type CaseSource, type MapFilters, OPEN_STATES, PERIODS, type Period, SOURCES } from './filters'

/** The live map's filters: a big class, a source, the open states (one or all), and the period reported in. */
export function FiltersBar({
  filters,
  onChange,
  phone,
}: {
  filters: MapFilters
  onChange: (filters: MapFilters) => void
  phone: boolean
}) {
  const { t } = useTranslation()
  const name = useCaseName()
  const localName = useLocalName()
  const categories = useCategories()
  const bigClasses = (categories.data?.categories ?? [])
    .filter((c) => c.parentCode === null)
    .map((c) => ({ value: c.code, label: `${c.code} ${localName(c.zh, c.en)}` }))
  const width = (desk: number) => (phone ? '100%' : desk)
  const set = (patch: Partial<MapFilters>) => onChange({ ...filters, ...patch })

  return (
    <Flex gap={8} wrap align={phone ? 'stretch' : 'center'} data-testid="live-filters" vertical={phone}>
      <Select<string>
        value={filters.category}
        onChange={(category) => set({ category })}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('command.map.filters.anyCategory')}
        options={bigClasses}
        style={{ width: width(200) }}
        aria-label={t('command.map.filters.category')}
        data-testid="live-category"
      />
      <Select<CaseSource>
        value={filters.source}
        onChange={(source) => set({ source })}
        allowClear
        placeholder={t('command.map.filters.anySource')}
        options={SOURCES.map((s) => ({ value: s, label: name('sources', s) }))}
        style={{ width: width(150) }}
        aria-label={t('command.map.filters.source')}
        data-testid="live-source"
      />
      <Select<'open' | CaseState>
        value={filters.state}
        onChange={(state) => set({ state })}
        options={[
          { value: 'open', label: t('command.map.filters.open') },
          ...OPEN_STATES.map((s) => ({ value: s, label: name('states', s) })),
        ]}
        style={{ width: width(130) }}
        aria-label={t('command.map.filters.state')}
        data-testid="live-state"
      />
      <Segmented<Period>
        value={filters.period}
        onChange={(period) => set({ period })}
        options={PERIODS.map((p) => ({ value: p, label: t(`command.map.filters.${p}`) }))}
        aria-label={t('command.map.filters.period')}
        data-testid="live-period"
        block={phone}
      />
    </Flex>
  )
}
