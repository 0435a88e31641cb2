import { Card, Col, Flex, Row, Skeleton } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { BulletinCard } from '../bulletins/BulletinCard'
import { useGridRoots } from '../grids/grids.api'
import { UnderstaffedCard } from '../staff/UnderstaffedCard'
import { WarningTicker } from '../warnings/WarningTicker'
import { type Area, AreaCard } from './AreaCard'
import { thisMonth, today } from './chinaTime'
import { patrolsOwnDay } from './home.api'
import { PatrolCard } from './PatrolCard'
import { TodoCard } from './TodoCard'
import { VisitsCard } from './VisitsCard'
import { Welcome } from './Welcome'

/** At most this many areas: the top grids of the reader's scope (a chief has one, an office a few). */
const MAX_AREAS = 3

/** The areas 我的区域 counts: the top grid of each subtree the reader sees, else their whole scope. */
function useAreas(enabled: boolean): Area[] | undefined {
  const { t } = useTranslation()
  const can = useCan()
  const byGrid = can('grid.read')
  const roots = useGridRoots(enabled && byGrid)
  const whole = [{ name: t('stats.myScope') }]
  if (!byGrid) return whole
  if (!roots.data) return roots.isError ? whole : undefined
  const items = roots.data.items.slice(0, MAX_AREAS).map((g) => ({ code: g.code, name: g.name }))
  return items.length > 0 ? items : whole
}

/** 预警, 待办 and 我的区域: what the rules noticed, what waits in the case lists, and the areas' figures. */
function CaseCards({ now }: { now: Date }) {
  const areas = useAreas(true)
  return (
    <Flex vertical gap={16}>
      <WarningTicker />
      <BulletinCard />
      <TodoCard />
      {areas ? (
        areas.map((area) => (
          <AreaCard key={area.code ?? 'scope'} area={area} today={today(now)} month={thisMonth(now)} />
        ))
      ) : (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      )}
    </Flex>
  )
}

/** 工作台: what waits for the signed-in user, their areas' figures, and their own day's patrol. */
export function HomePage() {
  const me = useCurrentUser()
  const can = useCan()
  // One instant for the whole page: today's and this month's boundaries agree with each other.
  const [now] = useState(() => new Date())
  const readsCases = can('case.read')
  const patrols = patrolsOwnDay(me)
  const visits = patrols && can('ledger.special')
  const own = patrols || visits

  return (
    <div>
      <Welcome now={now} />
      {(readsCases || own) && (
        <Row gutter={[16, 16]}>
          {readsCases && (
            <Col xs={24} xl={own ? 15 : 24}>
              <CaseCards now={now} />
            </Col>
          )}
          {own && (
            <Col xs={24} xl={readsCases ? 9 : 24}>
              <Row gutter={[16, 16]}>
                {patrols && (
                  <Col xs={24} md={visits ? 12 : 24} xl={readsCases ? 24 : 12}>
                    <PatrolCard />
                  </Col>
                )}
                {visits && (
                  <Col xs={24} md={12} xl={readsCases ? 24 : 12}>
                    <VisitsCard />
                  </Col>
                )}
              </Row>
            </Col>
          )}
        </Row>
      )}
      {/* The card keeps its own top margin: the gap the rows above have between them. */}
      {can('grid.read') && <UnderstaffedCard />}
    </div>
  )
}
