import { SettingOutlined } from '@ant-design/icons'
import { Button, Checkbox, Flex, Grid, Popover, type TableColumnsType, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'

const storageKey = (list: string) => `wangge.columns.${list}`

/** The hidden keys kept for a list, or the list's default when none are kept (or the entry is broken). */
function storedHidden(list: string, byDefault: string[]): string[] {
  try {
    const kept = JSON.parse(localStorage.getItem(storageKey(list)) ?? 'null') as unknown
    if (Array.isArray(kept)) return kept.filter((k): k is string => typeof k === 'string')
  } catch {
    // a broken entry falls back to the default
  }
  return byDefault
}

export interface ColumnChoice<T> {
  /** The columns to show, in their order. */
  columns: TableColumnsType<T>
  /** The keys the reader has hidden. */
  hidden: ReadonlySet<string>
  /** The 列设置 button and its popover; nothing on a phone, where the list shows cards. */
  chooser: ReactNode
}

/**
 * Which of a list's table columns the reader shows, kept per list in localStorage
 * (`wangge.columns.<list>`: the hidden keys, so a column added later is shown). The first column —
 * the record's name or number — or the one named `keep` is always shown.
 */
export function useColumnChoice<T>(
  list: string,
  columns: TableColumnsType<T>,
  options: { keep?: string; hiddenByDefault?: string[] } = {},
): ColumnChoice<T> {
  const byDefault = options.hiddenByDefault ?? []
  const [hidden, setHidden] = useState<string[]>(() => storedHidden(list, byDefault))
  const keep = options.keep ?? String(columns[0]?.key ?? '')
  const optional = columns.filter((c) => String(c.key) !== keep)

  const choose = (next: string[]) => {
    setHidden(next)
    localStorage.setItem(storageKey(list), JSON.stringify(next))
  }
  const reset = () => {
    setHidden(byDefault)
    localStorage.removeItem(storageKey(list))
  }
  const hiddenSet = new Set(hidden.filter((k) => k !== keep))

  return {
    columns: columns.filter((c) => !hiddenSet.has(String(c.key))),
    hidden: hiddenSet,
    chooser: (
      <ColumnChooser
        options={optional.map((c) => ({
          key: String(c.key),
          label: typeof c.title === 'function' ? String(c.key) : (c.title as ReactNode),
        }))}
        hidden={hiddenSet}
        onChange={(key, shown) =>
          choose(shown ? hidden.filter((k) => k !== key) : [...hidden.filter((k) => k !== key), key])
        }
        onReset={reset}
      />
    ),
  }
}

/** The button over a list's table and the popover with a checkbox per optional column. */
function ColumnChooser({
  options,
  hidden,
  onChange,
  onReset,
}: {
  options: { key: string; label: ReactNode }[]
  hidden: ReadonlySet<string>
  onChange: (key: string, shown: boolean) => void
  onReset: () => void
}) {
  const { t } = useTranslation()
  const desk = Grid.useBreakpoint().md
  if (!desk) return null
  const content = (
    <Flex vertical gap={4} style={{ minWidth: 160 }} data-testid="columns-popover">
      {options.map((o) => (
        <Checkbox
          key={o.key}
          checked={!hidden.has(o.key)}
          onChange={(e) => onChange(o.key, e.target.checked)}
          data-testid={`columns-option-${o.key}`}
        >
          {o.label}
        </Checkbox>
      ))}
      <Typography.Link onClick={onReset} style={{ marginTop: 4 }} data-testid="columns-reset">
        {t('columns.reset')}
      </Typography.Link>
    </Flex>
  )
  return (
    <Popover content={content} trigger="click" title={t('columns.title')} placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="columns-button">
        {t('columns.button')}
      </Button>
    </Popover>
  )
}
