import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { RouterProvider } from 'react-router'
import { useLanguage } from '../i18n'
import { queryClient } from './queryClient'
import { router } from './router'

export function App() {
  const lang = useLanguage()
  return (
    <ConfigProvider
      locale={lang === 'en-US' ? enUS : zhCN}
      // antd would write a two-character Chinese label as “保 存”; keep the words as written.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}
