import { Form, Input, Modal, Select, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAction } from '../common/useAction'
import {
  type CategoryConfig,
  type CategoryCreate,
  categoriesKey,
  configKey,
  createCategory,
  isLocalCode,
  type StoredStandard,
} from './config.api'
import { ProblemList } from './ProblemList'
import {
  BLANK_STANDARD,
  StandardFields,
  type StandardValues,
  toStandard,
  toStandardValues,
} from './StandardFields'

interface Values {
  code: string
  catalogue?: 'city' | 'social'
  zh: string
  en: string
  active: boolean
  standard: StandardValues
}

/**
 * Adds a local extension class: a big class 90–99 (naming its catalogue) or a small class xx900–xx999
 * or under a local big class, its standard copied from `template` (the class selected) to start from.
 */
export function AddCategoryModal({
  template,
  suggestedCode,
  onClose,
  onCreated,
}: {
  template: StoredStandard | null
  suggestedCode: string
  onClose: () => void
  onCreated: (created: CategoryConfig) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const code = Form.useWatch('code', form) ?? suggestedCode
  const big = /^\d{2}$/.test(code)

  const create = useAction(
    (values: Values) => {
      const body: CategoryCreate = big
        ? {
            code: values.code,
            catalogue: values.catalogue,
            zh: values.zh,
            en: values.en,
            active: values.active,
          }
        : {
            code: values.code,
            zh: values.zh,
            en: values.en,
            active: values.active,
            standard: toStandard(values.standard),
          }
      return createCategory(body)
    },
    {
      success: (created) => t('caseConfig.categories.created', { code: created.code }),
      invalidate: [configKey, categoriesKey],
      onSuccess: onCreated,
      // The problems of a refused class show in the modal (ProblemList), not in a toast.
      toastErrors: false,
    },
  )

  return (
    <Modal
      open
      width={760}
      title={t('caseConfig.categories.add')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <ProblemList error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="category-create"
        initialValues={{
          code: suggestedCode,
          catalogue: 'city',
          zh: '',
          en: '',
          active: true,
          standard: toStandardValues(template ?? BLANK_STANDARD),
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="code"
          label={t('caseConfig.categories.code')}
          extra={t('caseConfig.categories.codeHelp')}
          rules={[
            {
              validator: (_, value: string) =>
                isLocalCode(value ?? '')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('caseConfig.categories.codeNotLocal'))),
            },
          ]}
        >
          <Input maxLength={5} style={{ width: 160 }} data-testid="category-code" />
        </Form.Item>
        {big && (
          <Form.Item name="catalogue" label={t('caseConfig.categories.catalogue')}>
            <Select
              style={{ width: 240 }}
              options={[
                { value: 'city', label: t('caseConfig.categories.catalogues.city') },
                { value: 'social', label: t('caseConfig.categories.catalogues.social') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="zh"
          label={t('caseConfig.categories.zh')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="en"
          label={t('caseConfig.categories.en')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="active" label={t('caseConfig.categories.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {!big && <StandardFields />}
      </Form>
    </Modal>
  )
}
