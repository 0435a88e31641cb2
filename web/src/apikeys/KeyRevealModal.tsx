import { Alert, Button, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CreatedApiKey } from '../api/types'

/** The only moment the key is visible: the server keeps just its hash. */
export function KeyRevealModal({ apiKey, onClose }: { apiKey: CreatedApiKey; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      open
      title={t('apikeys.createdTitle', { name: apiKey.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apikeys.saved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('apikeys.onceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: apiKey.key, tooltips: [t('apikeys.copy'), t('apikeys.copied')] }}
        style={{ wordBreak: 'break-all' }}
        data-testid="api-key-secret"
      >
        {apiKey.key}
      </Typography.Paragraph>
    </Modal>
  )
}
