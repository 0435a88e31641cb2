import { EnvironmentOutlined, FilePdfOutlined } from '@ant-design/icons'
import { Flex, Image, Spin, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { metres } from './caseLoopText'
import { type Attachment, attachmentUrl, type CaseView, type Point, useAttachments } from './cases.api'

const THUMB = 96
const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance: how far from the case's point the photo says it was taken. */
function distanceM(a: Point, b: Point) {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

/** Whose a photo is and who else sees it: the reporter's own, or one staff showed the reporter. */
function PhotoAudience({ a }: { a: Attachment }) {
  const { t } = useTranslation()
  if (a.byReporter) return <Tag color="blue">{t('cases.photos.byReporter')}</Tag>
  if (a.shownToReporter) return <Tag color="green">{t('cases.photos.shownToReporter')}</Tag>
  return null
}

/**
 * The case's photos as thumbnails (a click shows them large) and its PDFs as links, served from the
 * case. Where a photo was taken (its Exif position) comes only to staff: shown when the server sent it.
 */
export function CasePhotos({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const list = useAttachments(c.id)
  const items = list.data?.items ?? []
  const images = items.filter((a) => a.contentType.startsWith('image/'))
  const files = items.filter((a) => !a.contentType.startsWith('image/'))

  const takenAt = (a: Attachment) => {
    if (!a.exifLocation) return null
    const where = t('cases.lngLat', {
      longitude: a.exifLocation.lng.toFixed(6),
      latitude: a.exifLocation.lat.toFixed(6),
    })
    const away = c.location
      ? t('cases.photos.away', { distance: metres(distanceM(c.location, a.exifLocation)) })
      : ''
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="case-photo-exif">
        <EnvironmentOutlined /> {t('cases.photos.takenAt', { where })}
        {away}
      </Typography.Text>
    )
  }

  return (
    <Flex vertical gap={8} data-testid="case-photos">
      <QueryError error={list.error} />
      {list.isPending && <Spin size="small" />}
      {list.isSuccess && items.length === 0 && (
        <Typography.Text type="secondary">{t('cases.photos.none')}</Typography.Text>
      )}
      <Image.PreviewGroup>
        <Flex wrap gap={12}>
          {images.map((a) => (
            <Flex key={a.id} vertical gap={2} style={{ width: THUMB * 1.6 }} data-testid="case-photo">
              <Image
                src={attachmentUrl(c.id, a.id)}
                alt={t('cases.photos.alt', { time: formatTime(a.createdAt) })}
                width={THUMB}
                height={THUMB}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(a.createdAt)}
              </Typography.Text>
              <PhotoAudience a={a} />
              {takenAt(a)}
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
      {files.map((a) => (
        <div key={a.id}>
          <a href={attachmentUrl(c.id, a.id)} target="_blank" rel="noopener" data-testid="case-file">
            <FilePdfOutlined /> {t('cases.photos.pdf')} · {kilobytes(a.size)}
          </a>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(a.createdAt)}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  )
}
