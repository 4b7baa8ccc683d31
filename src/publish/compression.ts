// Layer compression for the builtin publisher. An uncompressed layer's digest is its diff_id, the same
// on every run; a compressed one's is whatever the compressor wrote, which a new zlib may change. So a
// layer whose content was pushed before is not compressed again: the tags about to move are read
// first, and a layer whose diff_id one of their images already holds, compressed the same way, is
// pointed at that blob. Unchanged content then keeps its digests, whatever this runner's zlib is.
import * as zlib from 'node:zlib'
import { Readable, type Transform, pipeline } from 'node:stream'
import { availableParallelism } from 'node:os'
import { COMPRESSIONS, type Compression, type ZstdZlib } from '../model.js'
import { INDEX_TYPES, type Descriptor, type RegistryClient } from '../registry/client.js'

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

/**
 * gzip at level 1 and zstd at level 3 (its own default), one zstd thread: the output depends only on
 * the content and the library's version. Level 1 because gzip is the slow one: level 6 takes about
 * twice as long for 8% less (docs/performance.md).
 */
export const LEVELS: Readonly<Record<Exclude<Compression, 'none'>, number>> = { gzip: 1, zstd: 3 }

/** gzip's pieces: a fixed header (no name, no time, Unix) and the trailer of CRC-32 and size. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03])
const BLOCK = 1 << 20
const WINDOW = 32 * 1024

function gzipTrailer(crc: number, size: number): Buffer {
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size >>> 0, 4)
  return trailer
}

const deflateRaw = (block: Buffer, options: zlib.ZlibOptions) =>
  new Promise<Buffer>((resolve, reject) => zlib.deflateRaw(block, options, (e, out) => (e ? reject(e) : resolve(out))))

const SAMPLE = 8 * 1024
/** A stored deflate block holds at most this many bytes. */
const STORED_MAX = 65535

/**
 * Deflate's stored blocks around the bytes as they are, built here (5 bytes of header per 64 KiB,
 * no copy of the data): what zlib would write for bytes that do not compress, without its work.
 * The previous block ended on a byte boundary, so each header starts on one.
 */
export function storedBlocks(block: Buffer, last: boolean): Buffer[] {
  const out: Buffer[] = []
  let offset = 0
  do {
    const length = Math.min(STORED_MAX, block.length - offset)
    const final = last && offset + length === block.length
    const header = Buffer.alloc(5)
    header[0] = final ? 1 : 0
    header.writeUInt16LE(length, 1)
    header.writeUInt16LE(~length & 0xffff, 3)
    out.push(header, block.subarray(offset, offset + length))
    offset += length
  } while (offset < block.length)
  return out
}

/**
 * One block, or the block stored as it is when it will not compress (already compressed files,
 * random bytes): four 8 KiB samples across it are tried first, and if they do not shrink by 3% the
 * block is stored. The choice depends only on the block's bytes.
 */
async function deflateBlock(block: Buffer, options: zlib.ZlibOptions, last: boolean): Promise<Buffer[]> {
  if (block.length >= 4 * SAMPLE) {
    const quarter = Math.floor(block.length / 4)
    const sample = Buffer.concat([0, 1, 2, 3].map((i) => block.subarray(i * quarter, i * quarter + SAMPLE)))
    const trial = await deflateRaw(sample, { level: options.level, chunkSize: 2 * sample.length })
    if (trial.length > sample.length * 0.97) return storedBlocks(block, last)
  }
  // One output buffer: zlib's default 16 KiB pieces cost a callback and a copy each.
  return [await deflateRaw(block, { ...options, chunkSize: block.length + 64 * 1024 })]
}

/**
 * gzip made as pigz makes it: the content cut into 1 MiB blocks, each deflated on its own in Node's
 * thread pool with the 32 KiB before it as its dictionary and ended on a byte boundary, the pieces
 * joined in order into one gzip member. Every core compresses, and the bytes depend only on the
 * content (the cuts fall every 1 MiB however the input arrives).
 */
export async function* blockGzip(
  body: AsyncIterable<Buffer>,
  level: number = LEVELS.gzip,
  inFlight = Math.max(2, availableParallelism() * 2),
): AsyncGenerator<Buffer> {
  yield GZIP_HEADER
  let crc = 0
  let size = 0
  let window: Buffer | undefined
  const queue: Promise<Buffer[]>[] = []
  const submit = (block: Buffer, last: boolean) => {
    crc = zlib.crc32(block, crc)
    size = (size + block.length) % 2 ** 32
    const piece = deflateBlock(
      block,
      { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH, ...(window ? { dictionary: window } : {}) },
      last,
    )
    // Awaited in order below; a failure after an earlier one must not go unhandled meanwhile.
    piece.catch(() => undefined)
    queue.push(piece)
    window = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : Buffer.concat([window ?? Buffer.alloc(0), block]).subarray(-WINDOW)
  }
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const chunk of body) {
    pending.push(chunk)
    pendingBytes += chunk.length
    // Strictly more than a block: the last block is the one ended with Z_FINISH.
    while (pendingBytes > BLOCK) {
      const all = Buffer.concat(pending, pendingBytes)
      submit(all.subarray(0, BLOCK), false)
      pending = [all.subarray(BLOCK)]
      pendingBytes -= BLOCK
      while (queue.length >= inFlight) yield* await queue.shift()!
    }
  }
  submit(Buffer.concat(pending, pendingBytes), true)
  while (queue.length) yield* await queue.shift()!
  yield gzipTrailer(crc, size)
}

function zstdCompressor(): Transform {
  const z = zlib as ZstdZlib
  if (!z.createZstdCompress || z.constants.ZSTD_c_compressionLevel === undefined) throw new Error(`zstd is not in this Node's zlib (${process.version})`)
  return z.createZstdCompress({ chunkSize: 1 << 20, params: { [z.constants.ZSTD_c_compressionLevel]: LEVELS.zstd } })
}

/** A layer's bytes, compressed as they are read. */
export function compressed(body: AsyncIterable<Buffer>, compression: Exclude<Compression, 'none'>): AsyncIterable<Buffer> {
  return compression === 'gzip' ? blockGzip(body) : pipeline(Readable.from(body), zstdCompressor(), () => undefined)
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
      if (!/not found/.test((r.reason as Error).message))
        log(`  ${tags[i]}: not read for its layers (${(r.reason as Error).message}); its layers are compressed again`)
      return
    }
    for (const pairs of r.value) for (const [id, d] of pairs) if (!found.has(id)) found.set(id, d)
  })
  return found
}
