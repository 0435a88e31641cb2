import { Alert, Button, Progress } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import { sendPhoto } from './public.api'
import { usePublicErrorText } from './usePublicErrorText'

type Sent = 'sending' | 'sent' | { error: unknown }

/**
 * Sends a report's photos after the report itself went through (the case is safe whatever happens to
 * them), one after another on a phone's network, and offers to send again the ones that failed.
 */
export function ReportPhotos({ no, token, photos }: { no: string; token: string; photos: PreparedPhoto[] }) {
  const { t } = useTranslation()
  const errorText = usePublicErrorText()
  const [states, setStates] = useState<Record<string, Sent>>({})
  const running = useRef(false)

  const sendPending = useCallback(
    async (which: PreparedPhoto[]) => {
      if (running.current) return
      running.current = true
      for (const photo of which) {
        setStates((s) => ({ ...s, [photo.uid]: 'sending' }))
        try {
          await sendPhoto(no, token, photo)
          setStates((s) => ({ ...s, [photo.uid]: 'sent' }))
        } catch (error) {
          setStates((s) => ({ ...s, [photo.uid]: { error } }))
        }
      }
      running.current = false
    },
    [no, token],
  )

  useEffect(() => {
    void sendPending(photos)
  }, [photos, sendPending])

  if (photos.length === 0) return null
  const sent = photos.filter((p) => states[p.uid] === 'sent').length
  const failed = photos.filter((p) => typeof states[p.uid] === 'object')
  const busy = photos.some((p) => states[p.uid] === 'sending' || states[p.uid] === undefined)
  const firstError = failed[0] && (states[failed[0].uid] as { error: unknown }).error

  if (busy)
    return (
      <div data-testid="report-photos">
        {t('public.done.photosSending', { sent, total: photos.length })}
        <Progress percent={Math.round((sent / photos.length) * 100)} size="small" showInfo={false} />
      </div>
    )
  if (failed.length === 0)
    return (
      <Alert
        type="success"
        showIcon
        title={t('public.done.photosSent', { count: sent })}
        data-testid="report-photos"
      />
    )
  return (
    <Alert
      type="error"
      showIcon
      data-testid="report-photos"
      title={t('public.done.photosFailed', { failed: failed.length, total: photos.length })}
      description={firstError ? errorText(firstError) : undefined}
      action={
        <Button size="small" onClick={() => void sendPending(failed)}>
          {t('public.done.photosRetry')}
        </Button>
      }
    />
  )
}
