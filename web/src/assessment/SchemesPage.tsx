import { ArrowLeftOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Skeleton, Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCurrentUser } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { managesEverywhere } from './area'
import { useIndicators, useSchemes } from './assessment.api'
import { SchemeEditor } from './SchemeEditor'

/**
 * 考核方案: each scheme's weighed indicators, stars, lists and (for workers) subsidy, one tab each.
 * Everyone who manages assessment reads them; only a whole-deployment manager changes them.
 */
export function SchemesPage() {
  const { t } = useTranslation()
  const local = useLocalName()
  const me = useCurrentUser()
  const schemes = useSchemes()
  const catalogue = useIndicators()
  const editable = managesEverywhere(me)

  return (
    <Card
      title={t('assessment.schemes.title')}
      size="small"
      data-testid="schemes-page"
      extra={
        <Link to="/assessment">
          <Button type="link" icon={<ArrowLeftOutlined />}>
            {t('assessment.schemes.back')}
          </Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('assessment.schemes.help')}</Typography.Paragraph>
      {!editable && (
        <Alert type="info" showIcon title={t('assessment.schemes.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <QueryError error={schemes.error ?? catalogue.error} />
      {(schemes.isPending || catalogue.isPending) && <Skeleton active />}
      {schemes.data && catalogue.data && (
        <Tabs
          items={schemes.data.map((s) => ({
            key: s.id,
            label: <span data-testid={`scheme-tab-${s.code}`}>{local(s.name.zh, s.name.en)}</span>,
            // A new version read replaces the form, so a reload after a conflict shows what is stored.
            children: (
              <SchemeEditor
                key={`${s.id}-${s.version}`}
                scheme={s}
                catalogue={catalogue.data}
                editable={editable}
              />
            ),
          }))}
        />
      )}
    </Card>
  )
}
