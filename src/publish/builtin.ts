// The builtin publisher, in this process over the registry's HTTP API: each system's image is
// pushed by digest (its blobs, then its manifest under its own digest), one OCI index is made from
// those digests, and only then are the tags pointed at it. Before any blob is sent the registry is
// asked whether it has it (HEAD /v2/<repo>/blobs/<digest>); what it has is skipped and counted, so
// a second publish of unchanged images sends no layer bytes at all.
//
// Layers are compressed on the way as the compression input asks (publish/compression.ts), or pushed
// as the image holds them with compression: none, when the layer digest is the diff_id itself.
//
// Every step that can be repeated is tried again on its own when the registry fails it briefly
// (registry/retry-policy.ts): each blob's upload, each manifest, each tag. A layer's failed try is
// sent again from another read of the archive, not from memory: layers can be gigabytes, and the
// archive source can be read as often as needed. Whatever that read gives is checked as the first
// was (the registry checks the blob's digest; a compressed layer's content is checked against its
// diff_id before the upload is closed), so bytes that differ are refused, never pushed.
import { createHash } from 'node:crypto'
import type { LoadedImage } from '../image/docker.js'
import { type BuiltImage, type Compression } from '../model.js'
import { type Credentials, RegistryClient } from '../registry/client.js'
import { PUSH_RETRIES, PushRetries, type RetryOptions } from '../registry/retry-policy.js'
import {
  type ArchiveFile,
  type ArchiveRead,
  archiveLayout,
  archiveName,
  lent,
  listFiles,
  openArchive,
  processArchive,
  tarEntries,
  withArchive,
} from '../image/archive.js'
import type { AnnotationSet } from './annotations.js'
import { LAYER_MEDIA_TYPES, compressed, compressionOf, pushedLayers } from './compression.js'
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar'
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

export interface OciDescriptor {
  mediaType: string
  digest: string
  size: number
  platform?: Platform
}

/** What one blob cost: sent, or skipped because the registry had it. */
export interface BlobTransfer {
  digest: string
  size: number
  uploaded: boolean
}

export interface PushedImage {
  system: string
  platform: string
  /** The image manifest's digest, under which it was pushed. */
  digest: string
  config: BlobTransfer
  layers: BlobTransfer[]
}

export interface UploadStats {
  layersUploaded: number
  layerBytesUploaded: number
  layersSkipped: number
  layerBytesSkipped: number
  configBytesUploaded: number
  configBytesSkipped: number
  /** How the layers sent were compressed (the compression input). */
  compression?: Compression
}

export interface BuiltinPush {
  index: string
  images: PushedImage[]
  upload: UploadStats
}

// ---- pure parts --------------------------------------------------------------------------------

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** JSON bytes whose digest is what the registry will compute: no whitespace, keys as given. */
function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value))
}

/** Annotations only when there are any: an empty object would change the digest for nothing. */
const annotated = (annotations: Record<string, string> = {}) => (Object.keys(annotations).length ? { annotations } : {})

export function ociManifest(config: OciDescriptor, layers: OciDescriptor[], annotations?: Record<string, string>): Buffer {
  return jsonBytes({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers, ...annotated(annotations) })
}

export function ociIndex(manifests: OciDescriptor[], annotations?: Record<string, string>): Buffer {
  return jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...annotated(annotations) })
}

/**
 * The image config with the labels input added to its Labels. Without labels the built config's
 * bytes are kept as they are; with them only config.Labels changes (the layers are the tested ones).
 */
export function withLabels(config: Buffer, labels: Record<string, string>): Buffer {
  if (Object.keys(labels).length === 0) return config
  const parsed = JSON.parse(config.toString('utf8')) as { config?: { Labels?: Record<string, string> | null } }
  parsed.config = { ...parsed.config, Labels: { ...parsed.config?.Labels, ...labels } }
  return jsonBytes(parsed)
}

/** The index entry's platform, from the image's own config (so it can never disagree with it). */
export function platformOf(config: { os?: string; architecture?: string; variant?: string }, where: string): Platform {
  if (!config.os || !config.architecture) throw new Error(`${where}: the image config names no os/architecture, so the index cannot say which platform it is.`)
  return { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) }
}

export function totals(images: PushedImage[]): UploadStats {
  const layers = images.flatMap((i) => i.layers)
  const configs = images.map((i) => i.config)
  const sum = (list: BlobTransfer[]) => list.reduce((n, b) => n + b.size, 0)
  return {
    layersUploaded: layers.filter((l) => l.uploaded).length,
    layerBytesUploaded: sum(layers.filter((l) => l.uploaded)),
    layersSkipped: layers.filter((l) => !l.uploaded).length,
    layerBytesSkipped: sum(layers.filter((l) => !l.uploaded)),
    configBytesUploaded: sum(configs.filter((c) => c.uploaded)),
    configBytesSkipped: sum(configs.filter((c) => !c.uploaded)),
  }
}

