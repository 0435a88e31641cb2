/** Test-only: rewrites an entry's declared uncompressed size in its local header and the central directory. */
export function declareSize(zip: Uint8Array, name: string, size: number): Buffer {
  const out = Buffer.from(zip)
  for (const [signature, field, nameAt] of [
    [0x04034b50, 22, 30],
    [0x02014b50, 24, 46],
  ] as const) {
    for (let at = 0; at < out.length - 4; at++) {
      if (out.readUInt32LE(at) !== signature) continue
      if (out.toString('utf8', at + nameAt, at + nameAt + name.length) === name)
        out.writeUInt32LE(size, at + field)
    }
  }
  return out
}
