import { Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuditActors } from './audit.api'

interface ActorPickerProps {
  value?: string
  onChange?: (id: string | undefined) => void
}

/** Picks the person whose acts the log shows, by part of their name or username (not by an id). */
export function ActorPicker({ value, onChange }: ActorPickerProps) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const found = useAuditActors(text)
  const options = (found.data?.items ?? []).map((a) => ({
    value: a.id,
    label: `${a.displayName} (${a.username})`,
  }))
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(id) => onChange?.(id)}
      placeholder={t('audit.actorPick')}
      notFoundContent={null}
      loading={found.isFetching}
      options={options}
      style={{ width: 220 }}
      data-testid="audit-actor"
    />
  )
}
