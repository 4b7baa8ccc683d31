// The builtin publisher's pure parts (manifests, index, platforms, byte counts, archive layouts)
// and how a nix2container image is loaded.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCommand } from '../../src/image/docker.js'
import { type ArchiveFile, listFiles } from '../../src/image/archive.js'
import { LAYER_MEDIA_TYPES, LEVELS, blockGzip, compressed, compressionOf, pairLayers, storedBlocks } from '../../src/publish/compression.js'
import { zstdAvailable } from '../../src/model.js'
import * as zlib from 'node:zlib'
import { gunzipSync } from 'node:zlib'
import {
  type PreparedLayer,
  type PushedImage,
  archiveLayout,
  candidateBlob,
  compresses,
  layerDigests,
  ociIndex,
  ociManifest,
  platformOf,
  sha256,
  totals,
} from '../../src/publish/builtin.js'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RegistryClient, registryFailure, registryUrl } from '../../src/registry/client.js'

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

describe('archive layouts', () => {
  const file = (text: string): ArchiveFile => ({ digest: 'sha256:x', size: text.length, gzip: false, layer: false, bytes: Buffer.from(text) })

  it('docker save (dockerTools, Docker 20–24): manifest.json', () => {
    const files = new Map([
      ['manifest.json', file('[{"Config":"abc.json","RepoTags":["a:b"],"Layers":["l1/layer.tar","l2/layer.tar"]}]')],
      ['abc.json', file('{"architecture":"amd64"}')],
    ])
    expect(archiveLayout(files, 'x')).toEqual({ config: Buffer.from('{"architecture":"amd64"}'), layers: ['l1/layer.tar', 'l2/layer.tar'] })
  })

  it('OCI layout (Docker 25+): index.json', () => {
    const files = new Map([
      ['index.json', file('{"manifests":[{"digest":"sha256:m"}]}')],
      ['blobs/sha256/m', file('{"config":{"digest":"sha256:c"},"layers":[{"digest":"sha256:l"}]}')],
      ['blobs/sha256/c', file('{"os":"linux"}')],
    ])
    expect(archiveLayout(files, 'x')).toEqual({ config: Buffer.from('{"os":"linux"}'), layers: ['blobs/sha256/l'] })
  })

  it.each([
    [
      new Map([['manifest.json', file('[{"Config":"a.json","Layers":[]},{"Config":"b.json","Layers":[]}]')]]),
      /holds 2 images; an image file must hold exactly one/,
    ],
    [new Map([['manifest.json', file('[{"Config":"a.json","Layers":[]}]')]]), /the archive has no a\.json/],
    [new Map([['other', file('')]]), /neither manifest\.json \(docker save\) nor index\.json \(OCI layout\)/],
  ])('refuses an archive it cannot read (%#)', (files, message) => {
    expect(() => archiveLayout(files, 'img')).toThrow(message)
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

describe('layer compression', () => {
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

describe('reading an archive for its digests (GNU tar makes it)', () => {
  it('hashes every file, keeps only the JSON ones, and tells gzip layers apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nca-push-'))
    await mkdir(join(dir, 'img', 'l1'), { recursive: true })
    await writeFile(join(dir, 'payload'), 'x'.repeat(5000))
    execFileSync('tar', ['-C', dir, '-cf', join(dir, 'img', 'l1', 'layer.tar'), 'payload'])
    execFileSync('sh', ['-c', 'gzip -c "$1" > "$2"', 'sh', join(dir, 'img', 'l1', 'layer.tar'), join(dir, 'img', 'l1', 'layer.tgz')])
    await writeFile(join(dir, 'img', 'manifest.json'), '[{"Config":"c.json","Layers":["l1/layer.tar"]}]')
    await writeFile(join(dir, 'img', 'c.json'), '{"os":"linux","architecture":"amd64"}')
    execFileSync('tar', ['-C', join(dir, 'img'), '-cf', join(dir, 'image.tar'), 'l1', 'manifest.json', 'c.json'])
    const files = await listFiles(createReadStream(join(dir, 'image.tar')), { hash: true })
    const layer = await readFile(join(dir, 'img', 'l1', 'layer.tar'))
    expect(files.get('l1/layer.tar')).toEqual({ digest: sha256(layer), size: layer.length, gzip: false, layer: true })
    expect(files.get('l1/layer.tgz')).toMatchObject({ gzip: true, layer: true })
    expect(files.get('c.json')!.bytes!.toString()).toBe('{"os":"linux","architecture":"amd64"}')
    expect(archiveLayout(files, 'x').layers).toEqual(['l1/layer.tar'])
  })
})

describe('registry failures', () => {
  it.each([
    [
      401,
      '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
      /x: HTTP 401 \(unauthorized: check the username and password\): UNAUTHORIZED authentication required/,
    ],
    [403, '', /x: HTTP 403 \(denied: the password or token lacks push permission\)$/],
    [
      400,
      '{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}',
      /x: HTTP 400: DIGEST_INVALID provided digest did not match/,
    ],
    [503, 'upstream down', /x: HTTP 503: upstream down/],
  ])('HTTP %i', async (status, body, message) => {
    expect(registryFailure(status, body, 'x').message).toMatch(message)
  })
})

describe('registry credentials', () => {
  it('go to the registry only, not to an upload URL on another host', async () => {
    const seen: Record<string, string | undefined> = {}
    const servers = [0, 1].map((i) =>
      createServer((req, res) => {
        seen[`${i} ${req.method}`] = req.headers.authorization
        if (i === 0 && !req.headers.authorization) res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end()
        else res.writeHead(200).end()
      }),
    )
    await Promise.all(servers.map((s) => new Promise<void>((done) => s.listen(0, '127.0.0.1', done))))
    const [registry, storage] = servers.map((s) => `127.0.0.1:${(s.address() as AddressInfo).port}`)
    try {
      const client = new RegistryClient(registry, 'acme/fd', { username: 'u', password: 'p' }, 'pull,push')
      expect(await client.hasBlob('sha256:x')).toBe(true)
      await client.send('PUT', `http://${storage}/upload?digest=sha256:x`, { body: Buffer.from('x') })
      expect(seen).toEqual({ '0 HEAD': `Basic ${Buffer.from('u:p').toString('base64')}`, '1 PUT': undefined })
    } finally {
      servers.forEach((s) => s.close())
    }
  })
})

describe('loading a nix2container image', () => {
  it('runs its copyToDockerDaemon app with nix, never docker load', () => {
    const nix = { path: '/nix/bin/nix', env: { NIX_CONFIG: 'x' } }
    expect(loadCommand({ kind: 'nix2container', storePath: '/nix/store/x-image.json', installable: '.#packages.aarch64-linux.fdContainer' }, nix)).toEqual({
      load: { cmd: '/nix/bin/nix', args: ['run', '.#packages.aarch64-linux.fdContainer.copyToDockerDaemon'], env: { NIX_CONFIG: 'x' } },
    })
  })

  it('needs nix and the installable', () => {
    expect(() => loadCommand({ kind: 'nix2container', storePath: '/nix/store/x-image.json' })).toThrow(
      /nix2container image: loading it needs Nix and its installable/,
    )
  })
})

describe('registryUrl', () => {
  it.each([
    ['ghcr.io', 'https://ghcr.io/v2/'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000/v2/'],
    // Docker Hub's images are docker.io/<name>; its API is registry-1.docker.io.
    ['docker.io', 'https://registry-1.docker.io/v2/'],
    ['index.docker.io', 'https://registry-1.docker.io/v2/'],
  ])('%s → %s', (registry, url) => expect(registryUrl(registry, '/v2/')).toBe(url))
})
