/** 简体中文 for the photo picker shared by the report pages; photos.en-US.ts has the same keys. */
export const photosZhCN = {
  photos: {
    camera: '拍照',
    gallery: '从相册选择',
    count: '{{count}}/{{max}} 张',
    hint: '照片会先压缩再上传；拍摄位置只有工作人员能看到',
    alt: '照片 {{n}}',
    remove: '删除照片 {{n}}',
    tooMany: '最多 {{max}} 张照片',
    unreadable: '无法读取照片“{{name}}”，请换一张',
  },
}
