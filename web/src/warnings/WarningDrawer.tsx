import { Alert, App, Button, Drawer, Flex, Grid, Radio, Skeleton, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { casesKey } from '../cases/cases.api'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { ReasonModal } from './ReasonModal'
import { WarningMeasured } from './WarningMeasured'
import { GridPlace, LevelTag, RuleTag, StateTag } from './WarningTags'
import { actOnWarning, isResolution, useWarning, type Warning, warningsKey } from './warnings.api'

/** 督办 grades: by default the one the event's lateness has earned, or one chosen. */
const SUPERVISE_GRADES = ['auto', 'normal', 'yellow', 'red'] as const
type SuperviseGrade = (typeof SUPERVISE_GRADES)[number]

/**
 * One warning: what it says, what the rule measured and the events behind it, who settled it and
 * why, the event it became; and, for those responsible for its place, 知悉, 排除 or 转为事件 — or,
 * for a deadline warning, 督办 of its event.
 */
export function WarningDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const formatTime = useFormatTime()
  const local = useLocalName()
  const { modal } = App.useApp()
  const one = useWarning(id)
  const [asking, setAsking] = useState<'acknowledge' | 'dismiss' | 'supervise' | null>(null)
  const w = one.data
  const may = (a: Warning['abilities'][number]) => w?.abilities.includes(a) ?? false
  const convert = useAction(() => actOnWarning(id, 'convert'), {
    invalidate: [warningsKey, casesKey],
    success: (done) => t('warnings.actions.converted', { no: done.case?.no ?? '' }),
  })
  const [grade, setGrade] = useState<SuperviseGrade>('auto')
  const supervise = useAction(
    (reason: string) =>
      actOnWarning(id, 'supervise', reason || undefined, grade === 'auto' ? undefined : grade),
    {
      invalidate: [warningsKey, casesKey],
      success: (done) => t('warnings.actions.supervised', { no: done.case?.no ?? '' }),
      // The dialog shows the refusal itself.
      toastErrors: false,
    },
  )
  const settle = useAction(
    ({ action, reason }: { action: 'acknowledge' | 'dismiss'; reason: string }) =>
      actOnWarning(id, action, reason || undefined),
    {
      invalidate: [warningsKey],
      success: (_, { action }) => t(`warnings.actions.${action}d`),
      // The dialog shows the refusal itself.
      toastErrors: false,
    },
  )
  const confirmConvert = () =>
    modal.confirm({
      title: t('warnings.convertConfirm.title'),
      content: t('warnings.convertConfirm.content'),
      okText: t('warnings.actions.convert'),
      // A failure is toasted by useAction; the dialog need not stay open for it.
      onOk: () => convert.mutateAsync(undefined).catch(() => undefined),
    })

  return (
    <Drawer
      open
      size={phone ? '100%' : 600}
      title={
        w && (
          <Flex gap={6} align="center" wrap>
            <LevelTag level={w.level} />
            <RuleTag rule={w.rule} />
            <StateTag state={w.state} />
          </Flex>
        )
      }
      onClose={onClose}
      data-testid="warning-drawer"
      footer={
        w && w.abilities.length > 0 ? (
          <Flex gap={8} justify="end" wrap>
            {may('dismiss') && (
              <Button danger onClick={() => setAsking('dismiss')} data-testid="warning-dismiss">
                {t('warnings.actions.dismiss')}
              </Button>
            )}
            {may('acknowledge') && (
              <Button onClick={() => setAsking('acknowledge')} data-testid="warning-acknowledge">
                {t('warnings.actions.acknowledge')}
              </Button>
            )}
            {may('supervise') && (
              <Button
                type="primary"
                loading={supervise.isPending}
                onClick={() => {
                  setGrade('auto')
                  setAsking('supervise')
                }}
                data-testid="warning-supervise"
              >
                {t('warnings.actions.supervise')}
              </Button>
            )}
            {may('convert') && (
              <Button
                type="primary"
                loading={convert.isPending}
                onClick={confirmConvert}
                data-testid="warning-convert"
              >
                {t('warnings.actions.convert')}
              </Button>
            )}
          </Flex>
        ) : null
      }
    >
      <QueryError error={one.error} />
      {one.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {w && (
        <Flex vertical gap={16}>
          <Flex vertical gap={4}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="warning-title">
              {local(w.title.zh, w.title.en)}
            </Typography.Text>
            <Typography.Text type="secondary">
              <GridPlace path={w.scopePath} />
              {' · '}
              {t('warnings.raisedAt', { at: formatTime(w.raisedAt) })}
              {w.updatedAt !== w.raisedAt && w.state === 'open' && (
                <> · {t('warnings.updatedAt', { at: formatTime(w.updatedAt) })}</>
              )}
            </Typography.Text>
          </Flex>
          {w.state !== 'open' && <Outcome warning={w} />}
          <WarningMeasured warning={w} phone={phone} />
        </Flex>
      )}
      {asking && (
        <ReasonModal
          title={t(`warnings.${asking}Dialog.title`)}
          hint={t(`warnings.${asking}Dialog.hint`)}
          placeholder={t(`warnings.${asking}Dialog.placeholder`)}
          okText={t(`warnings.actions.${asking}`)}
          required={asking === 'dismiss'}
          danger={asking === 'dismiss'}
          testId={`warning-${asking}-dialog`}
          extra={
            asking === 'supervise' && (
              <Radio.Group
                value={grade}
                onChange={(e) => setGrade(e.target.value)}
                optionType="button"
                style={{ marginBottom: 12 }}
                data-testid="warning-supervise-grade"
                options={SUPERVISE_GRADES.map((g) => ({
                  value: g,
                  label: t(`warnings.superviseDialog.grades.${g}`),
                }))}
              />
            )
          }
          onOk={(reason) =>
            asking === 'supervise'
              ? supervise.mutateAsync(reason)
              : settle.mutateAsync({ action: asking, reason })
          }
          onClose={() => setAsking(null)}
        />
      )}
    </Drawer>
  )
}

/**
 * 处理结果: who settled the warning, when and why, and the event it became or was supervised; a
 * warning the system resolved 系统解除 says so, with its reason in the reader's language.
 */
function Outcome({ warning: w }: { warning: Warning }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const bySystem = w.state === 'resolved'
  const reason = bySystem && isResolution(w.reason) ? t(`warnings.resolutions.${w.reason}`) : w.reason
  return (
    <Alert
      type={w.state === 'converted' || w.state === 'supervised' ? 'success' : 'info'}
      data-testid="warning-outcome"
      title={t('warnings.outcome.by', {
        who: bySystem ? t('warnings.outcome.system') : (w.handledBy ?? '—'),
        at: formatTime(w.handledAt),
        state: t(`warnings.states.${w.state}`),
      })}
      description={
        (reason || w.case) && (
          <Flex vertical gap={4}>
            {reason && <span data-testid="warning-reason">{t('warnings.outcome.reason', { reason })}</span>}
            {w.case && (
              <span>
                {w.state === 'supervised' ? t('warnings.outcome.supervisedCase') : t('warnings.outcome.case')}
                <Link to={`/cases/${w.case.id}`} data-testid="warning-case">
                  {w.case.no}
                </Link>
              </span>
            )}
          </Flex>
        )
      }
    />
  )
}
