import { Button, Card, Flex, Grid, List, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { WarningDrawer } from './WarningDrawer'
import { GridPlace, LevelTag, RuleTag } from './WarningTags'
import { useWarnings, WARNING_RULES, WARNING_STATES, type Warning, type WarningState } from './warnings.api'

const isState = (s: string | null): s is WarningState => WARNING_STATES.some((k) => k === s)

/**
 * 预警: the warnings of the reader's subtrees by outcome (待处理, 已知悉, 已排除, 已转事件), newest
 * first; a row opens its detail. The tab and the open warning are in the address (?state=, ?id=), so
 * the workbench's ticker links straight to one.
 */
export function WarningsPage() {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const formatTime = useFormatTime()
  const local = useLocalName()
  const [params, setParams] = useSearchParams()
  const state = isState(params.get('state')) ? (params.get('state') as WarningState) : 'open'
  const openId = params.get('id')
  const ruleParam = params.get('rule')
  const rule = WARNING_RULES.find((r) => r === ruleParam)
  const list = useWarnings(state, rule)
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []

  const show = (next: { state?: WarningState; id?: string | null }) =>
    setParams((prev) => {
      const out = new URLSearchParams(prev)
      if (next.state) out.set('state', next.state)
      if (next.id === null) out.delete('id')
      else if (next.id) out.set('id', next.id)
      return out
    })

  const columns: TableColumnsType<Warning> = [
    {
      key: 'level',
      title: t('warnings.columns.level'),
      width: 72,
      render: (_, w) => <LevelTag level={w.level} />,
    },
    {
      key: 'rule',
      title: t('warnings.columns.rule'),
      width: 110,
      render: (_, w) => <RuleTag rule={w.rule} />,
    },
    { key: 'title', title: t('warnings.columns.title'), render: (_, w) => local(w.title.zh, w.title.en) },
    {
      key: 'place',
      title: t('warnings.columns.place'),
      width: 180,
      render: (_, w) => <GridPlace path={w.scopePath} />,
    },
    {
      key: 'raisedAt',
      title: t('warnings.columns.raisedAt'),
      width: 170,
      render: (_, w) => formatTime(w.raisedAt),
    },
  ]

  return (
    <Card title={t('warnings.title')} size="small" data-testid="warnings-page">
      <Typography.Paragraph type="secondary">{t('warnings.help')}</Typography.Paragraph>
      {rule && (
        <Tag
          closable
          onClose={() =>
            setParams((prev) => {
              const out = new URLSearchParams(prev)
              out.delete('rule')
              return out
            })
          }
          data-testid="warnings-rule-filter"
        >
          {t('warnings.onlyRule', { rule: t(`warnings.rules.${rule}`) })}
        </Tag>
      )}
      <Tabs
        activeKey={state}
        onChange={(k) => show({ state: k as WarningState, id: null })}
        items={WARNING_STATES.map((k) => ({
          key: k,
          label: <span data-testid={`warnings-tab-${k}`}>{t(`warnings.tabs.${k}`)}</span>,
        }))}
      />
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: t('warnings.none') }}
          renderItem={(w) => (
            <Card
              size="small"
              hoverable
              style={{ marginBottom: 8 }}
              onClick={() => show({ id: w.id })}
              data-testid="warning-row"
              data-warning-id={w.id}
            >
              <Flex gap={6} align="center" wrap style={{ marginBottom: 6 }}>
                <LevelTag level={w.level} />
                <RuleTag rule={w.rule} />
              </Flex>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {local(w.title.zh, w.title.en)}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <GridPlace path={w.scopePath} /> · {formatTime(w.raisedAt)}
              </Typography.Text>
            </Card>
          )}
        />
      ) : (
        <Table<Warning>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('warnings.none') }}
          onRow={(w) =>
            ({
              onClick: () => show({ id: w.id }),
              style: { cursor: 'pointer' },
              'data-testid': 'warning-row',
              'data-warning-id': w.id,
            }) as never
          }
          data-testid="warnings-table"
        />
      )}
      {list.hasNextPage && (
        <Button
          block
          style={{ marginTop: 12 }}
          loading={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        >
          {t('warnings.more')}
        </Button>
      )}
      {openId && <WarningDrawer id={openId} onClose={() => show({ id: null })} />}
    </Card>
  )
}
