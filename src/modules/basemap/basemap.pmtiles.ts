import { open } from 'node:fs/promises'
import { Compression, PMTiles, type Source, TileType } from 'pmtiles'

/** A local file as a PMTiles source: each read is one positioned read of the open file. */
function fileSource(handle: Awaited<ReturnType<typeof open>>, path: string): Source {
  return {
    getKey: () => path,
    async getBytes(offset, length) {
      const buf = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buf, 0, length, offset)
      const bytes = buf.subarray(0, bytesRead)
      return {
        data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      }
    },
  }
}

const CONTENT_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Mvt]: 'application/vnd.mapbox-vector-tile',
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
}

export interface BasemapArchive {
  format: 'raster' | 'vector'
  minzoom: number
  maxzoom: number
  /** One tile's bytes and content type; null where the archive has none. */
  tile(z: number, x: number, y: number): Promise<{ bytes: Buffer; type: string } | null>
  close(): Promise<void>
}

/**
 * Opens the archive WANGGE_BASEMAP_PMTILES names and reads its header; a file that is missing or is
 * not a PMTiles v3 archive of tiles a browser can draw stops the start, naming the variable.
 */
export async function openBasemapArchive(path: string): Promise<BasemapArchive> {
  const fail = (why: string) => new Error(`invalid configuration: WANGGE_BASEMAP_PMTILES=${path} ${why}`)
  const handle = await open(path, 'r').catch((e: Error) => {
    throw fail(`cannot be opened (${e.message})`)
  })
  // Directories and tiles are unpacked here (gzip): a tile leaves as plain bytes.
  const archive = new PMTiles(fileSource(handle, path))
  const header = await archive.getHeader().catch(async (e: Error) => {
    await handle.close()
    throw fail(`is not a PMTiles archive (${e.message})`)
  })
  const type = CONTENT_TYPES[header.tileType]
  if (!type || ![Compression.None, Compression.Gzip].includes(header.tileCompression)) {
    await handle.close()
    throw fail('holds tiles a browser cannot draw (want MVT, PNG, JPEG, WebP or AVIF, uncompressed or gzip)')
  }
  return {
    format: header.tileType === TileType.Mvt ? 'vector' : 'raster',
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    async tile(z, x, y) {
      if (z < header.minZoom || z > header.maxZoom) return null
      const found = await archive.getZxy(z, x, y)
      if (!found) return null
      return { bytes: Buffer.from(found.data), type }
    },
    close: () => handle.close(),
  }
}
