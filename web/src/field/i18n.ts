import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { errorsEnUS } from '../i18n/errors.en-US'
import { errorsZhCN } from '../i18n/errors.zh-CN'
import { fieldEnUS } from './field.en-US'
import { fieldZhCN } from './field.zh-CN'

// The field app carries only its own words and the error titles, not the desk's.
export const LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof LANGUAGES)[number]

/** The same key as the desk: a language picked in one app holds in the other. */
const STORAGE_KEY = 'wangge.lang'

const saved = localStorage.getItem(STORAGE_KEY)
void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...errorsZhCN, ...fieldZhCN } },
    'en-US': { translation: { ...errorsEnUS, ...fieldEnUS } },
  },
  lng: saved === 'en-US' ? 'en-US' : 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: LANGUAGES,
  initAsync: false,
  interpolation: { escapeValue: false },
})

function syncDocument() {
  document.documentElement.lang = i18n.language
  document.title = i18n.t('field.appName')
}
syncDocument()
i18n.on('languageChanged', syncDocument)

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang)
  void i18n.changeLanguage(lang)
}

/** The server's problem title in the reader's language when the app knows the code, else as sent. */
export function problemText(problem: { code: string; title: string }) {
  const key = `errors.${problem.code}`
  return i18n.exists(key) ? i18n.t(key) : problem.title
}

export { i18n }
