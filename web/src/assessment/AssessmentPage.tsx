import { SettingOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Card, Empty, Grid, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { codeOf, ownArea } from './area'
import {
  computeRun,
  FIRST_PAGE,
  type RunPage,
  type RunSort,
  runsKey,
  useIndicators,
  useRun,
  useRuns,
  useSchemes,
} from './assessment.api'
import { usePeriodText } from './format'
import { lastMonth } from './period'
import { RankingTable } from './RankingTable'
import { ResultDrawer } from './ResultDrawer'
import { RunFilters } from './RunFilters'
import { RunHeader } from './RunHeader'

/**
 * 考核排名: a scheme's stored run for a period and an area (the reader's own by default), computed
 * again whenever the data changed, published when final; a row opens the subject's detail. The ranking
 * is read a page at a time (a city's grids are 18,000 lines). The choice is in the address (?scheme=,
 * ?period=, ?area=, ?subject=, and the page: ?page=, ?size=, ?sort=, ?order=).
 */
export function AssessmentPage() {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const me = useCurrentUser()
  const can = useCan()
  const queryClient = useQueryClient()
  const periodText = usePeriodText()
  const [params, setParams] = useSearchParams()
  const schemes = useSchemes()
  const catalogue = useIndicators()

  const own = ownArea(me)
  const scheme = schemes.data?.find((s) => s.id === params.get('scheme')) ?? schemes.data?.[0]
  const period = params.get('period') ?? lastMonth(new Date())
  const area = params.get('area') ?? own
  const subject = params.get('subject')
  const sorts: readonly RunSort[] = ['rank', 'score', 'name', 'movement']
  const sortParam = params.get('sort') as RunSort | null
  const orderParam = params.get('order')
  const page: RunPage = {
    page: Math.max(1, Number(params.get('page')) || 1),
    limit: Math.min(500, Math.max(1, Number(params.get('size')) || FIRST_PAGE.limit)),
    sort: sortParam && sorts.includes(sortParam) ? sortParam : FIRST_PAGE.sort,
    ...(orderParam === 'asc' || orderParam === 'desc' ? { order: orderParam } : {}),
  }

  const runs = useRuns(scheme?.id)
  const stored = runs.data?.find((r) => r.period === period && r.scope.path === area)
  const run = useRun(stored?.id, page)
  const shown = stored ? run.data : undefined

  const choose = (next: { scheme?: string; period?: string; area?: string; subject?: string | null }) =>
    setParams((prev) => {
      const out = new URLSearchParams(prev)
      if (next.scheme) out.set('scheme', next.scheme)
      if (next.period) out.set('period', next.period)
      if (next.area !== undefined) out.set('area', next.area)
      if (next.scheme || next.period || next.area !== undefined || next.subject === null)
        out.delete('subject')
      if (next.subject) out.set('subject', next.subject)
      // Another run: from its first page.
      if (next.scheme || next.period || next.area !== undefined) out.delete('page')
      return out
    })

  const turn = (next: RunPage) =>
    setParams((prev) => {
      const out = new URLSearchParams(prev)
      const set = (key: string, value: string | undefined, fallback: string) =>
        value === undefined || value === fallback ? out.delete(key) : out.set(key, value)
      set('page', String(next.page), '1')
      set('size', String(next.limit), String(FIRST_PAGE.limit))
      set('sort', next.sort, FIRST_PAGE.sort)
      set('order', next.order, '')
      return out
    })

  const compute = useAction(
    () => computeRun({ scheme: scheme?.id ?? '', period, ...(area ? { grid: codeOf(area) } : {}) }),
    {
      success: () => t('assessment.actions.computed', { period: periodText(period) }),
      // The answer is the new run's first page by rank: shown at once, then the list learns its id.
      onSuccess: (fresh) => {
        queryClient.setQueryData([...runsKey, 'one', fresh.id, FIRST_PAGE], fresh)
        return queryClient.invalidateQueries({ queryKey: [...runsKey, 'list', scheme?.id] })
      },
    },
  )
  const mayCompute = shown ? shown.abilities.includes('compute') : can('assessment.manage')

  return (
    <Card
      title={t('assessment.title')}
      size="small"
      data-testid="assessment-page"
      extra={
        can('assessment.manage') && (
          <Link to="/assessment/schemes">
            <Button type="link" icon={<SettingOutlined />} data-testid="assessment-schemes-link">
              {t('assessment.actions.schemes')}
            </Button>
          </Link>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('assessment.help')}</Typography.Paragraph>
      <QueryError error={schemes.error ?? runs.error ?? run.error} />
      {schemes.isPending && <Skeleton active />}
      {schemes.data && (
        <RunFilters
          schemes={schemes.data}
          scheme={scheme?.id}
          period={period}
          area={area}
          onChange={(next) => choose(next.area === '' ? { ...next, area: own } : next)}
        />
      )}
      {scheme && (
        <RunHeader
          run={shown}
          scheme={scheme}
          period={period}
          mayCompute={mayCompute}
          computing={compute.isPending}
          onCompute={() => compute.mutate(undefined)}
        />
      )}
      {shown ? (
        <RankingTable
          run={shown}
          catalogue={catalogue.data}
          phone={phone}
          loading={run.isFetching || compute.isPending}
          onOpen={(s) => choose({ subject: s })}
          onPage={turn}
        />
      ) : (
        (runs.isPending || run.isPending) && stored !== undefined && <Skeleton active />
      )}
      {scheme && runs.isSuccess && !stored && (
        <Empty
          data-testid="assessment-none"
          description={
            <>
              <div>{t('assessment.run.none', { period: periodText(period) })}</div>
              {mayCompute && (
                <Typography.Text type="secondary">{t('assessment.run.noneHint')}</Typography.Text>
              )}
            </>
          }
        />
      )}
      {shown && subject && (
        <ResultDrawer
          run={shown}
          subject={subject}
          catalogue={catalogue.data}
          onRecompute={() => compute.mutate(undefined)}
          recomputing={compute.isPending}
          onClose={() => choose({ subject: null })}
        />
      )}
    </Card>
  )
}
