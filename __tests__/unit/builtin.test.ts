// The builtin publisher's pure parts: manifests, index, platforms, byte counts, archive layouts,
// layer digests and which blob a layer is pushed as.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { type ArchiveFile } from '../../src/image/archive.js'
import { LAYER_MEDIA_TYPES } from '../../src/publish/compression.js'
import {
  type PreparedLayer,
  type PushedImage,
  candidateBlob,
  compresses,
  layerDigests,
  ociIndex,
  ociManifest,
  platformOf,
  sha256,
  totals,
  withLabels,
} from '../../src/publish/builtin.js'

describe('what the builtin publisher writes', () => {
  const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 10 }
  it('annotations on the manifest and the index, none when there are none', () => {
    expect(JSON.parse(ociManifest(config, [], { a: 'b' }).toString())).toMatchObject({ annotations: { a: 'b' } })
    expect(JSON.parse(ociIndex([], { a: 'b' }).toString())).toMatchObject({ annotations: { a: 'b' } })
    expect(JSON.parse(ociIndex([], {}).toString())).not.toHaveProperty('annotations')
  })
  it('adds the labels to config.Labels, and keeps a config without labels byte for byte', () => {
    const built = Buffer.from('{"architecture":"amd64","config":{"Entrypoint":["/bin/fd"],"Labels":{"a":"1"}},"os":"linux"}')
    expect(withLabels(built, {})).toBe(built)
    expect(JSON.parse(withLabels(built, { b: '2' }).toString())).toEqual({
      architecture: 'amd64',
      config: { Entrypoint: ['/bin/fd'], Labels: { a: '1', b: '2' } },
      os: 'linux',
    })
    expect(JSON.parse(withLabels(Buffer.from('{"config":{"Labels":null}}'), { b: '2' }).toString())).toEqual({ config: { Labels: { b: '2' } } })
  })
})

const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:c', size: 10 }
const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: 'sha256:l', size: 2048 }

