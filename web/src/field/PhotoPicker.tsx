import { CameraOutlined, CloseCircleFilled } from '@ant-design/icons'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { preparePhoto } from '../common/photos/preparePhoto'
import styles from './field.module.css'

export interface Picked {
  uid: string
  blob: Blob
  location: { lng: number; lat: number } | null
  preview: string
}

/**
 * Photos from the camera, shrunk on the phone to a ≤ 1600 px JPEG as they are picked (before anything
 * is queued), shown as thumbnails that can be removed.
 */
export function PhotoPicker({
  value,
  onChange,
  max,
  testId,
}: {
  value: Picked[]
  onChange: (next: Picked[]) => void
  max: number
  testId: string
}) {
  const { t } = useTranslation()
  const [unreadable, setUnreadable] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const latest = useRef(value)
  latest.current = value

  useEffect(
    () => () => {
      for (const p of latest.current) URL.revokeObjectURL(p.preview)
    },
    [],
  )

  async function add(files: FileList | null) {
    setUnreadable(false)
    let list = latest.current
    for (const file of Array.from(files ?? []).slice(0, max - list.length)) {
      try {
        list = [...list, await preparePhoto(file)]
        onChange(list)
      } catch {
        setUnreadable(true)
      }
    }
    if (input.current) input.current.value = ''
  }

  function remove(uid: string) {
    const gone = value.find((p) => p.uid === uid)
    if (gone) URL.revokeObjectURL(gone.preview)
    onChange(value.filter((p) => p.uid !== uid))
  }

  return (
    <>
      <div className={styles.photos}>
        {value.map((p) => (
          <div key={p.uid} style={{ position: 'relative' }}>
            <img src={p.preview} alt="" className={styles.thumb} data-testid={testId} />
            <CloseCircleFilled
              style={{ position: 'absolute', top: -6, right: -6, fontSize: 20, color: '#595959' }}
              onClick={() => remove(p.uid)}
            />
          </div>
        ))}
        {value.length < max && (
          <button type="button" className={styles.addPhoto} onClick={() => input.current?.click()}>
            <CameraOutlined style={{ fontSize: 22 }} />
            {t('field.report.addPhoto')}
          </button>
        )}
      </div>
      <input
        ref={input}
        style={{ display: 'none' }}
        type="file"
        accept="image/*"
        capture="environment"
        data-testid={`${testId}-input`}
        onChange={(e) => void add(e.target.files)}
      />
      {unreadable && <div style={{ color: '#ff4d4f' }}>{t('field.report.photoUnreadable')}</div>}
    </>
  )
}
