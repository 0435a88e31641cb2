import {
  CameraOutlined,
  ExportOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  PlusOutlined,
  StopOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { Avatar, Button, Flex, Popconfirm, Spin, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { AppointPostModal } from '../staff/AppointPostModal'
import { PostPhotoModal } from '../staff/PostPhotoModal'
import { UnmaskPhonesDialog } from '../staff/UnmaskPhonesDialog'
import { endPost, type GridPost, noticeUrl, photoUrl, staffKey, useGridStaffing } from './staff.api'

type Dialog = { kind: 'appoint' } | { kind: 'photo'; post: GridPost } | { kind: 'unmask' } | null

/**
 * The grid's current staff, as its notice board shows them, and a link to that board; for those who
 * may, posts to fill and end, photos to set, and work phones shown in full with a reason (audited).
 */
export function GridStaff({ code }: { code: string }) {
  const { t, i18n } = useTranslation()
  const staffing = useGridStaffing(code)
  const [dialog, setDialog] = useState<Dialog>(null)
  // Phones in clear stay in this component, never in the query cache, and only for this grid.
  const [clear, setClear] = useState<{ code: string; posts: GridPost[] } | null>(null)
  const shownClear = clear?.code === code ? clear.posts : null
  const end = useAction((post: GridPost) => endPost(code, post.id), {
    invalidate: [staffKey(code)],
    success: t('staff.ended'),
  })
  const postName = (p: GridPost) => (i18n.language.startsWith('en') ? p.postEn : p.postZh)
  const posts = staffing.data?.posts ?? []
  const phoneOf = (p: GridPost) => shownClear?.find((c) => c.id === p.id)?.workPhone ?? p.workPhone
  const masked = !shownClear && posts.some((p) => p.workPhone && p.phoneMasked)

  return (
    <section data-testid="grid-staff" style={{ marginTop: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('grids.staff.title')}</Typography.Text>
        <Flex gap={4} align="center" wrap>
          {(staffing.data?.appointable.length ?? 0) > 0 && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'appoint' })}
              data-testid="post-add"
            >
              {t('staff.add')}
            </Button>
          )}
          {masked && (
            <Button
              size="small"
              icon={<EyeOutlined />}
              onClick={() => setDialog({ kind: 'unmask' })}
              data-testid="post-unmask"
            >
              {t('staff.unmask')}
            </Button>
          )}
          <Typography.Link
            href={noticeUrl(code)}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="grid-notice-link"
          >
            {t('grids.staff.noticeBoard')} <ExportOutlined />
          </Typography.Link>
        </Flex>
      </Flex>
      {shownClear && (
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="warning">{t('staff.unmaskedNote')}</Typography.Text>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setClear(null)}>
            {t('staff.hide')}
          </Button>
        </Flex>
      )}
      <QueryError error={staffing.error} />
      {staffing.isPending ? (
        <Spin size="small" />
      ) : posts.length === 0 ? (
        <Typography.Text type="secondary">{t('grids.staff.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={8} style={{ maxHeight: 260, overflow: 'auto' }}>
          {posts.map((p) => (
            <Flex key={p.id} gap={8} align="center" data-testid={`grid-post-${p.id}`}>
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
                  <Typography.Text type="secondary">{postName(p)}</Typography.Text>
                </div>
                {phoneOf(p) && (
                  <a href={`tel:${phoneOf(p)}`} data-testid="grid-post-phone">
                    {phoneOf(p)}
                  </a>
                )}
              </div>
              {p.abilities.includes('photo') && (
                <Tooltip title={t('staff.photo')}>
                  <Button
                    size="small"
                    type="text"
                    icon={<CameraOutlined />}
                    aria-label={t('staff.photo')}
                    onClick={() => setDialog({ kind: 'photo', post: p })}
                  />
                </Tooltip>
              )}
              {p.abilities.includes('end') && (
                <Popconfirm
                  title={t('staff.endConfirm', { holder: p.holder, post: postName(p) })}
                  onConfirm={() => end.mutate(p)}
                >
                  <Tooltip title={t('staff.end')}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<StopOutlined />}
                      aria-label={t('staff.end')}
                    />
                  </Tooltip>
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      )}
      {dialog?.kind === 'appoint' && staffing.data && (
        <AppointPostModal staffing={staffing.data} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'photo' && (
        <PostPhotoModal code={code} post={dialog.post} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'unmask' && (
        <UnmaskPhonesDialog
          code={code}
          onDone={(shown) => {
            setClear({ code, posts: shown })
            setDialog(null)
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  )
}