describe('manifests and index', () => {
  it('an OCI image manifest, compact JSON, whose digest is the sha256 of its bytes', () => {
    const bytes = ociManifest(config, [layer])
    expect(bytes.toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:c","size":10},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:l","size":2048}]}',
    )
    expect(sha256(bytes)).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`)
  })

  it('an OCI index listing each image with its platform', () => {
    const index = JSON.parse(
      ociIndex([
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:a', size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      ]).toString(),
    )
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:a', size: 1, platform: { os: 'linux', architecture: 'arm64' } }],
    })
  })

  it.each([
    [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'amd64' },
    ],
    [
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  ])('platform of config %j', (cfg, platform) => {
    expect(platformOf(cfg, 'x')).toEqual(platform)
  })

  it('refuses a config without a platform', () => {
    expect(() => platformOf({ os: 'linux' }, '.#packages.x86_64-linux.a')).toThrow(/\.#packages\.x86_64-linux\.a: the image config names no os\/architecture/)
  })
})

describe('byte counts', () => {
  const image = (uploaded: boolean[]): PushedImage => ({
    system: 'x86_64-linux',
    platform: 'linux/amd64',
    digest: 'sha256:m',
    config: { digest: 'sha256:c', size: 100, uploaded: uploaded[0] },
    layers: uploaded.slice(1).map((u, i) => ({ digest: `sha256:${i}`, size: 1000 * (i + 1), uploaded: u })),
  })
  it.each([
    [
      'first publish',
      [image([true, true, true]), image([true, true])],
      { layersUploaded: 3, layerBytesUploaded: 4000, layersSkipped: 0, layerBytesSkipped: 0, configBytesUploaded: 200, configBytesSkipped: 0 },
    ],
    [
      'second publish',
      [image([false, false, false]), image([false, false])],
      { layersUploaded: 0, layerBytesUploaded: 0, layersSkipped: 3, layerBytesSkipped: 4000, configBytesUploaded: 0, configBytesSkipped: 200 },
    ],
    [
      'one layer changed',
      [image([true, false, true])],
      { layersUploaded: 1, layerBytesUploaded: 2000, layersSkipped: 1, layerBytesSkipped: 1000, configBytesUploaded: 100, configBytesSkipped: 0 },
    ],
  ])('%s', (_, images, expected) => {
    expect(totals(images)).toEqual(expected)
  })
})

describe('layer digests without hashing', () => {
  const hex = 'a'.repeat(64)
  const diff = `sha256:${'d'.repeat(64)}`
  const f = (gzip: boolean, digest?: string): ArchiveFile => ({ size: 10, gzip, layer: true, ...(digest ? { digest } : {}) })
  it.each<[string, string, ArchiveFile, string | undefined]>([
    ['an uncompressed docker-save layer is its diff_id', 'l1/layer.tar', f(false), diff],
    ['an OCI blob is named by its digest', `blobs/sha256/${hex}`, f(true), `sha256:${hex}`],
    ['an uncompressed OCI blob too', `blobs/sha256/${hex}`, f(false), `sha256:${hex}`],
    ['a gzip docker-save layer needs its hash', 'l1/layer.tar', f(true), undefined],
    ['a gzip docker-save layer that was hashed', 'l1/layer.tar', f(true, 'sha256:h'), 'sha256:h'],
    ['a hashed uncompressed layer that is its diff_id', './l1/layer.tar', f(false, diff), diff],
  ])('%s', (_, name, file, expected) => {
    expect(layerDigests([name], new Map([[name.replace(/^\.\//, ''), file]]), [diff], 'img')).toEqual([expected])
  })

  it.each<[string[], Map<string, ArchiveFile>, string[], RegExp]>([
    [
      ['l1/layer.tar'],
      new Map([['l1/layer.tar', f(false, 'sha256:other')]]),
      [diff],
      /has digest sha256:other but the config says sha256:d+; the archive is inconsistent/,
    ],
    [['l1/layer.tar'], new Map(), [diff], /names layer l1\/layer\.tar, which is not in the archive/],
    [['l1/layer.tar'], new Map([['l1/layer.tar', f(false)]]), [], /the config lists 0 layers but the archive has 1/],
  ])('refuses an archive that contradicts itself (%#)', (layers, files, diffIds, message) => {
    expect(() => layerDigests(layers, files, diffIds, 'img')).toThrow(message)
  })
})

describe('which blob a layer is pushed as', () => {
  const diffId = `sha256:${'d'.repeat(64)}`
  const plain: PreparedLayer = { mediaType: LAYER_MEDIA_TYPES.none, digest: diffId, size: 3000, entry: 'l/layer.tar', diffId }
  const archivedGzip: PreparedLayer = { mediaType: LAYER_MEDIA_TYPES.gzip, digest: 'sha256:gz', size: 900, entry: 'blobs/sha256/gz', diffId }
  const earlierGzip = { mediaType: LAYER_MEDIA_TYPES.gzip, digest: 'sha256:earlier', size: 1000 }
  const earlierZstd = { mediaType: LAYER_MEDIA_TYPES.zstd, digest: 'sha256:earlierzstd', size: 800 }
  const asArchived = (l: PreparedLayer) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })

  it.each<[string, PreparedLayer, 'none' | 'gzip' | 'zstd', Map<string, typeof earlierGzip>, object | undefined, boolean]>([
    ['none: the layer as the archive holds it', plain, 'none', new Map([[diffId, earlierGzip]]), asArchived(plain), false],
    ['gzip, never pushed: compress it', plain, 'gzip', new Map(), undefined, true],
    ['gzip, pushed before as gzip: that blob', plain, 'gzip', new Map([[diffId, earlierGzip]]), earlierGzip, true],
    ['gzip, pushed before as zstd only: compress it', plain, 'gzip', new Map([[diffId, earlierZstd]]), undefined, true],
    ['zstd, pushed before as zstd: that blob', plain, 'zstd', new Map([[diffId, earlierZstd]]), earlierZstd, true],
    ['a layer the archive holds compressed is never compressed again', archivedGzip, 'zstd', new Map([[diffId, earlierZstd]]), asArchived(archivedGzip), false],
  ])('%s', (_, layer, compression, pushed, expected, compressing) => {
    expect(candidateBlob(layer, compression, pushed)).toEqual(expected)
    expect(compresses(layer, compression)).toBe(compressing)
  })
})
