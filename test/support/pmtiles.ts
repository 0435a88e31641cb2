import { zxyToTileId } from 'pmtiles'

function varint(n: number, out: number[]) {
  let v = n
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
}

/**
 * A PMTiles v3 archive written by hand (the pmtiles package only reads): a 127-byte header, one root
 * directory, uncompressed, then the tiles; no metadata. `tileType` 2 is PNG, 1 MVT.
 */
export function tinyPmtiles(
  tiles: { z: number; x: number; y: number; bytes: Buffer }[],
  tileType = 2,
): Buffer {
  const entries = tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), bytes: t.bytes }))
    .sort((a, b) => a.id - b.id)
  const dir: number[] = []
  varint(entries.length, dir)
  let last = 0
  for (const e of entries) {
    varint(e.id - last, dir)
    last = e.id
  }
  for (const _ of entries) varint(1, dir) // run lengths
  for (const e of entries) varint(e.bytes.length, dir)
  // The first tile's offset + 1; then 0, "right after the one before".
  for (const [i] of entries.entries()) varint(i === 0 ? 1 : 0, dir)
  const data = Buffer.concat(entries.map((e) => e.bytes))
  const header = Buffer.alloc(127)
  header.write('PMTiles', 0, 'ascii')
  header.writeUInt8(3, 7)
  const u64 = (offset: number, v: number) => header.writeBigUInt64LE(BigInt(v), offset)
  const dirOffset = 127
  const dataOffset = dirOffset + dir.length
  u64(8, dirOffset)
  u64(16, dir.length)
  u64(24, dataOffset) // metadata: empty
  u64(32, 0)
  u64(40, dataOffset) // leaf directories: none
  u64(48, 0)
  u64(56, dataOffset)
  u64(64, data.length)
  u64(72, entries.length)
  u64(80, entries.length)
  u64(88, entries.length)
  header.writeUInt8(1, 96) // clustered
  header.writeUInt8(1, 97) // internal compression: none
  header.writeUInt8(1, 98) // tile compression: none
  header.writeUInt8(tileType, 99)
  const zooms = tiles.map((t) => t.z)
  header.writeUInt8(Math.min(...zooms), 100)
  header.writeUInt8(Math.max(...zooms), 101)
  header.writeInt32LE(-1800000000, 102)
  header.writeInt32LE(-850000000, 106)
  header.writeInt32LE(1800000000, 110)
  header.writeInt32LE(850000000, 114)
  return Buffer.concat([header, Buffer.from(dir), data])
}
