// The builtin publisher by digest, for real: images go to the local registry through a counting
// proxy on loopback, so the bytes sent are measured on the wire, independently of the action's own
// counts. A nix2container image (always pushed by digest: flocken cannot push those) and a
// dockerTools-like archive are each published twice; the second publish must send no layer bytes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as zlib from 'node:zlib'
import { gunzipSync } from 'node:zlib'
import { zstdAvailable } from '../../src/model.js'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { FIXTURE_DESCRIPTION, fixtureOnStack, githubApiServer } from '../helpers/fixture.js'
import { CountingProxy } from '../helpers/proxy.js'
import { type Index, pushInputs, type RegistryLogin, skopeoInspect, stackRegistry } from '../helpers/registry.js'
import { imageLayers, pullAndRun } from '../helpers/docker.js'

let flake: string
let env: Record<string, string>
let main: RegistryLogin
const unique = `${process.pid}-${Date.now().toString(36)}`
const sha = '0123456789abcdef0123456789abcdef01234567'

const proxy = new CountingProxy()
let api: Awaited<ReturnType<typeof githubApiServer>>

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
  main = stackRegistry(false, env)
  await proxy.start(env.NCA_REGISTRY)
  api = await githubApiServer()
})

afterAll(async () => {
  await proxy.stop()
  await api.close()
})

function publish(container: string, repository: string, ref: string, inputs: Record<string, string> = {}, streamRuns?: string): Promise<ActionRun> {
  return runAction({
    cwd: flake,
    inputs: { container, ...pushInputs({ ...main, registry: proxy.address }), repository, ...inputs },
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: ref, GITHUB_SHA: sha, GITHUB_API_URL: api.url, ...(streamRuns ? { NCA_STREAM_RUNS: streamRuns } : {}) },
  })
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** The stream scripts a run started, one line each in its counter file. */
async function scriptRuns(counter: string): Promise<string[]> {
  return (await readFile(counter, 'utf8').catch(() => '')).split('\n').filter(Boolean)
}

/** The publisher's own per-image counts, from its log lines. */
function reported(run: ActionRun): { platform: string; layers: number; uploaded: number; uploadedBytes: number; skipped: number; skippedBytes: number }[] {
  return [
    ...run.log.matchAll(
      /@sha256:[0-9a-f]{64} \((linux\/\w+)\): (\d+) layer\(s\), (\d+) uploaded \((\d+) bytes\), (\d+) already in the registry \((\d+) bytes skipped\)/g,
    ),
  ].map((m) => ({
    platform: m[1],
    layers: Number(m[2]),
    uploaded: Number(m[3]),
    uploadedBytes: Number(m[4]),
    skipped: Number(m[5]),
    skippedBytes: Number(m[6]),
  }))
}