// ---- reading archives --------------------------------------------------------------------------

export type ArchiveSource = () => ArchiveRead

/**
 * The docker-archive of an image, readable as often as needed: the file itself (decompressed when
 * it is a .tar.gz), what a stream script writes, or, for nix2container (whose layers exist only
 * when copied), `docker save` of the very image that was loaded and tested.
 */
export function archiveSource(image: BuiltImage, loaded?: Pick<LoadedImage, 'imageId'>): ArchiveSource {
  if (image.kind !== 'nix2container') return () => openArchive(image)
  if (!loaded) {
    throw new Error(
      `${image.installable} is a nix2container image that was not loaded into Docker on this runner (${image.runNote ?? 'it could not be run here'}); its layers exist only when nix2container copies them, so it cannot be pushed from here. Build and publish it on a runner that can run ${image.system} (or with emulation).`,
    )
  }
  return () => processArchive('docker', ['save', loaded.imageId])
}

/** A stream and the SHA-256 of what was read of it. */
function hashed(body: AsyncIterable<Buffer>): { stream: AsyncIterable<Buffer>; digest: () => string } {
  const hash = createHash('sha256')
  async function* stream(): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      hash.update(chunk)
      yield chunk
    }
  }
  let digest: string | undefined
  return { stream: stream(), digest: () => (digest ??= `sha256:${hash.digest('hex')}`) }
}

// ---- pushing -----------------------------------------------------------------------------------

export interface PushTarget {
  registry: string
  repository: string
  credentials: Credentials
}

/** A layer as the archive holds it: where, its blob's descriptor there, and its content's diff_id. */
export interface PreparedLayer extends OciDescriptor {
  entry: string
  diffId: string
}

interface PreparedImage {
  system: string
  platform: Platform
  config: OciDescriptor & { bytes: Buffer }
  layers: PreparedLayer[]
  source: ArchiveSource
  /** The image, for messages. */
  where: string
}

/**
 * Each layer's blob digest without hashing it where the archive says it: an OCI layout names its
 * blobs by digest, and an uncompressed layer is its own diff_id (which `docker load` checked, and
 * the registry checks again on upload). A gzip layer of a docker-save archive is known only once
 * hashed: undefined then.
 */
export function layerDigests(layers: string[], files: ReadonlyMap<string, ArchiveFile>, diffIds: string[], where: string): (string | undefined)[] {
  if (diffIds.length !== layers.length) throw new Error(`${where}: the config lists ${diffIds.length} layers but the archive has ${layers.length}.`)
  return layers.map((name, i) => {
    const file = files.get(archiveName(name))
    if (!file) throw new Error(`${where}: the archive's manifest names layer ${name}, which is not in the archive.`)
    const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(archiveName(name))
    if (blob) return `sha256:${blob[1]}`
    if (file.gzip) return file.digest
    // An uncompressed layer that was hashed must be its own diff_id: if not, the archive contradicts its config.
    if (file.digest && file.digest !== diffIds[i])
      throw new Error(`${where}: layer ${name} has digest ${file.digest} but the config says ${diffIds[i]}; the archive is inconsistent.`)
    return diffIds[i]
  })
}

/**
 * What the image is made of, and where each layer is in the archive: one read that skips the
 * layers, and a second that hashes them only when a layer's digest is nowhere else (a gzip layer
 * in a docker-save archive).
 */
async function prepare(image: BuiltImage, source: ArchiveSource, labels: Record<string, string>): Promise<PreparedImage> {
  const where = `${image.installable} (${image.storePath})`
  let files = await withArchive(source(), where, (stream) => listFiles(stream))
  const layout = archiveLayout(files, where)
  const config = JSON.parse(layout.config.toString('utf8')) as { os?: string; architecture?: string; variant?: string; rootfs?: { diff_ids?: string[] } }
  const diffIds = config.rootfs?.diff_ids ?? []
  let digests = layerDigests(layout.layers, files, diffIds, where)
  if (digests.some((d) => !d)) {
    files = await withArchive(source(), where, (stream) => listFiles(stream, { hash: true }))
    digests = layerDigests(layout.layers, files, diffIds, where)
  }
  const layers = layout.layers.map((name, i) => {
    const file = files.get(archiveName(name))!
    return { mediaType: file.gzip ? OCI_LAYER_GZIP : OCI_LAYER, digest: digests[i]!, size: file.size, entry: archiveName(name), diffId: diffIds[i] }
  })
  const platform = platformOf(config, where)
  const bytes = withLabels(layout.config, labels)
  return {
    system: image.system,
    platform,
    config: { mediaType: OCI_CONFIG, digest: sha256(bytes), size: bytes.length, bytes },
    layers,
    source,
    where,
  }
}

