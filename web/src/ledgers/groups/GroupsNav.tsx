import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'

/** Between the board and the week's visits: the two pages of special groups. */
export function GroupsNav({ current }: { current: 'board' | 'visits' }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Segmented
      value={current}
      options={[
        { value: 'board', label: t('groups.tabs.board') },
        { value: 'visits', label: t('groups.tabs.visits') },
      ]}
      onChange={(v) => navigate(v === 'board' ? '/ledgers/groups' : '/ledgers/visits')}
      data-testid="groups-nav"
    />
  )
}
