import { Form, Modal } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import {
  type ActionForm,
  type ActionValues,
  bodyOf,
  FieldRefused,
  INITIAL_VALUES,
} from './actions/actionForm'
import { confirmForm } from './actions/ConfirmForm'
import { decideExtensionForm } from './actions/DecideExtensionForm'
import { dispatchForm } from './actions/DispatchForm'
import { extendForm } from './actions/ExtendForm'
import { PhotoField, ShowPhotosField } from './actions/fields'
import { mergeForm } from './actions/MergeForm'
import { rateForm } from './actions/RateForm'
import { reasonForm } from './actions/ReasonForm'
import { superviseForm } from './actions/SuperviseForm'
import { textForm } from './actions/TextForm'
import { verifyForm } from './actions/VerifyForm'
import { whistleForm } from './actions/WhistleForm'
import { actOnCase, attachPhoto, type CaseAction, type CaseView, type Department } from './cases.api'
import { useCaseName } from './caseText'

// Partial: the server may offer actions this page has no form for yet (they get no button).
const FORMS: Partial<Record<CaseAction, ActionForm>> = {
  accept: confirmForm,
  start: confirmForm,
  close: confirmForm,
  resume: confirmForm,
  report_in: confirmForm,
  reject: reasonForm,
  return: reasonForm,
  escalate: reasonForm,
  suspend: reasonForm,
  void: reasonForm,
  reopen: reasonForm,
  dispatch: dispatchForm,
  handle: textForm,
  self_handle: textForm,
  comment: textForm,
  revisit: textForm,
  verify: verifyForm,
  merge: mergeForm,
  rate: rateForm,
  whistle: whistleForm,
  extend: extendForm,
  decide_extension: decideExtensionForm,
  supervise: superviseForm,
}

export const hasDialog = (action: CaseAction) => FORMS[action] !== undefined

/** The actions that report work on the ground: a photo of the result goes with them (立结案标准 evidence). */
const PHOTO_ACTIONS: readonly CaseAction[] = ['handle', 'self_handle', 'verify']

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

/** The dialog of one action on a case: its form, the photos it may carry, and what follows. */
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
  const [form] = Form.useForm<ActionValues>()
  const errors = useFormErrors(form)
  const actionForm = FORMS[action] ?? confirmForm
  const uploaded = useRef(new Set<string>())
  const run = useAction(
    async (values: ActionValues) => {
      const body = await bodyOf(actionForm, action, c, values)
      // The photos first: the server checks for them when the action comes. A retry sends only the new ones.
      for (const photo of values.photos ?? []) {
        if (!photo.originFileObj || uploaded.current.has(photo.uid)) continue
        await attachPhoto(c.id, photo.originFileObj, { showToReporter: values.showPhotos })
        uploaded.current.add(photo.uid)
      }
      return actOnCase(c.id, action, body)
    },
    {
      onMutate: errors.clear,
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof FieldRefused)
          return form.setFields([{ name: error.field, errors: [t(error.messageKey, error.params)] }])
        if (error instanceof ApiError && error.code === 'case.version_conflict') return onConflict()
        errors.show(error)
      },
    },
  )

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
      <Form<ActionValues>
        form={form}
        name={`case-${action}`}
        layout="vertical"
        initialValues={INITIAL_VALUES}
        onFinish={(values) => run.mutate(values)}
      >
        <actionForm.Fields action={action} c={c} departments={departments} />
        {PHOTO_ACTIONS.includes(action) && (
          <>
            <PhotoField required={photoRequired} />
            <ShowPhotosField />
          </>
        )}
      </Form>
    </Modal>
  )
}
