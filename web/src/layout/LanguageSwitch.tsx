import { Segmented } from 'antd'
import { type Language, setLanguage, useLanguage } from '../i18n'

// Each language is named in itself, so a reader who cannot read the current one still finds theirs.
const options: { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
]

export function LanguageSwitch() {
  const lang = useLanguage()
  return (
    <Segmented<Language>
      size="small"
      value={lang}
      options={options}
      onChange={setLanguage}
      data-testid="lang-switch"
    />
  )
}
