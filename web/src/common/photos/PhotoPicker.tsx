import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons'
import { App, Button, Flex, Image, Spin, Typography } from 'antd'
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import styles from './photos.module.css'
import { PHOTO_LIMIT, type PreparedPhoto, preparePhoto } from './preparePhoto'

const ACCEPT = 'image/*'

/**
 * Photos taken with the phone's camera or chosen from its gallery, shrunk in the browser as soon as
 * they are picked (so sending them later is quick), shown as thumbnails that can be removed. A form
 * control: `value` and `onChange` hold the prepared photos.
 */
export function PhotoPicker({
  value = [],
  onChange,
  max = PHOTO_LIMIT,
}: {
  value?: PreparedPhoto[]
  onChange?: (photos: PreparedPhoto[]) => void
  max?: number
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const camera = useRef<HTMLInputElement>(null)
  const gallery = useRef<HTMLInputElement>(null)
  const [preparing, setPreparing] = useState(0)
  // The latest list, for photos that finish preparing after the value changed.
  const current = useRef(value)
  current.current = value
  useRevokeOnUnmount(current)

  const room = max - value.length - preparing

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    event.target.value = '' // the same photo may be picked again after it was removed
    if (files.length > room) void message.warning(t('photos.tooMany', { max }))
    const taken = files.slice(0, Math.max(0, room))
    setPreparing((n) => n + taken.length)
    for (const file of taken) {
      try {
        const photo = await preparePhoto(file)
        current.current = [...current.current, photo]
        onChange?.(current.current)
      } catch {
        void message.error(t('photos.unreadable', { name: file.name }))
      } finally {
        setPreparing((n) => n - 1)
      }
    }
  }

  const remove = (photo: PreparedPhoto) => {
    URL.revokeObjectURL(photo.preview)
    onChange?.(value.filter((p) => p.uid !== photo.uid))
  }

  return (
    <Flex vertical gap={8} data-testid="photo-picker">
      {(value.length > 0 || preparing > 0) && (
        <Image.PreviewGroup>
          <div className={styles.grid}>
            {value.map((photo, i) => (
              <div key={photo.uid} className={styles.thumb} data-testid="picked-photo">
                <Image
                  src={photo.preview}
                  alt={t('photos.alt', { n: i + 1 })}
                  width="100%"
                  height="100%"
                  style={{ objectFit: 'cover' }}
                />
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  className={styles.remove}
                  aria-label={t('photos.remove', { n: i + 1 })}
                  onClick={() => remove(photo)}
                />
              </div>
            ))}
            {preparing > 0 && (
              <div className={`${styles.thumb} ${styles.pending}`} data-testid="photo-preparing">
                <Spin size="small" />
                {preparing > 1 && <Typography.Text type="secondary">×{preparing}</Typography.Text>}
              </div>
            )}
          </div>
        </Image.PreviewGroup>
      )}
      <Flex gap={8} wrap>
        <Button
          icon={<CameraOutlined />}
          disabled={room <= 0}
          onClick={() => camera.current?.click()}
          data-testid="photo-camera"
        >
          {t('photos.camera')}
        </Button>
        <Button
          icon={<PictureOutlined />}
          disabled={room <= 0}
          onClick={() => gallery.current?.click()}
          data-testid="photo-gallery"
        >
          {t('photos.gallery')}
        </Button>
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('photos.count', { count: value.length, max })}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('photos.hint')}
      </Typography.Text>
      {/* The camera straight away on a phone (ignored on a desk); the gallery takes several at once.
          Hidden by style too: antd's form CSS (`.ant-form input[type='file'] { display: block }`) beats `hidden`. */}
      <input
        ref={camera}
        type="file"
        accept={ACCEPT}
        capture="environment"
        hidden
        style={{ display: 'none' }}
        onChange={(e) => void add(e)}
        data-testid="photo-camera-input"
      />
      <input
        ref={gallery}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        style={{ display: 'none' }}
        onChange={(e) => void add(e)}
        data-testid="photo-gallery-input"
      />
    </Flex>
  )
}

/** The thumbnails' object URLs die with the picker (a form reset or leaving the page). */
function useRevokeOnUnmount(current: { current: PreparedPhoto[] }) {
  useEffect(
    () => () => {
      for (const photo of current.current) URL.revokeObjectURL(photo.preview)
    },
    [current],
  )
}
