import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import { Card, Col, List, Row, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocalName } from '../i18n'
import { CHECKLIST_GROUPS, type ChecklistItem } from './patrols.api'

/**
 * The 553 checklist 五必知、五必访、三必到: with a day, each item ticked by the worker or not; without,
 * the items a level's rules ask for.
 */
export function ChecklistCard({
  items,
  ticked,
}: {
  items: ChecklistItem[]
  ticked?: { day: string; items: string[] }
}) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const done = new Set(ticked?.items ?? [])
  const mark = (id: string) =>
    !ticked ? null : done.has(id) ? (
      <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} />
    ) : (
      <MinusCircleOutlined style={{ color: '#bfbfbf', marginRight: 8 }} />
    )
  return (
    <Card
      size="small"
      title={ticked ? t('patrols.checklistOf', { day: ticked.day }) : t('patrols.checklist')}
      extra={
        ticked &&
        t('patrols.itemsOf', { ticked: items.filter((i) => done.has(i.id)).length, total: items.length })
      }
      data-testid="checklist"
    >
      <Row gutter={16}>
        {CHECKLIST_GROUPS.map((group) => (
          <Col key={group} span={8}>
            <Typography.Text strong>{t(`patrols.groups.${group}`)}</Typography.Text>
            <List
              size="small"
              dataSource={items.filter((i) => i.group === group)}
              renderItem={(i) => (
                <List.Item data-ticked={ticked ? done.has(i.id) : undefined}>
                  <span>
                    {mark(i.id)}
                    {localName(i.zh, i.en)}
                  </span>
                </List.Item>
              )}
            />
          </Col>
        ))}
      </Row>
    </Card>
  )
}
