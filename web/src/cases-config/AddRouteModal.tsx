import { Form, Select, TreeSelect } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCategories, useDepartments } from '../cases/cases.api'
import { FormModal } from '../common/FormModal'
import { useRequiredRule } from '../common/useRequiredRule'
import { useGridSearch } from '../grids/grids.api'
import { useLocalName } from '../i18n'
import { createRoute, LEVELS, type RouteCreate, routesKey } from './config.api'

const placement = {
  fields: {
    'body.gridCode': 'gridCode',
    'body.categoryPrefix': 'categoryPrefix',
    'body.department': 'department',
    'body.level': 'level',
  },
  codes: {
    'grid.not_found': 'gridCode',
    'grid.out_of_scope': 'gridCode',
    'route.exists': 'categoryPrefix',
    'route.unknown_category': 'categoryPrefix',
    'route.unknown_department': 'department',
  },
}

/** A rule for a grid found by code or name, a category (or all), and a department and/or level. */
export function AddRouteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const required = useRequiredRule()
  const [q, setQ] = useState('')
  const grids = useGridSearch(q.trim())
  const categories = useCategories()
  const departments = useDepartments(true)

  const categoryTree = useMemo(() => {
    const list = categories.data?.categories ?? []
    const label = (code: string, zh: string, en: string) => `${code} ${localName(zh, en)}`
    return [
      { value: '', title: t('caseConfig.routes.everyCategory') },
      ...list
        .filter((c) => c.parentCode === null)
        .map((big) => ({
          value: big.code,
          title: label(big.code, big.zh, big.en),
          children: list
            .filter((c) => c.parentCode === big.code)
            .map((c) => ({ value: c.code, title: label(c.code, c.zh, c.en) })),
        })),
    ]
  }, [categories.data, localName, t])

  return (
    <FormModal
      width={560}
      title={t('caseConfig.routes.add')}
      name="route"
      initialValues={{ categoryPrefix: '' }}
      placement={placement}
      submit={(values: RouteCreate) => createRoute(values)}
      invalidate={routesKey}
      success={t('caseConfig.routes.created')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="gridCode" label={t('caseConfig.routes.grid')} rules={[required]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('caseConfig.routes.gridSearch')}
          loading={grids.isFetching}
          notFoundContent={q.trim() === '' ? null : t('grids.noResults')}
          options={(grids.data?.items ?? []).map((g) => ({ value: g.code, label: `${g.code} ${g.name}` }))}
          data-testid="route-grid"
        />
      </Form.Item>
      <Form.Item name="categoryPrefix" label={t('caseConfig.routes.category')}>
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeData={categoryTree}
          listHeight={320}
          data-testid="route-category"
        />
      </Form.Item>
      <Form.Item
        name="department"
        label={t('caseConfig.routes.department')}
        extra={t('caseConfig.routes.departmentHelp')}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(departments.data ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
        />
      </Form.Item>
      <Form.Item name="level" label={t('caseConfig.routes.level')} extra={t('caseConfig.routes.levelHelp')}>
        <Select allowClear options={LEVELS.map((l) => ({ value: l, label: t(`cases.levels.${l}`) }))} />
      </Form.Item>
    </FormModal>
  )
}
