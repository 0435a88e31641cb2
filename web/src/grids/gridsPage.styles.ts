import type { CSSProperties } from 'react'

/** The grid page's boxes: a row at a desk (tree, map with the card over it), a column on a phone. */
export const deskRow: CSSProperties = {
  display: 'flex',
  gap: 16,
  height: 'calc(100vh - 220px)',
  minHeight: 480,
}
export const deskTree: CSSProperties = {
  width: 300,
  flex: 'none',
  display: 'flex',
  flexDirection: 'column',
  gap: 12,
}
export const deskMap: CSSProperties = {
  position: 'relative',
  flex: 1,
  minWidth: 0,
  border: '1px solid #f0f0f0',
}
export const phoneColumn: CSSProperties = { display: 'flex', flexDirection: 'column', gap: 12 }
export const phoneMap: CSSProperties = {
  position: 'relative',
  height: '55vh',
  minHeight: 320,
  border: '1px solid #f0f0f0',
}
export const deskOverlay: CSSProperties = {
  position: 'absolute',
  top: 12,
  right: 12,
  zIndex: 1,
  maxHeight: 'calc(100% - 24px)',
  overflow: 'auto',
}
