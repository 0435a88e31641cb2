import { ExportOutlined, UserOutlined } from '@ant-design/icons'
import { Avatar, Flex, Spin, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { type GridPost, noticeUrl, photoUrl, useGridPosts } from './staff.api'

/** The grid's current staff, as its notice board shows them, and a link to that board. */
export function GridStaff({ code }: { code: string }) {
  const { t, i18n } = useTranslation()
  const posts = useGridPosts(code)
  const postName = (p: GridPost) => (i18n.language.startsWith('en') ? p.postEn : p.postZh)

  return (
    <section data-testid="grid-staff" style={{ marginTop: 12 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('grids.staff.title')}</Typography.Text>
        <Typography.Link
          href={noticeUrl(code)}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="grid-notice-link"
        >
          {t('grids.staff.noticeBoard')} <ExportOutlined />
        </Typography.Link>
      </Flex>
      <QueryError error={posts.error} />
      {posts.isPending ? (
        <Spin size="small" />
      ) : posts.data?.length === 0 ? (
        <Typography.Text type="secondary">{t('grids.staff.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={8} style={{ maxHeight: 220, overflow: 'auto' }}>
          {posts.data?.map((p) => (
            <Flex key={p.id} gap={8} align="center" data-testid={`grid-post-${p.id}`}>
              <Avatar
                shape="square"
                size={40}
                src={p.hasPhoto ? photoUrl(code, p.id) : undefined}
                alt={p.hasPhoto ? p.holder : undefined}
                icon={<UserOutlined />}
              />
              <div style={{ minWidth: 0 }}>
                <div>
                  <Typography.Text data-testid="grid-post-holder">{p.holder}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{postName(p)}</Typography.Text>
                </div>
                {p.workPhone && <a href={`tel:${p.workPhone}`}>{p.workPhone}</a>}
              </div>
            </Flex>
          ))}
        </Flex>
      )}
    </section>
  )
}
