// The read-back against a real registry (Debian's distribution): an index of two tested images under
// its tags, and the other tags a manifest app's script names (per-arch tags, a version), each of which
// must be the index, one of its images, or a tested platform's image with the tested layers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import type { BuiltImage } from '../../src/model.js'
import type { PublishableImage, Target } from '../../src/publish/publish.js'
import { verifyPublished } from '../../src/publish/verify.js'
import { RegistryClient } from '../../src/registry/client.js'
import { type RegistryServer, startRegistry } from '../helpers/registry-server.js'

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const LAYER = 'application/vnd.oci.image.layer.v1.tar'
const REPOSITORY = 'acme/greet'
const NO_RETRIES = { attempts: 1, firstDelayMs: 0, maxDelayMs: 0, budgetMs: 0 }

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`
const json = (o: unknown) => Buffer.from(JSON.stringify(o))

let registry: RegistryServer
let client: RegistryClient

/**
 * One image: a layer of random bytes (uncompressed, so its digest is its diff_id) and its config,
 * under `tag` or else by digest.
 */
async function pushImage(arch: string, { mediaType = DOCKER_MANIFEST, layer = randomBytes(64), tag = '' } = {}) {
  const config = json({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } })
  await client.uploadBlob(sha256(layer), layer)
  await client.uploadBlob(sha256(config), config)
  const manifest = json({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [{ mediaType: LAYER, digest: sha256(layer), size: layer.length }],
  })
  return {
    arch,
    layer,
    digest: await client.putManifest(tag || sha256(manifest), mediaType, manifest),
    size: manifest.length,
    mediaType,
    diffIds: [sha256(layer)],
  }
}

let amd64: Awaited<ReturnType<typeof pushImage>>
let arm64: Awaited<ReturnType<typeof pushImage>>
let index: string
const tested = (): PublishableImage[] =>
  [amd64, arm64].map((i) => ({ platform: `linux/${i.arch}`, layers: i.diffIds }) as Partial<BuiltImage> as PublishableImage)

beforeAll(async () => {
  registry = await startRegistry()
  client = new RegistryClient(registry.address, REPOSITORY, undefined, 'pull,push')
  amd64 = await pushImage('amd64')
  arm64 = await pushImage('arm64')
  const body = json({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [amd64, arm64].map((i) => ({ mediaType: i.mediaType, digest: i.digest, size: i.size, platform: { os: 'linux', architecture: i.arch } })),
  })
  index = await client.putManifest('1.0.0', OCI_INDEX, body)
  await client.putManifest('latest', OCI_INDEX, body)
  const manifestOf = async (digest: string) => Buffer.from(JSON.stringify((await client.manifest(digest)).body))
  await client.putManifest('1.0.0-amd64', DOCKER_MANIFEST, await manifestOf(amd64.digest))
  await client.putManifest('1.0.0-arm64', DOCKER_MANIFEST, await manifestOf(arm64.digest))
  // The arm64 image again, as an OCI manifest: another digest, the same config and layers.
  await pushImage('arm64', { mediaType: OCI_MANIFEST, layer: arm64.layer, tag: 'converted-arm64' })
  // An arm64 image that was not tested here, and another index.
  const untested = await pushImage('arm64', { tag: 'untested-arm64' })
  await client.putManifest(
    'other-index',
    OCI_INDEX,
    json({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: DOCKER_MANIFEST, digest: untested.digest, size: untested.size, platform: { os: 'linux', architecture: 'arm64' } }],
    }),
  )
}, 60_000)

afterAll(async () => {
  await registry?.stop()
})

const target = (alsoTagged: string[]): Target => ({
  registry: registry.address,
  repository: REPOSITORY,
  tags: ['1.0.0', 'latest'],
  credentials: { username: 'u', password: 'p' },
  source: 'the inputs',
  alsoTagged,
})

describe("the tags a manifest app's script names besides the inputs' tags", () => {
  it('says what each is: the index, one of its images, or a tested image in another manifest format', async () => {
    const published = await verifyPublished(target(['1.0.0-amd64', '1.0.0-arm64', 'converted-arm64']), 'greet', tested(), undefined, NO_RETRIES)
    expect(published.digest).toBe(index)
    expect(published.alsoTagged).toEqual([
      { tag: '1.0.0-amd64', is: 'the linux/amd64 image' },
      { tag: '1.0.0-arm64', is: 'the linux/arm64 image' },
      { tag: 'converted-arm64', is: 'a linux/arm64 image with the tested layers' },
    ])
  })

  it('leaves the field out when there are none', async () => {
    expect((await verifyPublished(target([]), 'greet', tested(), undefined, NO_RETRIES)).alsoTagged).toBeUndefined()
  })

  it('passes over a named tag that is not in the registry (a branch of the script that did not run), and says so', async () => {
    const log: string[] = []
    const published = await verifyPublished(target(['1.0.0-amd64', 'never-pushed']), 'greet', tested(), (m) => log.push(m), NO_RETRIES)
    expect(published.alsoTagged).toEqual([{ tag: '1.0.0-amd64', is: 'the linux/amd64 image' }])
    expect(log).toEqual([`${registry.address}/${REPOSITORY}:never-pushed, which the manifest app's script names, is not in the registry: it was not pushed.`])
  })

  it.each([
    [
      'untested-arm64',
      /:untested-arm64, a tag the manifest app's script names, points at sha256:\w+, which is a linux\/arm64 image that was not built and tested here/,
    ],
    ['other-index', /:other-index, a tag the manifest app's script names, points at sha256:\w+, which is another index than 1\.0\.0/],
  ])('fails on %s, naming the tag and what it points at', async (tag, message) => {
    await expect(verifyPublished(target([tag]), 'greet', tested(), undefined, NO_RETRIES)).rejects.toThrow(message)
  })
})
