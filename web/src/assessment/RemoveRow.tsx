import { DeleteOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'

/** 删除: takes a row out of one of a scheme's lists (items, stars, piece rates, bonuses). */
export function RemoveRow({ onRemove, disabled }: { onRemove: () => void; disabled?: boolean }) {
  const { t } = useTranslation()
  return (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined />}
      aria-label={t('assessment.schemes.remove')}
      disabled={disabled}
      onClick={onRemove}
    />
  )
}
