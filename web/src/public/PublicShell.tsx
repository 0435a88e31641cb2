import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LanguageSwitch } from '../layout/LanguageSwitch'
import styles from './public.module.css'

/** The frame of the resident's pages: no menu, no sign-in, a phone-wide column. */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className={styles.page}>
      <header className={styles.bar}>
        <Link to="/report" className={styles.brand}>
          {t('public.brand')}
        </Link>
        <LanguageSwitch />
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  )
}
