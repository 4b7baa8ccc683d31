import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import * as zlib from 'node:zlib'
import { gunzipSync } from 'node:zlib'
import { LAYER_MEDIA_TYPES, LEVELS, blockGzip, compressed, compressionOf, pairLayers, storedBlocks } from '../../src/publish/compression.js'
import { zstdAvailable } from '../../src/model.js'
import { sha256 } from '../../src/publish/builtin.js'

describe('layer compression', () => {
  const earlierGzip = { mediaType: LAYER_MEDIA_TYPES.gzip, digest: 'sha256:earlier', size: 1000 }
  const earlierZstd = { mediaType: LAYER_MEDIA_TYPES.zstd, digest: 'sha256:earlierzstd', size: 800 }

  it('names the compression of OCI and Docker layer media types, and of nothing else', () => {
    expect(
      ['application/vnd.oci.image.layer.v1.tar', 'application/vnd.oci.image.layer.v1.tar+gzip', 'application/vnd.oci.image.layer.v1.tar+zstd'].map(
        compressionOf,
      ),
    ).toEqual(['none', 'gzip', 'zstd'])
    expect(compressionOf('application/vnd.docker.image.rootfs.diff.tar.gzip')).toBe('gzip')
    expect(compressionOf('application/vnd.oci.image.config.v1+json')).toBeUndefined()
  })

  it("pairs each diff_id with the manifest's layer at its place, and nothing when the counts differ", () => {
    const layers = [earlierGzip, earlierZstd]
    expect([...pairLayers(['sha256:a', 'sha256:b'], layers)]).toEqual([
      ['sha256:a', earlierGzip],
      ['sha256:b', earlierZstd],
    ])
    expect(pairLayers(['sha256:a'], layers).size).toBe(0)
  })

  async function* cut(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size)
  }
  const all = async (source: AsyncIterable<Buffer>) => {
    const chunks: Buffer[] = []
    for await (const c of source) chunks.push(c)
    return Buffer.concat(chunks)
  }
  // 3.5 MiB: four blocks, lines that repeat across every cut, and a stretch of random bytes.
  const content = Buffer.concat([
    Buffer.from(Array.from({ length: 150000 }, (_, i) => `line ${i % 977}\n`).join('')),
    randomBytes(1 << 20),
    Buffer.from('tail '.repeat(200000)),
  ])

  it.each([
    ['in one piece', content.length, 8],
    ['cut in 777-byte pieces', 777, 8],
    ['cut in 1 MiB + 1 pieces, one block at a time', (1 << 20) + 1, 1],
  ])('block gzip: the same bytes for the same content (%s), which gzip(1) and zlib inflate back', async (_, size, inFlight) => {
    // Compared by digest: jest's deep equality takes seconds over megabytes.
    const once = await all(blockGzip(cut(content, content.length), LEVELS.gzip, 8))
    expect(sha256(await all(blockGzip(cut(content, size), LEVELS.gzip, inFlight)))).toBe(sha256(once))
    expect(sha256(gunzipSync(once))).toBe(sha256(content))
    expect(sha256(execFileSync('gzip', ['-dc'], { input: once, maxBuffer: 1 << 26 }))).toBe(sha256(content))
    // Compressed: the repeated lines shrink; the random megabyte is stored, a few bytes over its size.
    expect(once.length).toBeLessThan((1 << 20) * 1.2)
    expect(once.length).toBeGreaterThan(1 << 20)
  })

  it.each([0, 1, 65535, 65536, 200000])('stored deflate blocks of %i bytes inflate to them', (size) => {
    const bytes = randomBytes(size)
    expect(sha256(zlib.inflateRawSync(Buffer.concat(storedBlocks(bytes, true))))).toBe(sha256(bytes))
  })

  it('block gzip of nothing is a valid empty gzip', async () => {
    const empty = await all(blockGzip(cut(Buffer.alloc(0), 1)))
    expect(gunzipSync(empty)).toEqual(Buffer.alloc(0))
  })

  it('zstd, where this Node has it, inflates back', async () => {
    if (!zstdAvailable()) return expect(() => compressed(cut(content, 1000), 'zstd')).toThrow(/zstd is not in this Node's zlib/)
    const packed = await all(compressed(cut(content, 1000), 'zstd'))
    expect(sha256((zlib as unknown as { zstdDecompressSync: (b: Buffer) => Buffer }).zstdDecompressSync(packed))).toBe(sha256(content))
  })
})
