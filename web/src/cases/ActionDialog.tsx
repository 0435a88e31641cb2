import { UploadOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import {
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Rate,
  Select,
  Space,
  Upload,
  type UploadFile,
} from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { FormAlert } from '../common/FormAlert'
import { useFormErrors } from '../common/useFormErrors'
import { useRequiredRule } from '../common/useRequiredRule'
import { useLevelName } from '../grids/GridDetails'
import { SUPERVISION_GRADES, useDurationText } from './caseLoopText'
import {
  actOnCase,
  attachPhoto,
  type CaseAction,
  type CaseActionBody,
  type CaseView,
  type Department,
  findCaseId,
  type SupervisionGrade,
} from './cases.api'
import { useCaseName } from './caseText'

/** The form an action needs beyond the case's version. */
type Kind =
  | 'confirm'
  | 'reason'
  | 'dispatch'
  | 'text'
  | 'verify'
  | 'merge'
  | 'rate'
  | 'whistle'
  | 'extend'
  | 'decide'
  | 'supervise'

// Partial: the server may offer actions this page has no form for yet (they get no button).
const KINDS: Partial<Record<CaseAction, Kind>> = {
  accept: 'confirm',
  start: 'confirm',
  close: 'confirm',
  resume: 'confirm',
  reject: 'reason',
  return: 'reason',
  escalate: 'reason',
  suspend: 'reason',
  void: 'reason',
  reopen: 'reason',
  dispatch: 'dispatch',
  handle: 'text',
  self_handle: 'text',
  comment: 'text',
  revisit: 'text',
  verify: 'verify',
  merge: 'merge',
  rate: 'rate',
  whistle: 'whistle',
  report_in: 'confirm',
  extend: 'extend',
  decide_extension: 'decide',
  supervise: 'supervise',
}

/** For a text action, the field that must be filled and what the form calls it. */
const MAIN_TEXT: Partial<Record<CaseAction, { field: 'publicText' | 'note'; label: string }>> = {
  handle: { field: 'publicText', label: 'cases.form.result' },
  self_handle: { field: 'publicText', label: 'cases.form.done' },
  comment: { field: 'note', label: 'cases.form.comment' },
  revisit: { field: 'note', label: 'cases.form.revisit' },
}

export const hasDialog = (action: CaseAction) => KINDS[action] !== undefined

/** The actions that report work on the ground: a photo of the result goes with them (立结案标准 evidence). */
const PHOTO_ACTIONS: readonly CaseAction[] = ['handle', 'self_handle', 'verify']
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp'

interface Values {
  publicText?: string
  note?: string
  reason?: string
  deferred?: boolean
  mode?: 'rule' | 'department' | 'grid'
  department?: string
  grid?: string
  pass?: boolean
  into?: string
  rating?: number
  photos?: UploadFile[]
  /** whistle: the departments summoned (codes), the lead among them, working hours to report in. */
  departments?: string[]
  lead?: string
  reportHours?: number | null
  /** extend: how much more working time. */
  amount?: number | null
  unit?: 'hours' | 'days'
  grade?: SupervisionGrade
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The action's body: the version seen, and only what the form filled. */
async function bodyOf(action: CaseAction, c: CaseView, v: Values): Promise<CaseActionBody> {
  const body: CaseActionBody = {
    version: c.version,
    publicText: text(v.publicText),
    note: text(v.note),
    reason: text(v.reason),
  }
  if (action === 'suspend') body.deferred = v.deferred ?? false
  if (action === 'dispatch' && v.mode === 'department') body.department = v.department
  if (action === 'dispatch' && v.mode === 'grid') body.grid = v.grid
  if (action === 'verify') body.pass = v.pass
  if (action === 'rate') body.rating = v.rating
  if (action === 'whistle') {
    body.departments = v.departments
    body.lead = v.lead
    // Left empty, the server gives the summoned two working hours.
    if (v.reportHours) body.duration = { hours: v.reportHours }
  }
  if (action === 'extend' && v.amount)
    body.duration = v.unit === 'days' ? { days: v.amount } : { hours: v.amount }
  if (action === 'decide_extension') body.pass = v.pass
  if (action === 'supervise') body.grade = v.grade
  if (action === 'merge') {
    const into = await findCaseId(v.into ?? '')
    if (!into) throw new MergeTargetMissing()
    body.into = into
  }
  return body
}

class MergeTargetMissing extends Error {}

interface ActionDialogProps {
  c: CaseView
  action: CaseAction
  departments: Department[]
  /** The category's filing standard asks for a photo with this action. */
  photoRequired: boolean
  onDone: (updated: CaseView) => void
  /** Someone acted first: the page reloads the case and says so. */
  onConflict: () => void
  onClose: () => void
}

export function ActionDialog({
  c,
  action,
  departments,
  photoRequired,
  onDone,
  onConflict,
  onClose,
}: ActionDialogProps) {
  const { t } = useTranslation()
  const name = useCaseName()
  const [form] = Form.useForm<Values>()
  const errors = useFormErrors(form)
  const kind = KINDS[action] ?? 'confirm'
  const uploaded = useRef(new Set<string>())
  const run = useMutation({
    mutationFn: async (values: Values) => {
      const body = await bodyOf(action, c, values)
      // The photos first: the server checks for them when the action comes. A retry sends only the new ones.
      for (const photo of values.photos ?? []) {
        if (!photo.originFileObj || uploaded.current.has(photo.uid)) continue
        await attachPhoto(c.id, photo.originFileObj)
        uploaded.current.add(photo.uid)
      }
      return actOnCase(c.id, action, body)
    },
    onMutate: errors.clear,
    onSuccess: onDone,
    onError: (error) => {
      if (error instanceof MergeTargetMissing)
        return form.setFields([
          { name: 'into', errors: [t('cases.form.mergeNotFound', { no: form.getFieldValue('into') })] },
        ])
      if (error instanceof ApiError && error.code === 'case.version_conflict') return onConflict()
      errors.show(error)
    },
  })

  return (
    <Modal
      open
      title={`${name('actions', action)} · ${c.no}`}
      okText={t('cases.form.submit')}
      okButtonProps={{ danger: action === 'reject' || action === 'void' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <FormAlert message={errors.alert} />
      <Form<Values>
        form={form}
        name={`case-${action}`}
        layout="vertical"
        initialValues={{ mode: 'rule', pass: true, deferred: false, unit: 'hours' }}
        onFinish={(values) => run.mutate(values)}
      >
        <Fields kind={kind} action={action} c={c} departments={departments} />
        {PHOTO_ACTIONS.includes(action) && <PhotoField required={photoRequired} />}
      </Form>
    </Modal>
  )
}

function Fields({
  kind,
  action,
  c,
  departments,
}: {
  kind: Kind
  action: CaseAction
  c: CaseView
  departments: Department[]
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const levelName = useLevelName()
  const mode = Form.useWatch<Values['mode']>('mode')
  const name = useCaseName()
  const main = MAIN_TEXT[action]

  const publicText = (
    <Form.Item name="publicText" label={t('cases.form.publicText')} extra={t('cases.form.publicTextHelp')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  )
  const note = (
    <Form.Item name="note" label={t('cases.form.note')} extra={t('cases.form.noteHelp')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  )

  switch (kind) {
    case 'reason':
      return (
        <>
          <Form.Item
            name="reason"
            label={t('cases.form.reason')}
            rules={[{ required: true, whitespace: true, message: t('cases.form.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {action === 'suspend' && (
            <Form.Item name="deferred" valuePropName="checked">
              <Checkbox>{t('cases.form.deferred')}</Checkbox>
            </Form.Item>
          )}
          {publicText}
          {note}
        </>
      )
    case 'dispatch':
      return (
        <>
          <Form.Item name="mode" label={t('cases.form.dispatchTo')}>
            <Radio.Group
              options={[
                { value: 'rule', label: t('cases.form.byRule') },
                { value: 'department', label: t('cases.form.toDepartment') },
                { value: 'grid', label: t('cases.form.toGrid') },
              ]}
            />
          </Form.Item>
          {mode === 'rule' && (
            <p style={{ marginTop: -12, color: 'rgba(0,0,0,0.45)' }}>{t('cases.form.byRuleHelp')}</p>
          )}
          {mode === 'department' && (
            <Form.Item name="department" label={t('cases.form.department')} rules={[required]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={departments.map((d) => ({ value: d.code, label: d.name }))}
                data-testid="dispatch-department"
              />
            </Form.Item>
          )}
          {mode === 'grid' && (
            <Form.Item
              name="grid"
              label={t('cases.form.grid')}
              extra={t('cases.form.gridHelp')}
              rules={[required]}
            >
              <Select
                options={c.grids.map((g) => ({
                  value: g.code,
                  label: `${g.name} · ${levelName(g.level)} ${g.code}`,
                }))}
                data-testid="dispatch-grid"
              />
            </Form.Item>
          )}
          {publicText}
          {note}
        </>
      )
    case 'text':
      if (!main) return null
      return (
        <>
          <Form.Item
            name={main.field}
            label={t(main.label)}
            extra={t(main.field === 'publicText' ? 'cases.form.publicTextHelp' : 'cases.form.noteHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {main.field === 'publicText' ? note : action !== 'comment' && publicText}
        </>
      )
    case 'verify':
      return (
        <>
          <Form.Item name="pass" label={t('cases.form.verifyResult')}>
            <Radio.Group
              options={[
                { value: true, label: t('cases.form.pass') },
                { value: false, label: t('cases.form.fail') },
              ]}
            />
          </Form.Item>
          {note}
          {publicText}
        </>
      )
    case 'merge':
      return (
        <>
          <Form.Item
            name="into"
            label={t('cases.form.mergeInto')}
            extra={t('cases.form.mergeHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input placeholder="E20260101000001" />
          </Form.Item>
          {note}
        </>
      )
    case 'rate':
      return (
        <>
          <Form.Item name="rating" label={t('cases.form.rating')} rules={[required]}>
            <Rate />
          </Form.Item>
          {publicText}
        </>
      )
    case 'whistle':
      return (
        <>
          <WhistleFields departments={departments} />
          {publicText}
          {note}
        </>
      )
    case 'extend':
      return (
        <>
          <ExtendFields />
          <Form.Item
            name="reason"
            label={t('cases.form.reason')}
            rules={[{ required: true, whitespace: true, message: t('cases.form.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {note}
        </>
      )
    case 'decide':
      return (
        <>
          <PendingExtension c={c} />
          <Form.Item name="pass" label={t('cases.form.decision')}>
            <Radio.Group
              options={[
                { value: true, label: t('cases.form.grant') },
                { value: false, label: t('cases.form.refuse') },
              ]}
            />
          </Form.Item>
          {note}
        </>
      )
    case 'supervise':
      return (
        <>
          <Form.Item
            name="grade"
            label={t('cases.form.grade')}
            extra={t('cases.form.gradeHelp')}
            rules={[required]}
          >
            <Radio.Group
              optionType="button"
              options={SUPERVISION_GRADES.map((g) => ({ value: g, label: name('supervision', g) }))}
            />
          </Form.Item>
          {note}
        </>
      )
    default:
      return (
        <>
          {publicText}
          {note}
        </>
      )
  }
}

/** 吹哨: two or more departments summoned, one of them marked as the lead, a time to report in. */
function WhistleFields({ departments }: { departments: Department[] }) {
  const { t } = useTranslation()
  const form = Form.useFormInstance<Values>()
  const chosen = Form.useWatch<string[] | undefined>('departments') ?? []
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? code
  // The lead must be among the summoned: the first chosen leads until another is marked.
  const keepLead = (codes: string[]) => {
    if (!codes.includes(form.getFieldValue('lead'))) form.setFieldValue('lead', codes[0])
  }
  return (
    <>
      <Form.Item
        name="departments"
        label={t('cases.form.summoned')}
        extra={t('cases.form.summonedHelp')}
        rules={[{ required: true, type: 'array', min: 2, message: t('cases.form.summonedMin') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((d) => ({ value: d.code, label: d.name }))}
          onChange={keepLead}
          data-testid="whistle-departments"
        />
      </Form.Item>
      {chosen.length > 0 && (
        <Form.Item
          name="lead"
          label={t('cases.form.lead')}
          extra={t('cases.form.leadHelp')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group options={chosen.map((code) => ({ value: code, label: nameOf(code) }))} />
        </Form.Item>
      )}
      <Form.Item name="reportHours" label={t('cases.form.reportIn')} extra={t('cases.form.reportInHelp')}>
        <InputNumber min={1} max={2000} precision={0} placeholder="2" suffix={t('cases.form.workingHours')} />
      </Form.Item>
    </>
  )
}

/** 延期申请: how much more working time, in hours or days. */
function ExtendFields() {
  const { t } = useTranslation()
  const unit = Form.useWatch<Values['unit']>('unit')
  return (
    <Form.Item label={t('cases.form.extendBy')} htmlFor="case-extend_amount" required>
      <Space.Compact>
        <Form.Item
          name="amount"
          noStyle
          rules={[{ required: true, message: t('cases.form.extendRequired') }]}
        >
          <InputNumber min={1} max={unit === 'days' ? 250 : 2000} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="unit" noStyle>
          <Select
            style={{ width: 120 }}
            options={[
              { value: 'hours', label: t('cases.form.workingHours') },
              { value: 'days', label: t('cases.form.workingDays') },
            ]}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  )
}

/** What the handler asked for, shown to whoever decides (延期审批). */
function PendingExtension({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const durationText = useDurationText()
  const pending = c.pendingExtension
  if (!pending) return null
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginBottom: 16 }}
      items={[
        { key: 'duration', label: t('cases.extension.duration'), children: durationText(pending.duration) },
        { key: 'reason', label: t('cases.extension.reason'), children: pending.reason },
      ]}
    />
  )
}

/** Photos of the result, held until the dialog is confirmed, then attached to the case before the action. */
function PhotoField({ required }: { required: boolean }) {
  const { t } = useTranslation()
  return (
    <Form.Item
      name="photos"
      label={t('cases.form.photos')}
      extra={t(required ? 'cases.form.photosRequired' : 'cases.form.photosHelp')}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
      rules={
        required ? [{ required: true, type: 'array', min: 1, message: t('cases.form.photoMissing') }] : []
      }
    >
      <Upload accept={PHOTO_TYPES} listType="picture" multiple maxCount={6} beforeUpload={() => false}>
        <Button icon={<UploadOutlined />}>{t('cases.form.choosePhotos')}</Button>
      </Upload>
    </Form.Item>
  )
}