describe.each([
  // compression: gzip, the default (and flocken's own, which a nix2container image leaves for the builtin publisher).
  ['greetN2cContainer', 'nix2container', {}],
  ['greetStoreContainer', 'archive-gz', { publisher: 'builtin', labels: 'org.example.team=containers' }],
  ['greetStoreStream', 'stream', { publisher: 'builtin', sbom: 'false', compression: 'none' }],
  // zstd only where Node's zlib has it: the node24 lane (scripts/node24-lane.sh), as GitHub's runtime.
  ...(zstdAvailable() ? ([['greetStoreContainer', 'archive-gz', { publisher: 'builtin', compression: 'zstd' }]] as const) : []),
] as const)('%s (%s) pushed by digest, inputs %o', (container, kind, inputs) => {
  const compression = 'compression' in inputs ? inputs.compression : 'gzip'
  const repository = `acme/digest-${kind}-${'compression' in inputs ? inputs.compression : 'gzip'}-${unique}`
  let first: ActionRun
  let second: ActionRun
  let firstBytes: number
  let secondBytes: number
  let secondUploads: number
  let runs: { first: string[]; second: string[] }

  beforeAll(async () => {
    const counters = await mkdtemp(join(tmpdir(), 'nca-stream-runs-'))
    const before = proxy.seen.length
    first = await publish(container, repository, 'refs/tags/v1.0.0', inputs, join(counters, 'first'))
    const middle = proxy.seen.length
    firstBytes = proxy.uploadBytes(before)
    // The release commit again, from main (version input): the same metadata, so the same index.
    second = await publish(container, repository, 'refs/heads/main', { ...inputs, version: '1.0.0' }, join(counters, 'second'))
    secondBytes = proxy.uploadBytes(middle)
    secondUploads = proxy.uploadsOpened(middle)
    runs = { first: await scriptRuns(join(counters, 'first')), second: await scriptRuns(join(counters, 'second')) }
  })

  if (kind === 'stream') {
    it('runs each stream script once to load it, once for its layout, and once more only for layers the registry lacks', () => {
      const scripts = images(first).map((i) => i.storePath)
      expect(scripts).toHaveLength(2)
      // First publish: the load, the layout, then the upload of the missing layers; second: the load and the layout.
      expect(runs.first.sort()).toEqual([...scripts, ...scripts, ...scripts].sort())
      expect(runs.second.sort()).toEqual([...scripts, ...scripts].sort())
    })
  }

  it('publishes one OCI index of both platforms, read back with skopeo', () => {
    expect(first.errors).toEqual([])
    expect(images(first).map((i) => [i.kind, i.test])).toEqual([
      [kind, 'passed'],
      [kind, 'passed'],
    ])
    const index = JSON.parse(skopeoInspect(main, repository, '1.0.0')) as Index
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    expect(first.outputs.digest).toMatch(/^sha256:/)
    if (kind === 'nix2container')
      expect(first.log).toContain('is a nix2container image and the flake has no greetN2cManifest: the builtin publisher pushes it by digest')
  })

  it('pushed each image by its digest before any tag, and every tag names the same index', () => {
    const puts = proxy.seen.filter((s) => s.method === 'PUT' && s.path.startsWith(`/v2/${repository}/manifests/`))
    const byDigest = puts.findIndex((s) => /manifests\/sha256:/.test(s.path))
    const byTag = puts.findIndex((s) => !/manifests\/sha256:/.test(s.path))
    expect(byDigest).toBeGreaterThanOrEqual(0)
    expect(byDigest).toBeLessThan(byTag)
    for (const tag of ['1.0.0', '1.0', '1', 'latest', 'main']) {
      const raw = skopeoInspect(main, repository, tag)
      expect(JSON.parse(raw) as Index).toEqual(JSON.parse(skopeoInspect(main, repository, 'latest')))
    }
  })

  it('annotates the index and each manifest: the source, the commit and its time, the version, and what GitHub says', () => {
    const head = execFileSync('git', ['-C', flake, 'show', '--no-patch', '--format=%H %ct', 'HEAD'], { encoding: 'utf8' }).trim().split(' ')
    const expected = {
      'org.opencontainers.image.source': 'https://github.com/acme/fixture',
      'org.opencontainers.image.revision': head[0],
      'org.opencontainers.image.created': new Date(Number(head[1]) * 1000).toISOString().replace('.000Z', 'Z'),
      'org.opencontainers.image.version': '1.0.0',
      'org.opencontainers.image.title': repository.split('/').pop(),
      'org.opencontainers.image.description': FIXTURE_DESCRIPTION,
      'org.opencontainers.image.licenses': 'MIT',
    }
    const index = JSON.parse(skopeoInspect(main, repository, '1.0.0')) as Index & { annotations: Record<string, string> }
    expect(index.annotations).toEqual(expected)
    for (const entry of index.manifests) {
      expect((JSON.parse(skopeoInspect(main, repository, entry.digest)) as { annotations: Record<string, string> }).annotations).toEqual(expected)
    }
    expect(first.summary).toContain(`Index annotations: \`source\` https://github.com/acme/fixture · \`revision\` ${head[0]}`)
  })

  it('adds the labels input to the config it pushes, and nothing when there is none', () => {
    const labels =
      (JSON.parse(skopeoInspect(main, repository, '1.0.0', 'config')) as { config: { Labels?: Record<string, string> | null } }).config.Labels ?? {}
    expect(labels['org.example.team']).toBe('labels' in inputs ? 'containers' : undefined)
  })

  it(`pushed the very layers that were loaded and tested, ${compression === 'none' ? 'uncompressed (layer digest = diff_id)' : `${compression}, each inflating to its diff_id`}`, async () => {
    const index = JSON.parse(skopeoInspect(main, repository, 'latest')) as Index
    for (const image of images(first)) {
      const entry = index.manifests.find((m) => `${m.platform.os}/${m.platform.architecture}` === image.platform)!
      const manifest = JSON.parse(skopeoInspect(main, repository, entry.digest)) as { layers: { digest: string; mediaType: string; size: number }[] }
      const tested = imageLayers(image.imageId)
      if (compression === 'none') {
        expect(manifest.layers.map((l) => l.digest)).toEqual(tested)
        expect(manifest.layers.map((l) => l.mediaType)).toEqual(tested.map(() => 'application/vnd.oci.image.layer.v1.tar'))
      } else {
        expect(manifest.layers.map((l) => l.mediaType)).toEqual(tested.map(() => `application/vnd.oci.image.layer.v1.tar+${compression}`))
        // The blobs as the registry serves them: each one's digest and size, and what it inflates to.
        const dir = await mkdtemp(join(tmpdir(), 'nca-pulled-'))
        execFileSync('skopeo', [
          'copy',
          '--quiet',
          '--src-tls-verify=false',
          '--src-creds',
          `${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`,
          `docker://${env.NCA_REGISTRY}/${repository}@${entry.digest}`,
          `dir:${dir}`,
        ])
        const inflated = await Promise.all(
          manifest.layers.map(async (l) => {
            const blob = await readFile(join(dir, l.digest.slice('sha256:'.length)))
            expect(sha256(blob)).toBe(l.digest)
            expect(blob.length).toBe(l.size)
            return sha256(
              compression === 'gzip' ? gunzipSync(blob) : (zlib as unknown as { zstdDecompressSync: (b: Buffer) => Buffer }).zstdDecompressSync(blob),
            )
          }),
        )
        expect(inflated).toEqual(tested)
      }
      if (kind === 'nix2container') {
        // …which are the layers nix2container's image.json describes.
        const described = JSON.parse(await readFile(image.storePath, 'utf8')) as { layers: { digest: string }[] }
        expect(described.layers.map((l) => l.digest)).toEqual(tested)
      }
    }
  })

  it('docker pull --platform takes each platform of the index it pushed, and it runs', () => {
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      expect(pullAndRun(main, `${main.registry}/${repository}@${first.outputs.digest}`, platform, 'world')).toBe('hello world')
    }
  })

  it('first publish: every layer uploaded once; the wire and the publisher agree on the bytes', () => {
    const counts = reported(first)
    expect(counts.map((c) => c.platform)).toEqual(['linux/amd64', 'linux/arm64'])
    const layerBytes = counts.reduce((n, c) => n + c.uploadedBytes, 0)
    expect(counts[0].uploaded === counts[0].layers && counts[0].skipped === 0).toBe(true)
    // The second platform finds only what the first just sent: a layer both hold (dockerTools' images share greet-motd's).
    expect(counts[1].uploaded + counts[1].skipped).toBe(counts[1].layers)
    expect(counts[1].skipped).toBe(kind === 'nix2container' ? 0 : 1)
    expect(layerBytes).toBeGreaterThan(1_000_000)
    // On the wire: the layer bytes plus the two small configs, nothing more.
    expect(firstBytes).toBeGreaterThanOrEqual(layerBytes)
    expect(firstBytes - layerBytes).toBeLessThan(4096)
    const uploaded = counts.reduce((n, c) => n + c.uploaded, 0)
    expect(first.summary).toMatch(new RegExp(`layers uploaded ${uploaded} \\([\\d.]+ MiB\\), already in the registry ${counts[1].skipped} \\(`))
    console.log(`${container} first publish: ${firstBytes} bytes into blob uploads (${layerBytes} of them layers)`)
  })

  it('second publish of the same images: 0 layer bytes, no upload opened, same index', () => {
    expect(second.errors).toEqual([])
    expect(secondBytes).toBe(0)
    expect(secondUploads).toBe(0)
    const counts = reported(second)
    expect(counts.map((c) => [c.uploaded, c.uploadedBytes])).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(counts.reduce((n, c) => n + c.skippedBytes, 0)).toBe(reported(first).reduce((n, c) => n + c.uploadedBytes + c.skippedBytes, 0))
    expect(second.outputs.digest).toBe(first.outputs.digest)
    // Compressed layers are found in what the tags held, by diff_id: none is compressed again.
    if (compression !== 'none') expect(first.log).toContain(`compressing (${compression}) and uploading layer`)
    expect(second.log).not.toMatch(/compressing/)
    const layers = counts.reduce((n, c) => n + c.layers, 0)
    expect(second.summary).toMatch(new RegExp(`layers uploaded 0 \\(0 B\\), already in the registry ${layers} \\([\\d.]+ MiB skipped\\)`))
    console.log(`${container} second publish: ${secondBytes} bytes into blob uploads; ${counts.reduce((n, c) => n + c.skippedBytes, 0)} layer bytes skipped`)
  })

  it('keeps the password off the log', () => {
    expect(first.visibleLog).not.toContain(env.NCA_REGISTRY_PASSWORD)
    expect(second.visibleLog).not.toContain(env.NCA_REGISTRY_PASSWORD)
  })
})

