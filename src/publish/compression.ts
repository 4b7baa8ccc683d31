// Layer compression for the builtin publisher. An uncompressed layer's digest is its diff_id, the same
// on every run; a compressed one's is whatever the compressor wrote, which a new zlib may change. So a
// layer whose content was pushed before is not compressed again: the tags about to move are read
// first, and a layer whose diff_id one of their images already holds, compressed the same way, is
// pointed at that blob. Unchanged content then keeps its digests, whatever this runner's zlib is.
import * as zlib from 'node:zlib'
import type { Transform } from 'node:stream'
import { CHUNK_BYTES, through } from '../image/tar.js'
import { INDEX_TYPES, type Descriptor, type RegistryClient } from '../registry/client.js'

export const COMPRESSIONS = ['none', 'gzip', 'zstd'] as const
export type Compression = (typeof COMPRESSIONS)[number]

export const LAYER_MEDIA_TYPES: Readonly<Record<Compression, string>> = {
  none: 'application/vnd.oci.image.layer.v1.tar',
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
}

/** Docker's own layer media types name the same formats. */
const DOCKER_LAYER_TYPES: Readonly<Record<string, Compression>> = {
  'application/vnd.docker.image.rootfs.diff.tar': 'none',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'gzip',
  'application/vnd.docker.image.rootfs.diff.tar.zstd': 'zstd',
}

/** The compression a layer media type names, or undefined for one that is not a layer. */
export function compressionOf(mediaType: string): Compression | undefined {
  const oci = COMPRESSIONS.find((c) => LAYER_MEDIA_TYPES[c] === mediaType)
  return oci ?? DOCKER_LAYER_TYPES[mediaType]
}

type ZstdZlib = typeof zlib & {
  createZstdCompress?: (options?: { chunkSize?: number; params?: Record<number, number> }) => Transform
  constants: typeof zlib.constants & { ZSTD_c_compressionLevel?: number }
}

/** zstd is in Node's zlib from 22.15 and 23.8 (the runners' node24 has it). */
export function zstdAvailable(z: ZstdZlib = zlib as ZstdZlib): boolean {
  return typeof z.createZstdCompress === 'function' && z.constants.ZSTD_c_compressionLevel !== undefined
}

/**
 * gzip at level 6 and zstd at level 3, each the format's own default and one thread, so the output
 * depends only on the content and the library's version.
 */
export const LEVELS: Readonly<Record<Exclude<Compression, 'none'>, number>> = { gzip: 6, zstd: 3 }

export function compressor(compression: Exclude<Compression, 'none'>): Transform {
  if (compression === 'gzip') return zlib.createGzip({ level: LEVELS.gzip, chunkSize: CHUNK_BYTES })
  const z = zlib as ZstdZlib
  if (!z.createZstdCompress || z.constants.ZSTD_c_compressionLevel === undefined) throw new Error(`zstd is not in this Node's zlib (${process.version})`)
  return z.createZstdCompress({ chunkSize: CHUNK_BYTES, params: { [z.constants.ZSTD_c_compressionLevel]: LEVELS.zstd } })
}

/** A layer's bytes, compressed as they are read. */
export function compressed(body: AsyncIterable<Buffer>, compression: Exclude<Compression, 'none'>): AsyncIterable<Buffer> {
  return through(body, compressor(compression))
}

interface Manifest {
  mediaType?: string
  config?: Descriptor
  layers?: Descriptor[]
  manifests?: Descriptor[]
}

/**
 * Pairs an image's diff_ids with its manifest's layers: the blob each diff_id was pushed as. A
 * manifest and config that disagree on the number of layers pair nothing.
 */
export function pairLayers(diffIds: string[], layers: Descriptor[]): Map<string, Descriptor> {
  const pairs = new Map<string, Descriptor>()
  if (diffIds.length !== layers.length) return pairs
  diffIds.forEach((id, i) => pairs.set(id, { mediaType: layers[i].mediaType, digest: layers[i].digest, size: layers[i].size }))
  return pairs
}

/**
 * The compressed blobs the repository's images under `tags` hold, by diff_id. Only an answer is
 * used: a tag that is not there yet, or any failure to read one, just leaves its layers out (the
 * layers are then compressed and uploaded, which is always right).
 */
export async function pushedLayers(client: RegistryClient, tags: string[], log: (m: string) => void): Promise<Map<string, Descriptor>> {
  const found = new Map<string, Descriptor>()
  const manifests = async (reference: string): Promise<Manifest[]> => {
    const fetched = await client.manifest<Manifest>(reference)
    if (!INDEX_TYPES.includes(fetched.mediaType) && !fetched.body.manifests) return [fetched.body]
    const children = await Promise.all((fetched.body.manifests ?? []).map((m) => client.manifest<Manifest>(m.digest).then((c) => c.body)))
    return children
  }
  const results = await Promise.allSettled(
    tags.map(async (tag) => {
      const images = await manifests(tag)
      return Promise.all(
        images
          .filter((m) => m.config && m.layers)
          .map(async (m) => pairLayers((await client.blob<{ rootfs?: { diff_ids?: string[] } }>(m.config!.digest)).rootfs?.diff_ids ?? [], m.layers!)),
      )
    }),
  )
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      if (!/not found/.test((r.reason as Error).message)) log(`  ${tags[i]}: not read for its layers (${(r.reason as Error).message}); its layers are compressed again`)
      return
    }
    for (const pairs of r.value) for (const [id, d] of pairs) if (!found.has(id)) found.set(id, d)
  })
  return found
}
