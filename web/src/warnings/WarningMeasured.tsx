import { useQueries } from '@tanstack/react-query'
import { Descriptions, Flex, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCan } from '../auth/auth.api'
import { caseKey, getCase } from '../cases/cases.api'
import { useFormatTime } from '../common/format'
import { inputsOf, type Warning } from './warnings.api'
import { formatNumber, formatP } from './warningText'

/** At most this many events are listed by number; the count says how many there are in all. */
const MAX_LISTED = 20

/** 研判依据: what the rule measured, in a sentence and its figures, and the events behind it. */
export function WarningMeasured({ warning, phone }: { warning: Warning; phone: boolean }) {
  const { t, i18n } = useTranslation()
  const formatTime = useFormatTime()
  const can = useCan()
  const inputs = inputsOf(warning)
  const shown = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n))
  const stage = inputs.stage
    ? t(`warnings.measured.stages.${inputs.stage}`, { defaultValue: inputs.stage })
    : '—'
  const share = inputs.share === undefined ? undefined : `${Math.round(inputs.share * 100)}%`
  const due = inputs.due && warning.rule === 'deadline' ? formatTime(inputs.due) : inputs.due
  const household = inputs.linkedBy?.includes('household')
  const sentenceKey =
    warning.rule === 'deadline' && share === undefined
      ? 'warnings.measured.deadlineUnknown'
      : `warnings.measured.${warning.rule}`
  const sentence = i18n.exists(sentenceKey)
    ? t(sentenceKey, {
        count: shown(inputs.count),
        baseline: shown(inputs.baseline),
        yesterday: shown(inputs.yesterday?.count),
        radius: shown(inputs.radiusM),
        silent: shown(inputs.silentMinutes),
        stage,
        share,
        due,
        late: shown(inputs.daysLate),
        every: shown(inputs.everyDays),
        who: t(`warnings.measured.who.${household ? 'household' : 'reporter'}`),
      })
    : null
  const figure = (key: string, label: string, value: number | string | undefined, text?: string) =>
    value === undefined
      ? []
      : [{ key, label, children: <span data-testid={`warning-${key}`}>{text ?? value}</span> }]
  const items = [
    ...figure('count', t('warnings.measured.count'), inputs.count),
    ...figure('baseline', t('warnings.measured.baseline'), inputs.baseline, shown(inputs.baseline)),
    ...figure(
      'yesterday',
      t('warnings.measured.yesterday'),
      inputs.yesterday?.count,
      inputs.yesterday?.p !== undefined
        ? t('warnings.measured.yesterdayP', { count: inputs.yesterday.count, p: formatP(inputs.yesterday.p) })
        : undefined,
    ),
    ...figure(
      'p',
      t('warnings.measured.p'),
      inputs.p,
      inputs.p === undefined ? undefined : formatP(inputs.p),
    ).map((item) => ({
      ...item,
      label: <Tooltip title={t('warnings.measured.pHelp')}>{item.label}</Tooltip>,
    })),
    ...figure(
      'weekP',
      t('warnings.measured.weekP'),
      inputs.weekP,
      inputs.weekP === undefined ? undefined : formatP(inputs.weekP),
    ),
    ...figure(
      'radius',
      t('warnings.measured.radius'),
      inputs.radiusM,
      t('warnings.measured.metres', { value: shown(inputs.radiusM) }),
    ),
    ...figure('stage', t('warnings.measured.stage'), inputs.stage, stage),
    ...figure('due', t('warnings.measured.due'), due),
    ...figure('share', t('warnings.measured.share'), share),
    ...figure(
      'daysLate',
      t('warnings.measured.daysLate'),
      inputs.daysLate,
      t('warnings.measured.days', { value: shown(inputs.daysLate) }),
    ),
    ...figure(
      'everyDays',
      t('warnings.measured.everyDays'),
      inputs.everyDays,
      t('warnings.measured.days', { value: shown(inputs.everyDays) }),
    ),
    ...figure(
      'linkedBy',
      t('warnings.measured.linkedBy'),
      inputs.linkedBy?.length ? inputs.linkedBy.join() : undefined,
      inputs.linkedBy?.map((l) => t(`warnings.measured.links.${l}`, { defaultValue: l })).join('、'),
    ),
    ...figure('day', t('warnings.measured.day'), inputs.day ?? inputs.window),
  ]

  return (
    <Flex vertical gap={12} data-testid="warning-measured">
      <Typography.Text strong>{t('warnings.measured.title')}</Typography.Text>
      {sentence && <Typography.Text data-testid="warning-sentence">{sentence}</Typography.Text>}
      {items.length > 0 && <Descriptions size="small" bordered column={phone ? 1 : 2} items={items} />}
      {warning.rule === 'visit_missed' ? (
        // The person stays on the ledger's masked screens, for those who may see the group.
        can('ledger.special') && (
          <Link to="/ledgers/visits" data-testid="warning-visits-link">
            {t('warnings.measured.visitsLink')}
          </Link>
        )
      ) : (
        <CaseLinks ids={inputs.cases ?? []} />
      )}
    </Flex>
  )
}

/** The events behind a warning, each a link to it by its number (the first twenty). */
function CaseLinks({ ids }: { ids: string[] }) {
  const { t } = useTranslation()
  const listed = ids.slice(0, MAX_LISTED)
  const cases = useQueries({
    queries: listed.map((id) => ({ queryKey: caseKey(id), queryFn: () => getCase(id), staleTime: 60_000 })),
  })
  if (ids.length === 0)
    return <Typography.Text type="secondary">{t('warnings.measured.noCases')}</Typography.Text>
  return (
    <Flex vertical gap={6}>
      <Typography.Text data-testid="warning-cases-count">
        {ids.length > listed.length
          ? t('warnings.measured.casesShown', { count: ids.length, shown: listed.length })
          : t('warnings.measured.cases', { count: ids.length })}
      </Typography.Text>
      <Flex wrap gap="4px 12px" data-testid="warning-cases">
        {listed.map((id, i) => (
          <Link key={id} to={`/cases/${id}`} data-testid="warning-case-link">
            {cases[i]?.data?.no ?? `#${i + 1}`}
          </Link>
        ))}
      </Flex>
    </Flex>
  )
}
