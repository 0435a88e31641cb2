import { EditOutlined } from '@ant-design/icons'
import { Alert, Button, Form, InputNumber, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCurrentUser } from '../auth/auth.api'
import { FormModal } from '../common/FormModal'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { ChecklistCard } from './ChecklistCard'
import { patrolsKey, putRules, type Rules, useLevels, useRules } from './patrols.api'
import { percent } from './patrolText'

interface RulesForm {
  minPatrolsPerDay: number
  /** Percent in the form, a share 0–1 in the API. */
  sharePercent: number
  coverageRadiusM: number
}

function RulesModal({ rules, levelName, onClose }: { rules: Rules; levelName: string; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <FormModal<RulesForm, Rules>
      title={t('patrols.rules.editTitle', { level: levelName })}
      name="patrol-rules"
      initialValues={{
        minPatrolsPerDay: rules.minPatrolsPerDay,
        sharePercent: Math.round(rules.minInGridShare * 1000) / 10,
        coverageRadiusM: rules.coverageRadiusM,
      }}
      submit={(v) =>
        putRules(rules.level, {
          minPatrolsPerDay: v.minPatrolsPerDay,
          minInGridShare: v.sharePercent / 100,
          coverageRadiusM: v.coverageRadiusM,
          checklist: rules.checklist,
          version: rules.version,
        })
      }
      invalidate={patrolsKey}
      success={t('patrols.rules.saved')}
      placement={{ fields: { 'body.minInGridShare': 'sharePercent' } }}
      intro={<Alert type="info" showIcon title={t('patrols.rules.keptHint')} style={{ marginBottom: 16 }} />}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="minPatrolsPerDay" label={t('patrols.rules.minPatrols')} rules={[{ required: true }]}>
        <InputNumber
          min={0}
          max={20}
          precision={0}
          style={{ width: '100%' }}
          data-testid="rules-min-patrols"
        />
      </Form.Item>
      <Form.Item name="sharePercent" label={t('patrols.rules.minShare')} rules={[{ required: true }]}>
        <InputNumber
          min={0}
          max={100}
          step={1}
          precision={1}
          suffix="%"
          style={{ width: '100%' }}
          data-testid="rules-min-share"
        />
      </Form.Item>
      <Form.Item name="coverageRadiusM" label={t('patrols.rules.radius')} rules={[{ required: true }]}>
        <InputNumber min={1} max={1000} precision={0} suffix="m" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  )
}

/** 巡查规则: per grid level, patrols a day, share of working time in the grid, coverage radius, the 553 list. */
export function RulesTab() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const localName = useLocalName()
  const rules = useRules()
  const levels = useLevels()
  const [editing, setEditing] = useState<Rules | null>(null)
  // Rules hold for every grid of a level: only a whole-deployment patrol.configure changes them.
  const mayEdit = me.grants.some(
    (g) => g.permissions.includes('patrol.configure') && g.scope.type === 'grid' && !g.scope.path,
  )
  const levelName = (key: string) => {
    const level = levels.data?.find((l) => l.key === key)
    return level ? localName(level.zh, level.en) : key
  }

  const columns: TableColumnsType<Rules> = [
    { key: 'level', title: t('patrols.rules.level'), render: (_, r) => levelName(r.level) },
    {
      key: 'patrols',
      title: t('patrols.rules.minPatrols'),
      render: (_, r) => (
        <span data-testid="rules-patrols">{t('patrols.patrolCount', { count: r.minPatrolsPerDay })}</span>
      ),
    },
    {
      key: 'share',
      title: t('patrols.rules.minShare'),
      render: (_, r) => <span data-testid="rules-share">{percent(r.minInGridShare)}</span>,
    },
    {
      key: 'radius',
      title: t('patrols.rules.radius'),
      render: (_, r) => t('patrols.m', { m: r.coverageRadiusM }),
    },
    {
      key: 'checklist',
      title: t('patrols.checklist'),
      render: (_, r) => t('patrols.rules.items', { count: r.checklist.length }),
    },
    {
      key: 'source',
      title: t('patrols.rules.source'),
      render: (_, r) =>
        r.version === 0 ? (
          <Tag>{t('patrols.rules.defaults')}</Tag>
        ) : (
          <Tag color="blue">{t('patrols.rules.custom')}</Tag>
        ),
    },
    ...(mayEdit
      ? [
          {
            key: 'edit',
            title: t('common.actions'),
            render: (_: unknown, r: Rules) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(r)}
                data-testid={`rules-edit-${r.level}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      {!mayEdit && (
        <Alert type="info" showIcon title={t('patrols.rules.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <QueryError error={rules.error} />
      <Table
        rowKey="level"
        size="small"
        columns={columns}
        dataSource={rules.data?.items ?? []}
        loading={rules.isLoading}
        pagination={false}
        expandable={{
          expandedRowRender: (r) => <ChecklistCard items={r.checklist} />,
        }}
        data-testid="rules-table"
      />
      {editing && (
        <RulesModal rules={editing} levelName={levelName(editing.level)} onClose={() => setEditing(null)} />
      )}
    </>
  )
}
