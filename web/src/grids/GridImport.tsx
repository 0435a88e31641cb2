import { UploadOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Modal, Table, Upload } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { useErrorText } from '../common/errorText'
import { gridsKey, type ImportFailure, importGrids } from './grids.api'

type Outcome =
  | { kind: 'created'; count: number; warnings: number }
  | { kind: 'failed'; failures: ImportFailure[] }
  | { kind: 'error'; text: string }
  | null

/** The import button: the file is read here and its JSON sent as is; the server checks every feature. */
export function GridImportButton({ onOutcome }: { onOutcome: (outcome: Outcome) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)

  const upload = async (file: File) => {
    onOutcome(null)
    let collection: unknown
    try {
      collection = JSON.parse(await file.text())
    } catch {
      onOutcome({ kind: 'error', text: t('grids.importNotJson') })
      return
    }
    setBusy(true)
    try {
      const result = await importGrids(collection)
      onOutcome({ kind: 'created', count: result.created, warnings: result.warnings.length })
      await queryClient.invalidateQueries({ queryKey: gridsKey })
    } catch (error) {
      const failures = error instanceof ApiError ? error.extra.failures : undefined
      if (error instanceof ApiError && error.code === 'grid.import_failed' && Array.isArray(failures)) {
        onOutcome({ kind: 'failed', failures: failures as ImportFailure[] })
      } else {
        onOutcome({ kind: 'error', text: errorText(error) })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Upload
      accept=".geojson,.json,application/geo+json,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file)
        return Upload.LIST_IGNORE
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid="grid-import">
        {t('grids.import')}
      </Button>
    </Upload>
  )
}

export type ImportOutcome = Outcome

/** What the last import did: how many grids it made, or every feature it refused and why. */
export function ImportResult({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useTranslation()
  if (!outcome) return null
  if (outcome.kind === 'created') {
    const warnings =
      outcome.warnings > 0 ? ` · ${t('grids.importWarnings', { count: outcome.warnings })}` : ''
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title={`${t('grids.imported', { count: outcome.count })}${warnings}`}
        style={{ marginBottom: 16 }}
        data-testid="import-result"
      />
    )
  }
  if (outcome.kind === 'error') {
    return (
      <Alert
        type="error"
        showIcon
        closable={{ onClose }}
        title={outcome.text}
        style={{ marginBottom: 16 }}
        data-testid="import-result"
      />
    )
  }
  // Every refused feature, in a dialog: a long list must not push the map off the screen.
  return (
    <Modal open title={t('grids.importFailedTitle')} footer={null} onCancel={onClose} width={860}>
      <Alert type="error" showIcon title={t('grids.importFailed')} style={{ marginBottom: 12 }} />
      <Table<ImportFailure>
        size="small"
        rowKey={(f) => `${f.index}-${f.problem}`}
        pagination={outcome.failures.length > 10 ? { pageSize: 10 } : false}
        dataSource={outcome.failures}
        data-testid="import-failures"
        columns={[
          { title: t('grids.failureIndex'), dataIndex: 'index', width: 72 },
          { title: t('grids.failureCode'), dataIndex: 'code', render: (code) => code ?? '—' },
          { title: t('grids.failureProblem'), dataIndex: 'problem', render: (p) => <code>{p}</code> },
          { title: t('grids.failureReason'), dataIndex: 'reason' },
        ]}
      />
    </Modal>
  )
}
