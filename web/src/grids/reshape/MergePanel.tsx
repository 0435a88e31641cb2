import { useQueries, useQuery } from '@tanstack/react-query'
import { Button, Checkbox, Flex, Form, Input, Select, Typography } from 'antd'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../../api/types'
import { FormAlert } from '../../common/FormAlert'
import { useAction } from '../../common/useAction'
import { useFormErrors } from '../../common/useFormErrors'
import { useBaseMap } from '../../map/basemap'
import { boundaryToMap } from '../../map/crs'
import { getGrid, gridsKey, listChildren } from '../grids.api'
import { mergeGrids, type ReshapeResult, siblingCodes } from './reshape.api'
import { clearReshape, pieceColour, showPieces } from './reshapeLayers'

interface Values {
  name: string
  code: string
  reason?: string
}

interface MergePanelProps {
  grid: Grid
  map: MapLibreMap | null
  /** A grid clicked on the map (with a counter, so the same grid twice toggles twice). */
  mapPick: { code: string; n: number } | null
  onDone: (result: ReshapeResult) => void
  onCancel: () => void
}

/** Merging sibling grids 合并: tick them in the list or click them on the map, see them, name the merger. */
export function MergePanel({ grid, map, mapPick, onDone, onCancel }: MergePanelProps) {
  const { t } = useTranslation()
  const crs = useBaseMap()?.crs ?? 'wgs84'
  const [form] = Form.useForm<Values>()
  const errors = useFormErrors(form)
  const [chosen, setChosen] = useState<string[]>([grid.code])
  const siblings = useQuery({
    queryKey: [...gridsKey, 'children', grid.parentCode],
    queryFn: () => listChildren(grid.parentCode ?? ''),
    enabled: grid.parentCode !== null,
  })
  const items = (siblings.data?.items ?? []).filter((s) => s.level === grid.level)
  const codes = useQuery({
    queryKey: [...gridsKey, 'sibling-codes', grid.code, 3],
    queryFn: () => siblingCodes(grid.code, 3),
  })
  const shapes = useQueries({
    queries: chosen.map((code) => ({ queryKey: [...gridsKey, 'one', code], queryFn: () => getGrid(code) })),
  })
  const boundaries = shapes.flatMap((q) => (q.data ? [q.data.boundary] : []))

  const toggle = (code: string) =>
    setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]))
  // A click inside a sibling (or inside one of its children) toggles that sibling.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each pick counts once
  useEffect(() => {
    const hit = mapPick && items.find((s) => mapPick.code.startsWith(s.code))
    if (hit && hit.code !== grid.code) toggle(hit.code)
  }, [mapPick])
  const shown = shapes.map((q) => q.data?.code ?? '').join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the loaded grids change, not each render
  useEffect(() => {
    if (map && boundaries.length === chosen.length)
      showPieces(
        map,
        boundaries.map((b) => boundaryToMap(b, crs)),
      )
  }, [map, shown, crs])
  useEffect(() => {
    const first = codes.data?.codes[0]
    if (first && !form.getFieldValue('code')) form.setFieldValue('code', first)
  }, [codes.data, form])
  useEffect(() => () => void (map && clearReshape(map)), [map])

  const merge = useAction(
    (v: Values) =>
      mergeGrids({
        codes: chosen,
        into: { code: v.code, name: v.name.trim() },
        reason: v.reason?.trim() || undefined,
      }),
    {
      invalidate: [gridsKey],
      success: t('grids.merge.done'),
      onMutate: errors.clear,
      onError: errors.show,
      onSuccess: onDone,
    },
  )

  return (
    <Flex vertical gap={8} data-testid="grid-merge">
      <Typography.Text strong>{t('grids.merge.title', { name: grid.name })}</Typography.Text>
      <Typography.Text type="secondary">{t('grids.merge.hint')}</Typography.Text>
      <Flex vertical style={{ maxHeight: 200, overflow: 'auto' }} data-testid="merge-siblings">
        {items.map((s) => {
          const index = chosen.indexOf(s.code)
          return (
            <Checkbox
              key={s.code}
              checked={index >= 0}
              disabled={s.code === grid.code}
              onChange={() => toggle(s.code)}
              style={{ flex: 'none', minHeight: 36, alignItems: 'center' }}
            >
              <Flex align="center" gap={6}>
                <span
                  style={{
                    flex: 'none',
                    width: 12,
                    height: 12,
                    borderRadius: 2,
                    background: index >= 0 ? pieceColour(index) : '#eee',
                  }}
                />
                {s.name} · {s.code}
              </Flex>
            </Checkbox>
          )
        })}
      </Flex>
      <FormAlert message={errors.alert} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="grid-merge"
        onFinish={(values) => merge.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('grids.merge.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('grids.code')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            loading={codes.isPending}
            options={(codes.data?.codes ?? []).map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('grids.reason')}>
          <Input maxLength={500} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" disabled={chosen.length < 2} loading={merge.isPending}>
            {t('grids.merge.confirm', { count: chosen.length })}
          </Button>
          <Button onClick={onCancel}>{t('grids.cancel')}</Button>
        </Flex>
      </Form>
    </Flex>
  )
}
