import { ArrowLeftOutlined } from '@ant-design/icons'
import { Button, Card, Space, Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useGridRoots } from '../grids/grids.api'
import { CheckpointsTab } from './CheckpointsTab'
import { RulesTab } from './RulesTab'
import { TrackersTab } from './TrackersTab'

const TABS = ['rules', 'checkpoints', 'trackers'] as const
type Tab = (typeof TABS)[number]

/** 巡查设置: the rules per grid level, the check-in points of the reader's grids, and the trackers. */
export function SettingsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const asked = params.get('tab')
  const tab: Tab = TABS.find((k) => k === asked) ?? 'rules'
  const roots = useGridRoots()
  const children = {
    rules: <RulesTab />,
    checkpoints: <CheckpointsTab defaultGrid={roots.data?.items[0]?.code} />,
    trackers: <TrackersTab />,
  }
  return (
    <Card
      title={
        <Space>
          <Link to="/patrols">
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('patrols.back')} />
          </Link>
          {t('patrols.settings.title')}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`patrols.settings.${key}`), children: children[key] }))}
      />
    </Card>
  )
}
