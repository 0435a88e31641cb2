import { PictureOutlined } from '@ant-design/icons'
import { Card, Flex, Image, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import styles from '../common/photos/photos.module.css'
import { fetchPhoto, type PublicCase, type PublicPhoto } from './public.api'

/**
 * The photos of the tracking page: the resident's own, and the result photos staff chose to show
 * them, each the server's copy without metadata.
 */
export function TrackPhotos({ c, token }: { c: PublicCase; token: string }) {
  const { t } = useTranslation()
  const groups = [
    { by: 'staff', title: t('public.track.resultPhotos'), testId: 'track-result-photos' },
    { by: 'resident', title: t('public.track.yourPhotos'), testId: 'track-your-photos' },
  ] as const
  return groups.map(({ by, title, testId }) => {
    const photos = c.photos.filter((p) => p.by === by)
    if (photos.length === 0) return null
    return (
      <Card key={by} size="small" title={title} data-testid={testId}>
        <Image.PreviewGroup>
          <div className={styles.grid}>
            {photos.map((photo, i) => (
              <TrackedPhoto key={photo.id} no={c.no} token={token} photo={photo} n={i + 1} />
            ))}
          </div>
        </Image.PreviewGroup>
      </Card>
    )
  })
}

/** One photo, fetched with the token (an <img> cannot send the header) and shown from memory. */
function TrackedPhoto({ no, token, photo, n }: { no: string; token: string; photo: PublicPhoto; n: number }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const [url, setUrl] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let objectUrl: string | null = null
    let gone = false
    fetchPhoto(no, token, photo.id).then(
      (blob) => {
        if (gone) return
        objectUrl = URL.createObjectURL(blob)
        setUrl(objectUrl)
      },
      () => !gone && setFailed(true),
    )
    return () => {
      gone = true
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [no, token, photo.id])

  const alt = t('public.track.photoAlt', { n, time: formatTime(photo.at) })
  return (
    <Flex vertical gap={2} data-testid="track-photo">
      <div className={`${styles.thumb} ${url ? '' : styles.pending}`}>
        {url && <Image src={url} alt={alt} width="100%" height="100%" style={{ objectFit: 'cover' }} />}
        {!url && !failed && <Spin size="small" />}
        {failed && <PictureOutlined title={t('public.track.photoFailed')} />}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(photo.at)}
      </Typography.Text>
    </Flex>
  )
}
