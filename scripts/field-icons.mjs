// Renders the field app's icons (web/public/m/icons/*.png) from icon.svg. Run again after editing the SVG.
import { readFileSync } from 'node:fs'
import sharp from 'sharp'

const dir = new URL('../web/public/m/icons/', import.meta.url)
const svg = readFileSync(new URL('icon.svg', dir))
for (const size of [192, 512]) {
  await sharp(svg, { density: 300 })
    .resize(size, size)
    .png()
    .toFile(new URL(`icon-${size}.png`, dir).pathname)
}
// Maskable: the same drawing inside the safe zone (80 %) on the brand colour, for Android's shapes.
const inner = await sharp(svg, { density: 300 }).resize(410, 410).png().toBuffer()
await sharp({ create: { width: 512, height: 512, channels: 4, background: '#1677ff' } })
  .composite([{ input: inner, gravity: 'center' }])
  .png()
  .toFile(new URL('maskable-512.png', dir).pathname)
await sharp(svg, { density: 300 })
  .resize(180, 180)
  .png()
  .toFile(new URL('apple-touch-icon.png', dir).pathname)
console.log('field icons written')
