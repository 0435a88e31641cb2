import { CopyOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Result, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import type { PublicReportCreated } from './public.api'
import styles from './public.module.css'
import { ReportPhotos } from './ReportPhotos'

/**
 * After a report: the number, the private link the resident must keep (shown this once), and the
 * report's photos on their way.
 */
export function ReportDone({
  created,
  photos,
  onAnother,
}: {
  created: PublicReportCreated
  photos: PreparedPhoto[]
  onAnother: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const fullUrl = `${window.location.origin}${created.trackingUrl}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(fullUrl)
      void message.success(t('public.done.copied'))
    } catch {
      void message.info(fullUrl)
    }
  }
  return (
    <Card>
      <Result
        status="success"
        title={t('public.done.title')}
        subTitle={
          <span>
            {t('public.done.no')}{' '}
            <Typography.Text strong copyable data-testid="report-no">
              {created.no}
            </Typography.Text>
          </span>
        }
        style={{ padding: '16px 0' }}
      />
      <Flex vertical gap={12}>
        <ReportPhotos no={created.no} token={created.token} photos={photos} />
        <Alert type="warning" showIcon title={t('public.done.keep')} />
        <Typography.Text className={styles.link} data-testid="tracking-url">
          {fullUrl}
        </Typography.Text>
        <Button
          type="primary"
          block
          size="large"
          href={created.trackingUrl}
          onClick={(event) => {
            event.preventDefault()
            void navigate(created.trackingUrl)
          }}
          data-testid="tracking-link"
        >
          {t('public.done.open')}
        </Button>
        <Button icon={<CopyOutlined />} block onClick={() => void copy()}>
          {t('public.done.copy')}
        </Button>
        <Button type="link" block onClick={onAnother}>
          {t('public.done.another')}
        </Button>
      </Flex>
    </Card>
  )
}
