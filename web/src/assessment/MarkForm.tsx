import { Alert, Button, Form, Input, InputNumber, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAction } from '../common/useAction'
import { type MarkKind, type Result, type Run, saveMark } from './assessment.api'

const KINDS: readonly { kind: MarkKind; indicator: string }[] = [
  { kind: 'review', indicator: 'review' },
  { kind: 'spot_check', indicator: 'spotCheck' },
]

/**
 * 民主评议 and 电话抽查: a score 0–100 for the subject and period, each saved on its own. The run is
 * not changed by it: the score counts once the period is computed again, which the form offers.
 */
export function MarkForm({
  run,
  result,
  onRecompute,
  recomputing,
}: {
  run: Run
  result: Result
  onRecompute: () => void
  recomputing: boolean
}) {
  const { t } = useTranslation()
  const open = run.abilities.includes('mark')
  const [saved, setSaved] = useState<string | null>(null)
  const save = useAction(
    (v: { kind: MarkKind; score: number; note?: string }) =>
      saveMark({
        scheme: run.scheme.id,
        period: run.period,
        subject: result.subject.key,
        kind: v.kind,
        score: v.score,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    {
      success: (m) => t('assessment.marks.saved', { kind: t(`assessment.marks.${m.kind}`), score: m.score }),
      onSuccess: () => setSaved(run.id),
    },
  )

  return (
    <section data-testid="drawer-marks">
      <Typography.Title level={5}>{t('assessment.marks.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {open ? t('assessment.marks.help') : t('assessment.marks.closed')}
      </Typography.Paragraph>
      {KINDS.map(({ kind, indicator }) => (
        <Form
          key={`${result.subject.key}-${kind}`}
          layout="inline"
          disabled={!open}
          initialValues={{ score: result.values[indicator] ?? undefined }}
          onFinish={(v: { score: number; note?: string }) => save.mutate({ kind, ...v })}
          style={{ rowGap: 8, marginBottom: 12 }}
          data-testid={`mark-${kind}`}
        >
          <Form.Item
            name="score"
            label={t(`assessment.marks.${kind}`)}
            rules={[{ required: true, message: t('assessment.marks.scoreRequired') }]}
          >
            <InputNumber
              min={0}
              max={100}
              step={1}
              style={{ width: 96 }}
              data-testid={`mark-${kind}-score`}
            />
          </Form.Item>
          <Form.Item name="note" style={{ flex: 1, minWidth: 180 }}>
            <Input
              maxLength={500}
              placeholder={t('assessment.marks.notePlaceholder')}
              aria-label={t('assessment.marks.note')}
            />
          </Form.Item>
          <Form.Item>
            <Button
              htmlType="submit"
              loading={save.isPending && save.variables?.kind === kind}
              data-testid={`mark-${kind}-save`}
            >
              {t('assessment.marks.save')}
            </Button>
          </Form.Item>
        </Form>
      ))}
      {saved === run.id && open && (
        <Alert
          type="info"
          showIcon
          title={t('assessment.marks.pending')}
          data-testid="mark-pending"
          action={
            run.abilities.includes('compute') && (
              <Button
                size="small"
                type="primary"
                loading={recomputing}
                onClick={onRecompute}
                data-testid="mark-recompute"
              >
                {t('assessment.actions.recompute')}
              </Button>
            )
          }
        />
      )}
    </section>
  )
}
