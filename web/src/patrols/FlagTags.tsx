import { Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { FLAGS } from './patrols.api'

/** The implausible-track flags with their counts, in words: 速度跳变 ×2; none: 无异常. */
export function FlagTags({ flags, compact }: { flags: Record<string, number>; compact?: boolean }) {
  const { t } = useTranslation()
  const shown = FLAGS.filter((f) => (flags[f] ?? 0) > 0)
  // A flag this screen does not know yet still shows, by its key.
  const others = Object.keys(flags).filter((f) => !(FLAGS as readonly string[]).includes(f) && flags[f])
  if (shown.length === 0 && others.length === 0)
    return compact ? null : (
      <Tag color="green" data-testid="flags-none">
        {t('patrols.flags.none')}
      </Tag>
    )
  return (
    <Space size={[0, 4]} wrap data-testid="flags">
      {shown.map((f) => (
        <Tag key={f} color="orange" data-flag={f}>
          {t(`patrols.flags.${f}`)} ×{flags[f]}
        </Tag>
      ))}
      {others.map((f) => (
        <Tag key={f} color="orange" data-flag={f}>
          {f} ×{flags[f]}
        </Tag>
      ))}
    </Space>
  )
}