/**
 * The blob a layer should be in the registry as, if that blob may already be there: the archive's
 * own (uncompressed, or compressed in the archive already, which is never compressed again), or,
 * to compress, the blob an earlier push compressed the same content to. Undefined: compress it.
 */
export function candidateBlob(layer: PreparedLayer, compression: Compression, pushed: ReadonlyMap<string, OciDescriptor>): OciDescriptor | undefined {
  if (!compresses(layer, compression)) return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size }
  const earlier = pushed.get(layer.diffId)
  return earlier && compressionOf(earlier.mediaType) === compression ? earlier : undefined
}

/** Whether the layer is compressed on its way: only an uncompressed one, and only when asked. */
export function compresses(layer: Pick<PreparedLayer, 'mediaType'>, compression: Compression): compression is Exclude<Compression, 'none'> {
  return compression !== 'none' && compressionOf(layer.mediaType) === 'none'
}

/** Sends one layer's bytes, compressed on the way when asked; returns the blob the registry now holds for it. */
async function sendLayer(
  client: RegistryClient,
  image: PreparedImage,
  layer: PreparedLayer,
  compression: Compression,
  body: AsyncIterable<Buffer>,
  log: (m: string) => void,
): Promise<OciDescriptor> {
  if (!compresses(layer, compression)) {
    log(`  uploading layer ${layer.digest} (${layer.size} bytes)`)
    await client.uploadBlob(layer.digest, body)
    return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size }
  }
  log(`  compressing (${compression}) and uploading layer ${layer.diffId} (${layer.size} bytes uncompressed)`)
  // The registry checks only the compressed bytes' digest: the content is checked against the
  // config's diff_id here, before the upload is closed, so damaged bytes are never committed.
  const content = hashed(body)
  const blob = await client.uploadComputed(compressed(content.stream, compression), `layer ${layer.diffId} (${compression})`, () => {
    if (content.digest() !== layer.diffId)
      throw new Error(
        `layer ${layer.entry} of ${image.where} has digest ${content.digest()}, but its config says ${layer.diffId}: the archive is damaged. Rebuild it (nix build --rebuild).`,
      )
  })
  return { mediaType: LAYER_MEDIA_TYPES[compression], ...blob }
}

/** One layer's bytes from another read of the archive, for `use`: how a layer is sent again after a failed try. */
async function rereadLayer<T>(image: PreparedImage, layer: PreparedLayer, use: (body: AsyncIterable<Buffer>) => Promise<T>): Promise<T> {
  return withArchive(image.source(), image.where, async (stream) => {
    for await (const { name, body } of tarEntries(stream)) {
      if (archiveName(name) !== layer.entry) continue
      // Awaited inside the loop: leaving it ends the read.
      const result = await use(body)
      return result
    }
    throw new Error(`layer ${layer.entry} was not found on another read of the archive (does the stream script write the same archive every time?).`)
  })
}

/**
 * Sends the blobs the registry lacks (one more read of the archive when a layer is missing), each
 * layer compressed on the way when `compression` asks and no earlier push has it so, each blob
 * tried again on its own. `pushed` (blobs by diff_id) learns every layer sent, for the next image.
 */
