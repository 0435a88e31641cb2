import type { photosZhCN } from './photos.zh-CN'

/** English for the photo picker shared by the report pages. */
export const photosEnUS: typeof photosZhCN = {
  photos: {
    camera: 'Take a photo',
    gallery: 'Choose from gallery',
    count: '{{count}}/{{max}} photos',
    hint: 'Photos are shrunk before they are sent; only staff see where they were taken',
    alt: 'Photo {{n}}',
    remove: 'Remove photo {{n}}',
    tooMany: 'At most {{max}} photos',
    unreadable: 'Photo “{{name}}” cannot be read: choose another',
  },
}
