import { Alert, Button, Flex, Form, Input, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../../api/types'
import { FormAlert } from '../../common/FormAlert'
import { useAction } from '../../common/useAction'
import { useFormErrors } from '../../common/useFormErrors'
import { gridsKey } from '../grids.api'
import { type CutPreview, type ReshapeResult, splitGrid } from './reshape.api'
import { pieceColour } from './reshapeLayers'

interface Values {
  parts: { name: string; code: string }[]
  reason?: string
}

interface SplitPartsFormProps {
  grid: Grid
  preview: CutPreview
  /** Unused codes beside the grid, one per piece at least. */
  codes: string[]
  onRedraw: () => void
  onCancel: () => void
  onDone: (result: ReshapeResult) => void
}

/** Each piece of the cut, in its map colour: its name and code; then the split is confirmed. */
export function SplitPartsForm({ grid, preview, codes, onRedraw, onCancel, onDone }: SplitPartsFormProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const errors = useFormErrors(form)
  const split = useAction(
    (v: Values) =>
      splitGrid(grid.code, {
        parts: preview.parts.map((piece, i) => ({
          code: v.parts[i]?.code ?? '',
          name: v.parts[i]?.name.trim() ?? '',
          boundary: piece.boundary,
        })),
        reason: v.reason?.trim() || undefined,
      }),
    {
      invalidate: [gridsKey],
      success: t('grids.split.done'),
      onMutate: errors.clear,
      onError: errors.show,
      onSuccess: onDone,
    },
  )
  const codeOptions = codes.map((c) => ({ value: c, label: c }))
  const blocked = preview.cutChildren.length > 0

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="grid-split"
      initialValues={{
        parts: preview.parts.map((_, i) => ({ name: `${grid.name}${i + 1}`, code: codes[i] ?? '' })),
      }}
      onFinish={(values) => split.mutate(values)}
    >
      <FormAlert message={errors.alert} />
      {blocked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('grids.split.cutsChildren', { codes: preview.cutChildren.join('、') })}
        />
      )}
      {preview.parts.map((piece, i) => (
        <div
          key={JSON.stringify(piece.boundary.coordinates[0]?.[0])}
          style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
          data-testid={`split-part-${i}`}
        >
          <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
            <span style={{ width: 14, height: 14, borderRadius: 3, background: pieceColour(i) }} />
            <Typography.Text strong>
              {t('grids.split.piece', { n: i + 1, share: Math.round(piece.share * 100) })}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <Form.Item
              name={['parts', i, 'name']}
              label={t('grids.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              style={{ flex: '1 1 140px', marginBottom: 8 }}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name={['parts', i, 'code']}
              label={t('grids.code')}
              rules={[{ required: true, message: t('common.required') }]}
              style={{ flex: '1 1 140px', marginBottom: 8 }}
            >
              <Select options={codeOptions} />
            </Form.Item>
          </Flex>
        </div>
      ))}
      <Form.Item name="reason" label={t('grids.reason')}>
        <Input maxLength={500} />
      </Form.Item>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" disabled={blocked} loading={split.isPending}>
          {t('grids.split.confirm')}
        </Button>
        <Button onClick={onRedraw}>{t('grids.split.redraw')}</Button>
        <Button onClick={onCancel}>{t('grids.cancel')}</Button>
      </Flex>
    </Form>
  )
}
