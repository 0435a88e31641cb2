import { ExportOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Spin, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { AppointPostModal } from '../staff/AppointPostModal'
import { EditPostModal } from '../staff/EditPostModal'
import { PostItem } from '../staff/PostItem'
import { PostPhotoModal } from '../staff/PostPhotoModal'
import { UnmaskPhonesDialog } from '../staff/UnmaskPhonesDialog'
import { endPost, type GridPost, noticeUrl, staffKey, useGridStaffing } from './staff.api'

type Dialog = { kind: 'appoint' } | { kind: 'photo' | 'edit'; post: GridPost } | { kind: 'unmask' } | null

/**
 * The grid's current staff, as its notice board shows them, and a link to that board; for those who
 * may, posts to fill and end, photos to set, and work phones shown in full with a reason (audited).
 */
export function GridStaff({ code }: { code: string }) {
  const { t } = useTranslation()
  const staffing = useGridStaffing(code)
  const [dialog, setDialog] = useState<Dialog>(null)
  // Phones in clear stay in this component, never in the query cache, and only for this grid.
  const [clear, setClear] = useState<{ code: string; posts: GridPost[] } | null>(null)
  const shownClear = clear?.code === code ? clear.posts : null
  const end = useAction((post: GridPost) => endPost(code, post.id), {
    invalidate: [staffKey(code)],
    success: t('staff.ended'),
  })
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
            <PostItem
              key={p.id}
              code={code}
              post={p}
              phone={phoneOf(p)}
              onPhoto={() => setDialog({ kind: 'photo', post: p })}
              onEdit={() => setDialog({ kind: 'edit', post: p })}
              onEnd={() => end.mutate(p)}
            />
          ))}
        </Flex>
      )}
      {dialog?.kind === 'appoint' && staffing.data && (
        <AppointPostModal staffing={staffing.data} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'photo' && (
        <PostPhotoModal code={code} post={dialog.post} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'edit' && (
        <EditPostModal code={code} post={dialog.post} onClose={() => setDialog(null)} />
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
