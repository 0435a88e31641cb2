import { Alert, Button, Card, Form, Input, Popconfirm, Space, Spin, Switch, Tag } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import {
  type CategoryConfig,
  type CategoryPatch,
  categoriesKey,
  configKey,
  patchCategory,
  resetCategory,
  useCategoryConfig,
} from './config.api'
import { ProblemList } from './ProblemList'
import { StandardFields, type StandardValues, toStandard, toStandardValues } from './StandardFields'

interface Values {
  zh: string
  en: string
  active: boolean
  public: boolean
  standard?: StandardValues
}

const toValues = (c: CategoryConfig): Values => ({
  zh: c.zh,
  en: c.en,
  active: c.active,
  public: c.public,
  ...(c.standard ? { standard: toStandardValues(c.standard) } : {}),
})

/** One class: its names, active flag and filing standard, saved as the deployment's version. */
export function CategoryDetail({ code }: { code: string }) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const category = useCategoryConfig(code)
  const [form] = Form.useForm<Values>()
  const big = code.length === 2

  useEffect(() => {
    if (category.data) form.setFieldsValue(toValues(category.data))
  }, [category.data, form])

  // The problems of a refused change show in the card (ProblemList), not in a toast.
  const refreshed = { invalidate: [configKey, categoriesKey], toastErrors: false }
  const save = useAction(
    (values: Values) => {
      const body: CategoryPatch = big
        ? { zh: values.zh, en: values.en }
        : {
            zh: values.zh,
            en: values.en,
            active: values.active,
            public: values.public,
            ...(values.standard ? { standard: toStandard(values.standard) } : {}),
          }
      return patchCategory(code, body)
    },
    { ...refreshed, success: t('caseConfig.categories.saved') },
  )
  const reset = useAction(() => resetCategory(code), {
    ...refreshed,
    success: t('caseConfig.categories.resetDone'),
    onSuccess: () => save.reset(),
  })

  if (category.isPending) return <Spin />
  if (!category.data) return <QueryError error={category.error} />
  const c = category.data

  return (
    <Card
      title={
        <Space wrap>
          <span>
            {c.code} {localName(c.zh, c.en)}
          </span>
          {c.local && <Tag color="purple">{t('caseConfig.categories.local')}</Tag>}
          {c.edited && !c.local && <Tag color="gold">{t('caseConfig.categories.edited')}</Tag>}
          {!c.active && <Tag>{t('caseConfig.categories.inactive')}</Tag>}
          {c.public && <Tag color="blue">{t('caseConfig.categories.publicTag')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {c.shipped && c.edited && (
            <Popconfirm title={t('caseConfig.categories.resetConfirm')} onConfirm={() => reset.mutate()}>
              <Button loading={reset.isPending} data-testid="category-reset">
                {t('caseConfig.categories.reset')}
              </Button>
            </Popconfirm>
          )}
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="category-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {c.edited && c.shipped && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('caseConfig.categories.editedHint', { zh: c.shipped.zh })}
        />
      )}
      <ProblemList error={save.error ?? reset.error} />
      <Form form={form} layout="vertical" name="category" onFinish={(values) => save.mutate(values)}>
        <Space wrap align="start" size="large">
          <Form.Item
            name="zh"
            label={t('caseConfig.categories.zh')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="en"
            label={t('caseConfig.categories.en')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} style={{ width: 280 }} />
          </Form.Item>
          {!big && (
            <Form.Item
              name="active"
              label={t('caseConfig.categories.active')}
              valuePropName="checked"
              tooltip={t('caseConfig.categories.activeHelp')}
            >
              <Switch />
            </Form.Item>
          )}
          {!big && (
            <Form.Item
              name="public"
              label={t('caseConfig.categories.public')}
              valuePropName="checked"
              tooltip={t('caseConfig.categories.publicHelp')}
            >
              <Switch data-testid="category-public" />
            </Form.Item>
          )}
        </Space>
        {big ? (
          <Alert type="info" title={t('caseConfig.categories.bigHint')} />
        ) : (
          c.standard && <StandardFields />
        )}
      </Form>
    </Card>
  )
}
