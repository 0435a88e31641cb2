import {
  AimOutlined,
  CloudUploadOutlined,
  FormOutlined,
  HomeOutlined,
  PlusCircleOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { Alert, App as AntApp, Button, ConfigProvider, Spin } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { db, getMeta } from './db'
import { DoorScreen } from './doors/DoorScreen'
import { DoorsScreen } from './doors/DoorsScreen'
import styles from './field.module.css'
import { setSignedOutHandler } from './http'
import { go, type Screen, useRoute } from './nav'
import { mine, setOwner } from './owner'
import { resumeRunning } from './patrol/tracker'
import { HouseholdScreen } from './screens/HouseholdScreen'
import { HouseholdsScreen } from './screens/HouseholdsScreen'
import { OutboxScreen } from './screens/OutboxScreen'
import { PatrolScreen } from './screens/PatrolScreen'
import { ReportScreen } from './screens/ReportScreen'
import { SignInScreen } from './screens/SignInScreen'
import { TodayScreen } from './screens/TodayScreen'
import { checkSession, type Me, markSignedOut } from './session'
import { startSync } from './sync/triggers'
import { useLive, useOnline } from './useLive'
import { GroupVisitScreen } from './visits/GroupVisitScreen'

const NAV: { key: Screen; icon: ReactNode }[] = [
  { key: 'today', icon: <HomeOutlined /> },
  { key: 'patrol', icon: <AimOutlined /> },
  { key: 'report', icon: <PlusCircleOutlined /> },
  { key: 'doors', icon: <FormOutlined /> },
  { key: 'outbox', icon: <CloudUploadOutlined /> },
  { key: 'households', icon: <TeamOutlined /> },
]

/** The worker's phone app under /m/: sign-in, then the screens with the header's unsent counter and the bottom bar. */
export function FieldApp() {
  const { i18n } = useTranslation()
  const session = useLive(
    async () => {
      const me = (await getMeta<Me | null>('me')) ?? null
      setOwner(me?.id)
      return { me, signedOut: (await getMeta<boolean>('signedOut')) ?? false }
    },
    [],
    undefined as { me: Me | null; signedOut: boolean } | undefined,
  )
  const me = session?.me ?? null

  useEffect(() => setSignedOutHandler(() => void markSignedOut()), [])

  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      theme={{ token: { controlHeight: 44, fontSize: 15, borderRadius: 8 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        {session === undefined ? (
          <div className={styles.loading}>
            <Spin />
          </div>
        ) : me === null ? (
          <SignInScreen />
        ) : (
          <Shell me={me} signedOut={session.signedOut} />
        )}
      </AntApp>
    </ConfigProvider>
  )
}

function Shell({ me, signedOut }: { me: Me; signedOut: boolean }) {
  const { t } = useTranslation()
  const { screen, param } = useRoute()
  const online = useOnline()
  const unsent = useLive(() => db.outbox.filter(mine).count(), [me.id], 0)
  const [signingIn, setSigningIn] = useState(false)

  // Signed in on this phone (online or not): the running patrol goes on, the sync loop runs.
  useEffect(() => {
    void resumeRunning()
    const stopSync = startSync()
    void checkSession()
    return stopSync
  }, [])

  if (signingIn) return <SignInScreen username={me.username} onDone={() => setSigningIn(false)} />

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.title}>{t('field.appName')}</span>
        <span className={online ? styles.online : styles.offline} data-testid="network-state">
          {online ? t('field.online') : t('field.offline')}
        </span>
        <button
          type="button"
          className={unsent > 0 ? styles.unsent : styles.unsentNone}
          onClick={() => go('outbox')}
          aria-label={t('field.unsentTitle')}
        >
          <CloudUploadOutlined /> <span data-testid="unsent-count">{unsent}</span>
        </button>
      </header>
      <main className={styles.content} data-testid="field-content">
        {signedOut && (
          <Alert
            type="warning"
            showIcon
            className={styles.banner}
            data-testid="signed-out"
            title={t('field.signIn.lost', { count: unsent })}
            action={
              <Button size="small" type="primary" onClick={() => setSigningIn(true)}>
                {t('field.signIn.again')}
              </Button>
            }
          />
        )}
        {screen === 'today' && <TodayScreen me={me} unsent={unsent} />}
        {screen === 'patrol' && <PatrolScreen />}
        {screen === 'report' && <ReportScreen />}
        {screen === 'outbox' && <OutboxScreen />}
        {screen === 'households' && (param ? <HouseholdScreen id={param} /> : <HouseholdsScreen />)}
        {screen === 'doors' && (param ? <DoorScreen key={param} taskId={param} /> : <DoorsScreen />)}
        {screen === 'visits' && param && <GroupVisitScreen membershipId={param} />}
      </main>
      <nav className={styles.nav} data-testid="field-nav">
        {NAV.map((item) => (
          <button
            key={item.key}
            type="button"
            data-testid={`field-nav-${item.key}`}
            className={item.key === screen ? styles.navActive : styles.navItem}
            onClick={() => go(item.key)}
          >
            <span className={styles.navIcon}>{item.icon}</span>
            <span>{t(`field.nav.${item.key}`)}</span>
          </button>
        ))}
      </nav>
    </div>
  )
}
