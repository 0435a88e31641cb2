import { UploadOutlined } from '@ant-design/icons'
import { Button, Checkbox, Form, Input, Upload, type UploadFile } from 'antd'
import { useTranslation } from 'react-i18next'
import { PHOTO_LIMIT } from '../../common/photos/preparePhoto'

/** The answer the public may read (公开答复). */
export function PublicTextField() {
  const { t } = useTranslation()
  return (
    <Form.Item name="publicText" label={t('cases.form.publicText')} extra={t('cases.form.publicTextHelp')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  )
}

/** A note for staff only. */
export function NoteField() {
  const { t } = useTranslation()
  return (
    <Form.Item name="note" label={t('cases.form.note')} extra={t('cases.form.noteHelp')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  )
}

/** Why: required by the actions that turn a case back, aside or away. */
export function ReasonField() {
  const { t } = useTranslation()
  return (
    <Form.Item
      name="reason"
      label={t('cases.form.reason')}
      rules={[{ required: true, whitespace: true, message: t('cases.form.reasonRequired') }]}
    >
      <Input.TextArea rows={2} maxLength={500} />
    </Form.Item>
  )
}

const PHOTO_TYPES = 'image/jpeg,image/png,image/webp'

/** Photos of the result, held until the dialog is confirmed, then attached to the case before the action. */
export function PhotoField({ required }: { required: boolean }) {
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
      <Upload
        accept={PHOTO_TYPES}
        listType="picture"
        multiple
        maxCount={PHOTO_LIMIT}
        beforeUpload={() => false}
      >
        <Button icon={<UploadOutlined />}>{t('cases.form.choosePhotos')}</Button>
      </Upload>
    </Form.Item>
  )
}

/** Whether the result photos go on the reporter's tracking page (a copy without position or device). */
export function ShowPhotosField() {
  const { t } = useTranslation()
  return (
    <Form.Item name="showPhotos" valuePropName="checked" extra={t('cases.form.showPhotosHelp')}>
      <Checkbox>{t('cases.form.showPhotos')}</Checkbox>
    </Form.Item>
  )
}