describe('failures of the builtin publisher', () => {
  it('a wrong password names the user and the inputs, and pushes nothing', async () => {
    const repository = `acme/digest-badpass-${unique}`
    const run = await publish('greetStoreContainer', repository, 'refs/heads/main', {
      publisher: 'builtin',
      password: 'not-the-password',
      architectures: 'x86_64-linux',
    })
    expect(run.errors.join('\n')).toMatch(/refused the credentials of user 'nca' \(inputs username and password/)
    expect(run.visibleLog).not.toContain('not-the-password')
  })

  it('attest: true outside GitHub (no OIDC token): the images are pushed, then a failure naming the permissions', async () => {
    const repository = `acme/digest-attest-${unique}`
    const run = await publish('greetStoreContainer', repository, 'refs/heads/main', {
      publisher: 'builtin',
      attest: 'true',
      'github-token': 'gh-token-for-attestations',
      architectures: 'x86_64-linux',
    })
    expect(run.errors.join('\n')).toMatch(/attest: the workflow's OIDC token is not available .*permissions: id-token: write and attestations: write/)
    expect(run.log).toContain('::add-mask::gh-token-for-attestations')
    expect(run.visibleLog).not.toContain('gh-token-for-attestations')
    expect(JSON.parse(skopeoInspect(main, repository, 'main')) as Index).toHaveProperty('manifests')
  })

  it('attest: true on a pull request: nothing pushed, nothing attested, no failure', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetStoreContainer', architectures: 'x86_64-linux', attest: 'true' } })
    expect(run.errors).toEqual([])
    expect(run.log).toContain('attest: nothing was pushed, so nothing is attested.')
  })

  it('a registry that is down fails after bounded retries', async () => {
    const run = await publish('greetStoreContainer', `acme/digest-down-${unique}`, 'refs/heads/main', {
      publisher: 'builtin',
      registry: '127.0.0.1:5999',
      architectures: 'x86_64-linux',
    })
    // The first step (the config's upload) has five tries, 2 + 4 + 8 + 16 s apart.
    expect(run.log.match(/failed \(attempt \d of 5\), retrying/g)).toHaveLength(4)
    expect(run.errors.join('\n')).toMatch(/127\.0\.0\.1:5999 could not be reached after retries/)
  })
})
