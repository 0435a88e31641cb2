import { Button, Flex, Image, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PhotoPicker } from '../common/photos/PhotoPicker'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import { useAction } from '../common/useAction'
import { type GridPost, photoUrl, removePostPhoto, setPostPhoto, staffKey } from '../grids/staff.api'

/** The server keeps a 512 px JPEG: a portrait shrinks to that before it goes, well under 256 KiB. */
const PORTRAIT_EDGE = 512

/** Sets, replaces or removes the photo the notice board shows beside a post. */
export function PostPhotoModal({
  code,
  post,
  onClose,
}: {
  code: string
  post: GridPost
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [photos, setPhotos] = useState<PreparedPhoto[]>([])
  const invalidate = [staffKey(code)]
  const save = useAction((photo: PreparedPhoto) => setPostPhoto(code, post.id, photo.blob), {
    invalidate,
    success: t('staff.photoSaved'),
    onSuccess: onClose,
  })
  const remove = useAction(() => removePostPhoto(code, post.id), {
    invalidate,
    success: t('staff.photoRemoved'),
    onSuccess: onClose,
  })
  const picked = photos[0]

  return (
    <Modal
      open
      title={t('staff.photoTitle', { holder: post.holder })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" wrap gap={8}>
          {post.hasPhoto ? (
            <Button danger loading={remove.isPending} onClick={() => remove.mutate(undefined)}>
              {t('staff.photoRemove')}
            </Button>
          ) : (
            <span />
          )}
          <Button
            type="primary"
            disabled={!picked}
            loading={save.isPending}
            onClick={() => picked && save.mutate(picked)}
            data-testid="post-photo-save"
          >
            {t('staff.photoSave')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {post.hasPhoto && !picked && (
          <Flex gap={8} align="center">
            <Image
              width={64}
              height={64}
              style={{ objectFit: 'cover' }}
              src={photoUrl(code, post.id, post.photoVersion)}
              alt={post.holder}
            />
            <Typography.Text type="secondary">{t('staff.photoCurrent')}</Typography.Text>
          </Flex>
        )}
        <PhotoPicker
          value={photos}
          onChange={setPhotos}
          max={1}
          maxEdge={PORTRAIT_EDGE}
          hint={t('staff.photoHint')}
        />
      </Flex>
    </Modal>
  )
}
