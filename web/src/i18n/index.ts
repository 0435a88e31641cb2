import i18n from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import { enUS, zhCN } from './messages'

export const LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'wangge.lang'

function isLanguage(value: string | null): value is Language {
  return LANGUAGES.some((lang) => lang === value)
}

function savedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  return isLanguage(saved) ? saved : 'zh-CN'
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: LANGUAGES,
  // Resources are bundled: initialise before the first render rather than on the next tick.
  initAsync: false,
  interpolation: { escapeValue: false },
})
// <html lang> also tells the API client which language to ask the server's error titles in.
function syncDocument() {
  document.documentElement.lang = i18n.language
  document.title = i18n.t('app.name')
}
syncDocument()
i18n.on('languageChanged', syncDocument)

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang)
  void i18n.changeLanguage(lang)
}

export function useLanguage(): Language {
  const { i18n: instance } = useTranslation()
  return isLanguage(instance.language) ? instance.language : 'zh-CN'
}

/** Picks the Chinese or English form of a name the server stores in both. */
export function useLocalName() {
  const lang = useLanguage()
  return (zh: string, en: string) => (lang === 'en-US' ? en : zh)
}

export { i18n }
