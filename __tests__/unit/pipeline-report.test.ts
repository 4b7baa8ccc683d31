import { describe, expect, it } from '@jest/globals'
import { type ContainerMetadata, actionOutputs, annotationsLine, uploadLine } from '../../src/pipeline/report.js'
import type { BuiltImage } from '../../src/model.js'
import type { TestResult } from '../../src/image/docker.js'

describe('actionOutputs: what later steps read', () => {
  const built = (container: string, system: 'x86_64-linux' | 'aarch64-linux') =>
    ({
      container,
      system,
      platform: system === 'x86_64-linux' ? 'linux/amd64' : 'linux/arm64',
      installable: `.#packages.${system}.${container}`,
      storePath: `/nix/store/x-${container}-${system}`,
      kind: 'archive-gz',
    }) as BuiltImage
  const images = [
    built('fdContainer', 'x86_64-linux'),
    built('fdContainer', 'aarch64-linux'),
    built('rgContainer', 'x86_64-linux'),
    built('rgContainer', 'aarch64-linux'),
  ]
  const loaded = images.map((b, i) => ({
    ...b,
    run: b.system === 'x86_64-linux' ? 'native' : 'emulated',
    reference: `${b.container}:${b.system}`,
    imageId: `sha256:${i}`,
  }))
  const tests = loaded.map((l) => ({ image: l, loaded: l, status: 'passed', output: '', durationMs: 1 })) as unknown as TestResult[]
  const publication = {
    images: [
      {
        container: 'fdContainer',
        name: 'ghcr.io/acme/tools/fd',
        digest: 'sha256:fd',
        tags: ['1.2.3', '1.2'],
        platforms: ['linux/amd64', 'linux/arm64'],
        manifest: { schemaVersion: 2 },
      },
      { container: 'fdContainer', name: 'docker.io/acme/fd', digest: 'sha256:fd', tags: ['1.2.3'], platforms: ['linux/amd64', 'linux/arm64'], manifest: {} },
      {
        container: 'rgContainer',
        name: 'ghcr.io/acme/tools/rg',
        digest: 'sha256:rg',
        tags: ['1.2.3'],
        platforms: ['linux/amd64', 'linux/arm64'],
        manifest: {},
      },
    ],
  }

  it('a pushed run: name@digest per destination, full-reference tags one per line, metadata for every container', () => {
    const out = actionOutputs({ built: images, tests, publication }, loaded as never)
    expect(out.digest).toBe('sha256:fd')
    expect(out.pushed).toBe('ghcr.io/acme/tools/fd@sha256:fd\ndocker.io/acme/fd@sha256:fd\nghcr.io/acme/tools/rg@sha256:rg')
    expect(out.tags).toBe('ghcr.io/acme/tools/fd:1.2.3\nghcr.io/acme/tools/fd:1.2\ndocker.io/acme/fd:1.2.3\nghcr.io/acme/tools/rg:1.2.3')
    expect([out.image, out.imageid]).toEqual(['fdContainer:x86_64-linux', 'sha256:0'])
    expect(JSON.parse(out.index)).toEqual({ schemaVersion: 2 })
    const metadata = JSON.parse(out.metadata) as Record<string, ContainerMetadata>
    expect(Object.keys(metadata)).toEqual(['fdContainer', 'rgContainer'])
    expect(metadata.rgContainer.destinations).toEqual([{ name: 'ghcr.io/acme/tools/rg', digest: 'sha256:rg', tags: ['1.2.3'] }])
    expect(metadata.fdContainer.images.map((i) => [i.platform, i.imageId, i.test])).toEqual([
      ['linux/amd64', 'sha256:0', 'passed'],
      ['linux/arm64', 'sha256:1', 'passed'],
    ])
  })

  it("nothing pushed: no digest, pushed, tags or index, so `outputs.digest != ''` tells", () => {
    const out = actionOutputs({ built: images, tests }, loaded as never)
    expect(Object.keys(out).sort()).toEqual(['image', 'imageid', 'images', 'metadata'])
    expect((JSON.parse(out.metadata) as Record<string, ContainerMetadata>).fdContainer).toMatchObject({
      destinations: [],
      platforms: ['linux/amd64', 'linux/arm64'],
    })
  })

  it('a failure before anything was built still gives images and metadata', () => {
    expect(actionOutputs({ built: [], tests: [] }, [])).toEqual({ images: '[]', metadata: '{}' })
  })
})

describe('uploadLine: what the builtin publisher sent, and how', () => {
  const stats = {
    layersUploaded: 1,
    layerBytesUploaded: 3 * 1048576,
    layersSkipped: 2,
    layerBytesSkipped: 1048576,
    configBytesUploaded: 500,
    configBytesSkipped: 0,
  }
  it.each([
    [undefined, '`r/x`: layers uploaded 1 (3.0 MiB), already in the registry 2 (1.0 MiB skipped); configs uploaded 500 B, skipped 0 B.'],
    ['none' as const, '`r/x`: layers uploaded 1 (3.0 MiB), already in the registry 2 (1.0 MiB skipped); configs uploaded 500 B, skipped 0 B.'],
    ['gzip' as const, '`r/x`: gzip layers uploaded 1 (3.0 MiB), already in the registry 2 (1.0 MiB skipped); configs uploaded 500 B, skipped 0 B.'],
  ])('compression %s', (compression, line) => {
    expect(uploadLine('r/x', { ...stats, compression })).toBe(line)
  })
})

describe('annotationsLine: the summary says what ghcr.io will read', () => {
  it('lists the index annotations, short names first', () => {
    const manifest = { annotations: { 'org.opencontainers.image.source': 'https://github.com/acme/fd', 'org.opencontainers.image.licenses': 'MIT' } }
    expect(annotationsLine({ name: 'ghcr.io/acme/fd', manifest })).toBe('Index annotations: `source` https://github.com/acme/fd · `licenses` MIT')
  })
  it('says what their absence costs', () => {
    expect(annotationsLine({ name: 'ghcr.io/acme/fd', manifest: {} })).toMatch(
      /^`ghcr\.io\/acme\/fd`'s index carries no OCI annotations: ghcr\.io will not link the package/,
    )
  })
})
