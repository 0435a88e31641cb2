import { Button, Card, Form, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { usePeriodText } from '../assessment/format'
import { defaultOf, periodsOf } from '../assessment/period'
import { useCurrentUser } from '../auth/auth.api'
import { useErrorText } from '../common/errorText'
import { FormAlert } from '../common/FormAlert'
import { GridTreePicker } from '../common/GridTreePicker'
import { useComposeBulletin } from './bulletins.api'
import { composeArea } from './composeArea'

/** 编制通报: a month and an area (the reader's own by default); the draft opens when composed. */
export function ComposeForm() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const periodText = usePeriodText()
  const navigate = useNavigate()
  const [now] = useState(() => new Date())
  const [period, setPeriod] = useState(() => defaultOf('month', now))
  const [grid, setGrid] = useState<string | undefined>()
  const compose = useComposeBulletin()
  const errorText = useErrorText()

  return (
    <Card size="small" title={t('bulletins.compose.title')} style={{ marginBottom: 16 }}>
      <Form
        layout="inline"
        style={{ rowGap: 8 }}
        onFinish={() =>
          compose.mutate(
            { period, grid: grid ?? composeArea(me) },
            { onSuccess: (b) => navigate(`/bulletins/${b.id}`) },
          )
        }
      >
        <Form.Item label={t('bulletins.compose.period')}>
          <Select
            style={{ width: 150 }}
            value={period}
            onChange={setPeriod}
            options={periodsOf('month', now).map((p) => ({ value: p, label: periodText(p) }))}
            data-testid="bulletin-period"
          />
        </Form.Item>
        <Form.Item label={t('bulletins.compose.area')} style={{ minWidth: 260 }}>
          <GridTreePicker
            value={grid}
            onChange={(code) => setGrid(code ?? undefined)}
            valueKey="code"
            placeholder={t('bulletins.compose.areaPlaceholder')}
            testId="bulletin-area"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={compose.isPending} data-testid="bulletin-compose">
            {t('bulletins.compose.submit')}
          </Button>
        </Form.Item>
      </Form>
      <FormAlert message={compose.error ? errorText(compose.error) : null} />
    </Card>
  )
}
