import { CalculatorOutlined, CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { saveFile } from '../stats/stats.api'
import { fetchRunWorkbook, publishRun, type Run, runFileName, runsKey, type Scheme } from './assessment.api'
import styles from './assessment.module.css'
import { usePeriodText } from './format'

/**
 * The run's state (草稿 / 已发布), the scheme and data versions, who computed and published it and
 * when; 计算 / 重新计算, 发布 (after a confirm: the figures become final) and the two workbooks.
 */
export function RunHeader({
  run,
  scheme,
  period,
  mayCompute,
  computing,
  onCompute,
}: {
  run: Run | undefined
  scheme: Scheme
  period: string
  mayCompute: boolean
  computing: boolean
  onCompute: () => void
}) {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const formatTime = useFormatTime()
  const local = useLocalName()
  const periodText = usePeriodText()
  const publish = useAction((id: string) => publishRun(id), {
    invalidate: [runsKey],
    success: t('assessment.actions.published'),
  })
  const download = useAction(async ({ r, sheet }: { r: Run; sheet: 'scores' | 'subsidy' }) =>
    saveFile(await fetchRunWorkbook(r.id, sheet), runFileName(r, t(`assessment.files.${sheet}`))),
  )
  const confirmPublish = (r: Run) =>
    modal.confirm({
      title: t('assessment.publishConfirm.title', { period: periodText(r.period) }),
      content: t('assessment.publishConfirm.content'),
      okText: t('assessment.actions.publish'),
      // A refusal is toasted by useAction; the dialog need not stay open for it.
      onOk: () => publish.mutateAsync(r.id).catch(() => undefined),
    })
  const published = run?.state === 'published'

  const computeButton = (
    <Button
      type={run ? 'default' : 'primary'}
      icon={<CalculatorOutlined />}
      disabled={!mayCompute}
      loading={computing}
      onClick={onCompute}
      data-testid="assessment-compute"
    >
      {run ? t('assessment.actions.recompute') : t('assessment.actions.compute')}
    </Button>
  )

  return (
    <div className={styles.header} data-testid="assessment-header">
      <Flex vertical gap={2}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {local(scheme.name.zh, scheme.name.en)} · {periodText(period)}
          </Typography.Text>
          {run && (
            <Tag color={published ? 'green' : 'gold'} data-testid="assessment-state" data-state={run.state}>
              {t(`assessment.run.states.${run.state}`)}
            </Tag>
          )}
        </Flex>
        {run && (
          <span className={styles.meta} data-testid="assessment-meta">
            {t('assessment.run.area', { area: run.scope.name ?? t('assessment.filters.whole') })}
            {' · '}
            {t('assessment.run.subjects', { count: run.totals.subjects })}
            {' · '}
            {t('assessment.run.schemeVersion', { version: run.scheme.version })}
            {' · '}
            <span data-testid="assessment-data-version">
              {t('assessment.run.dataVersion', { version: run.dataVersion })}
            </span>
            <br />
            {t('assessment.run.computed', { by: run.computedBy ?? '—', at: formatTime(run.computedAt) })}
            {run.publishedAt && (
              <>
                {' · '}
                {t('assessment.run.published', {
                  by: run.publishedBy ?? '—',
                  at: formatTime(run.publishedAt),
                })}
              </>
            )}
          </span>
        )}
      </Flex>
      <Flex gap={8} wrap>
        {published ? <Tooltip title={t('assessment.run.finalHint')}>{computeButton}</Tooltip> : computeButton}
        {run && (
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            disabled={!run.abilities.includes('publish')}
            loading={publish.isPending}
            onClick={() => confirmPublish(run)}
            data-testid="assessment-publish"
          >
            {t('assessment.actions.publish')}
          </Button>
        )}
        {run && (
          <Button
            icon={<DownloadOutlined />}
            loading={download.isPending && download.variables?.sheet === 'scores'}
            onClick={() => download.mutate({ r: run, sheet: 'scores' })}
            data-testid="assessment-export"
          >
            {t('assessment.actions.exportScores')}
          </Button>
        )}
        {run?.scheme.subsidy && (
          <Button
            icon={<DownloadOutlined />}
            loading={download.isPending && download.variables?.sheet === 'subsidy'}
            onClick={() => download.mutate({ r: run, sheet: 'subsidy' })}
            data-testid="assessment-export-subsidy"
          >
            {t('assessment.actions.exportSubsidy')}
          </Button>
        )}
      </Flex>
    </div>
  )
}