async function sendBlobs(
  client: RegistryClient,
  image: PreparedImage,
  compression: Compression,
  pushed: Map<string, OciDescriptor>,
  log: (m: string) => void,
  retries: PushRetries,
): Promise<{ config: BlobTransfer; layers: BlobTransfer[]; descriptors: OciDescriptor[] }> {
  const configPresent = await retries.step(`uploading config ${image.config.digest}`, async () => {
    if (await client.hasBlob(image.config.digest)) return true
    await client.uploadBlob(image.config.digest, image.config.bytes)
    return false
  })
  // Each distinct layer once: a layer listed twice is checked, sent and counted once.
  const distinct = [...new Map(image.layers.map((l) => [l.digest, l])).values()]
  const resolved = new Map<string, OciDescriptor>()
  const missing = new Map<string, PreparedLayer>()
  for (const layer of distinct) {
    const candidate = candidateBlob(layer, compression, pushed)
    const size = candidate && (await retries.step(`asking for blob ${candidate.digest}`, () => client.blobSize(candidate.digest)))
    if (candidate && size !== undefined) {
      // A layer taken by its diff_id without hashing must be what the registry holds under it.
      if (candidate.digest === layer.digest && size >= 0 && size !== layer.size)
        throw new Error(
          `layer ${layer.entry} is ${layer.size} bytes, but the registry's blob ${layer.digest} is ${size}: the archive does not match its config's diff_ids. Rebuild the image.`,
        )
      // An earlier push's blob of another size is not that blob: compressed and sent again.
      if (candidate.digest === layer.digest || size < 0 || size === candidate.size) {
        resolved.set(layer.digest, candidate)
        continue
      }
    }
    missing.set(layer.entry, layer)
  }
  const sent = new Set<string>()
  if (missing.size > 0) {
    await withArchive(image.source(), image.where, async (stream) => {
      for await (const { name, body } of tarEntries(stream)) {
        const layer = missing.get(archiveName(name))
        if (!layer || sent.has(layer.digest)) continue
        // The first try reads on in this pass; a failed one leaves the rest of the entry to it.
        const blob = await retries.step(`uploading layer ${layer.digest}`, (attempt) =>
          attempt === 1
            ? sendLayer(client, image, layer, compression, lent(body), log)
            : rereadLayer(image, layer, (again) => sendLayer(client, image, layer, compression, again, log)),
        )
        resolved.set(layer.digest, blob)
        pushed.set(layer.diffId, blob)
        sent.add(layer.digest)
      }
    })
    const unsent = [...missing.values()].filter((l) => !sent.has(l.digest))
    if (unsent.length)
      throw new Error(
        `layers ${unsent.map((l) => l.entry).join(', ')} were not found on the second read of the archive (does the stream script write the same archive every time?).`,
      )
  }
  const layers = distinct.map((l) => ({ digest: resolved.get(l.digest)!.digest, size: resolved.get(l.digest)!.size, uploaded: sent.has(l.digest) }))
  return {
    config: { digest: image.config.digest, size: image.config.size, uploaded: !configPresent },
    layers,
    descriptors: image.layers.map((l) => resolved.get(l.digest)!),
  }
}

/**
 * Pushes every image of one container by digest, then one index under every tag. Each step is
 * tried again on its own as `retries` allow, all of them within its one budget.
 */
export async function pushByDigest(
  target: PushTarget,
  images: { image: BuiltImage; loaded?: Pick<LoadedImage, 'imageId'> }[],
  metadata: { tags: string[]; annotations: AnnotationSet; labels: Record<string, string>; compression: Compression },
  log: (m: string) => void,
  retries: RetryOptions = PUSH_RETRIES,
): Promise<BuiltinPush> {
  const { tags, annotations, labels, compression } = metadata
  const client = new RegistryClient(target.registry, target.repository, target.credentials, 'pull,push')
  const name = `${target.registry}/${target.repository}`
  // What the tags about to move already hold, so unchanged layers keep the blobs they were pushed as.
  const blobsByDiffId = compression === 'none' ? new Map<string, OciDescriptor>() : await pushedLayers(client, tags, log)
  const steps = new PushRetries(retries, log)
  const pushed: PushedImage[] = []
  const entries: OciDescriptor[] = []
  for (const { image, loaded } of images) {
    const prepared = await prepare(image, archiveSource(image, loaded), labels)
    const { descriptors, ...blobs } = await sendBlobs(client, prepared, compression, blobsByDiffId, log, steps)
    const manifest = ociManifest({ mediaType: OCI_CONFIG, digest: prepared.config.digest, size: prepared.config.size }, descriptors, annotations.manifest)
    const digest = sha256(manifest)
    await steps.step(`pushing ${name}@${digest}`, () => client.putManifest(digest, OCI_MANIFEST, manifest))
    pushed.push({ system: image.system, platform: image.platform, digest, ...blobs })
    entries.push({ mediaType: OCI_MANIFEST, digest, size: manifest.length, platform: prepared.platform })
    const up = blobs.layers.filter((l) => l.uploaded)
    log(
      `${name}@${digest} (${image.platform}): ${blobs.layers.length} layer(s), ${up.length} uploaded (${up.reduce((n, l) => n + l.size, 0)} bytes), ` +
        `${blobs.layers.length - up.length} already in the registry (${blobs.layers.filter((l) => !l.uploaded).reduce((n, l) => n + l.size, 0)} bytes skipped); config ${blobs.config.uploaded ? 'uploaded' : 'already there'}`,
    )
  }
  const index = ociIndex(entries, annotations.index)
  const indexDigest = sha256(index)
  // The tags move last, all to the same index, once every image it lists is in the registry.
  for (const tag of tags) await steps.step(`tagging ${name}:${tag}`, () => client.putManifest(tag, OCI_INDEX, index))
  return { index: indexDigest, images: pushed, upload: { ...totals(pushed), compression } }
}
