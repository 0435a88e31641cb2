import { CameraOutlined, EditOutlined, StopOutlined, UserOutlined } from '@ant-design/icons'
import { Avatar, Button, Flex, Popconfirm, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type GridPost, photoUrl } from '../grids/staff.api'
import { useLocalName } from '../i18n'

/** One post of a grid: photo, holder, post, work phone, and the buttons its `abilities` allow. */
export function PostItem({
  code,
  post: p,
  phone,
  onPhoto,
  onEdit,
  onEnd,
}: {
  code: string
  post: GridPost
  /** The work phone to show: masked, or in clear once asked for. */
  phone: string | null
  onPhoto: () => void
  onEdit: () => void
  onEnd: () => void
}) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const postName = localName(p.postZh, p.postEn)
  const may = (a: GridPost['abilities'][number]) => p.abilities.includes(a)
  return (
    <Flex gap={8} align="center" data-testid={`grid-post-${p.id}`}>
      <Avatar
        shape="square"
        size={40}
        src={p.hasPhoto ? photoUrl(code, p.id, p.photoVersion) : undefined}
        alt={p.hasPhoto ? p.holder : undefined}
        icon={<UserOutlined />}
        data-testid="grid-post-photo"
      />
      <div style={{ minWidth: 0, flex: 1 }}>
        <div>
          <Typography.Text data-testid="grid-post-holder">{p.holder}</Typography.Text>{' '}
          <Typography.Text type="secondary">{postName}</Typography.Text>
        </div>
        {phone && (
          <a href={`tel:${phone}`} data-testid="grid-post-phone">
            {phone}
          </a>
        )}
      </div>
      {may('photo') && (
        <Tooltip title={t('staff.photo')}>
          <Button
            size="small"
            type="text"
            icon={<CameraOutlined />}
            aria-label={t('staff.photo')}
            onClick={onPhoto}
          />
        </Tooltip>
      )}
      {may('edit') && (
        <Tooltip title={t('staff.edit')}>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            aria-label={t('staff.edit')}
            onClick={onEdit}
          />
        </Tooltip>
      )}
      {may('end') && (
        <Popconfirm title={t('staff.endConfirm', { holder: p.holder, post: postName })} onConfirm={onEnd}>
          <Tooltip title={t('staff.end')}>
            <Button size="small" type="text" danger icon={<StopOutlined />} aria-label={t('staff.end')} />
          </Tooltip>
        </Popconfirm>
      )}
    </Flex>
  )
}
