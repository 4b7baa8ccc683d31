// The docker-archive bytes of a built image, for the few readers that need them (the builtin
// publisher, and the SBOM when Nix does not describe the image): the file, inflated by Node's zlib
// when it is a .tar.gz (so a damaged file fails its CRC check), or what its stream script writes.
// Tar is read by tar-stream.
import { createReadStream } from 'node:fs'
import { createHash } from 'node:crypto'
import { Readable, pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import * as tar from 'tar-stream'
import { streamStdout } from '../exec.js'
import { messageOf } from '../errors.js'
import { isGzip } from './kind.js'
import { type BuiltImage } from '../model.js'
/** One read of an image archive; `close` ends it, and when the read was completed checks the writer succeeded. */
export interface ArchiveRead {
  stream: Readable
  close: (completed: boolean) => Promise<void>
}

/** The archive a program writes to stdout (a stream script, `docker save`). */
export function processArchive(cmd: string, args: readonly string[]): ArchiveRead {
  const proc = streamStdout({ cmd, args }, { echo: false })
  return {
    stream: proc.stdout,
    close: async (completed) => {
      if (!completed) {
        proc.kill()
        await proc.done.catch(() => undefined)
        return
      }
      proc.stdout.resume()
      await proc.done
    },
  }
}

/** A file, inflated on the way when it is gzip. */
function fileArchive(path: string, gzip: boolean): ArchiveRead {
  const file = createReadStream(path, { highWaterMark: 1 << 20 })
  if (!gzip) return { stream: file, close: async () => void file.destroy() }
  const inflate = pipeline(file, createGunzip(), () => undefined)
  return {
    stream: inflate,
    close: async () => {
      file.destroy()
      inflate.destroy()
    },
  }
}

export function openArchive(image: Pick<BuiltImage, 'kind' | 'storePath'>): ArchiveRead {
  switch (image.kind) {
    case 'archive':
    case 'archive-gz':
      return fileArchive(image.storePath, image.kind === 'archive-gz')
    case 'stream':
      return processArchive(image.storePath, [])
    case 'nix2container':
      throw new Error(`${image.storePath} is a nix2container image.json, not an archive: its layers exist only when nix2container copies them.`)
  }
}

/** Errors met reading an archive (zlib's, tar-stream's), told apart from those of whoever reads it. */
const readErrors = new WeakSet<object>()
const markRead = (e: unknown) => {
  if (e && typeof e === 'object') readErrors.add(e)
}

/**
 * Reads an image's archive with `read`, always closing it. A stream that cannot be read whole (a
 * damaged gzip member, a truncated tar) fails with the image named, so nothing read from it is used.
 */
export async function withArchive<T>(archive: ArchiveRead, where: string, read: (stream: Readable) => Promise<T>): Promise<T> {
  archive.stream.once('error', markRead)
  let result: T
  try {
    result = await read(archive.stream)
  } catch (e) {
    await archive.close(false)
    if (!readErrors.has(e as object)) throw e
    throw new Error(
      `Reading the image archive of ${where} failed: ${messageOf(e)}. The archive is damaged or cut short: repair it (nix store repair <path>) or rebuild it (nix build --rebuild); nothing was pushed from it.`,
      { cause: e },
    )
  }
  await archive.close(true)
  return result
}

export interface TarEntry {
  /** The path as stored, e.g. `nix/store/…-bash-5.2/bin/bash`. */
  name: string
  type: string
  size: number
  /** The entry's bytes; what the reader leaves unread is skipped. */
  body: Readable
}

/** The entries of a tar stream, in order. A source that fails fails the iteration. */
export async function* tarEntries(source: Readable | AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const input = source instanceof Readable ? source : Readable.from(source)
  const extract = tar.extract()
  extract.on('error', markRead)
  input.once('error', (e) => {
    markRead(e)
    extract.destroy(e)
  })
  input.pipe(extract)
  try {
    for await (const entry of extract) {
      const body = entry as unknown as Readable
      yield { name: entry.header.name, type: entry.header.type ?? 'file', size: entry.header.size ?? 0, body }
      body.resume()
    }
  } finally {
    input.unpipe(extract)
    extract.destroy()
  }
}

/**
 * A tar entry's bytes, lent to a reader that may stop early (an upload that failed): what it leaves
 * is skipped by tarEntries, and the archive read goes on. Ending an iteration over the entry itself
 * would destroy the entry, and tar-stream destroys its extractor with it: the read would stall.
 */
export async function* lent(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = body[Symbol.asyncIterator]()
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value
}

/** The first `bytes` of a stream, and the whole stream again (those bytes first). */
export async function peek(body: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = body[Symbol.asyncIterator]()
  const taken: Buffer[] = []
  let length = 0
  let done = false
  while (length < bytes) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    taken.push(next.value)
    length += next.value.length
  }
  async function* again(): AsyncGenerator<Buffer> {
    yield* taken
    if (done) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { head: Buffer.concat(taken).subarray(0, bytes), stream: again() }
}

/** A tar stream starts with a ustar header (what every image tool writes). */
export function isTar(head: Buffer): boolean {
  return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar'
}

/** A file at the top of an image archive (a layer, the config, manifest.json): what a publisher needs of it. */
export interface ArchiveFile {
  /** Known when the file was hashed; a layer's digest otherwise comes from its config or its blob name. */
  digest?: string
  size: number
  gzip: boolean
  /** Whether it is itself a tar (a layer), plain or gzip. */
  layer: boolean
  /** The bytes of a small JSON file (manifest.json, the config, an OCI index or manifest). */
  bytes?: Buffer
}

/** JSON files up to this size are kept in memory (manifest.json, the config); layers are not. */
const KEEP = 4 * 1024 * 1024

/** Whether an archive file is kept whole: only what looks like JSON, however small a layer is. */
export function keepsBytes(size: number, head: Buffer): boolean {
  return size <= KEEP && /^\s*[[{]/.test(head.subarray(0, 16).toString('latin1'))
}

/** An archive entry's name as manifest.json and index.json spell it (no leading ./). */
export function archiveName(name: string): string {
  return name.replace(/^\.\//, '')
}

/**
 * The files at the top of an archive: size, whether each is a layer and gzip, the small JSON ones
 * kept whole; with `hash`, every file's digest too (a read of every byte). `onLayer` may read a
 * layer's bytes itself (the SBOM's fallback); whatever it leaves is skipped.
 */
export async function listFiles(
  stream: Readable,
  options: { hash?: boolean; onLayer?: (body: AsyncIterable<Buffer>, gzip: boolean) => Promise<void> } = {},
): Promise<Map<string, ArchiveFile>> {
  const files = new Map<string, ArchiveFile>()
  for await (const entry of tarEntries(stream)) {
    if (entry.type !== 'file' && entry.type !== 'contiguous-file') continue
    const hash = options.hash ? createHash('sha256') : undefined
    const { head, stream: body } = await peek(entry.body, 512)
    const gzip = isGzip(head)
    const file: ArchiveFile = { size: entry.size, gzip, layer: gzip || isTar(head) }
    files.set(archiveName(entry.name), file)
    const keep = !file.layer && keepsBytes(entry.size, head)
    const kept: Buffer[] = []
    async function* seen(): AsyncGenerator<Buffer> {
      for await (const chunk of body) {
        hash?.update(chunk)
        if (keep) kept.push(chunk)
        yield chunk
      }
    }
    const bytes = seen()
    if (file.layer && options.onLayer) await options.onLayer(bytes, gzip)
    // What the layer reader left (a tar's end padding), or the whole file.
    for await (const chunk of bytes) void chunk
    if (hash) file.digest = `sha256:${hash.digest('hex')}`
    if (keep) file.bytes = Buffer.concat(kept)
  }
  return files
}

export interface ImageLayout {
  config: Buffer
  /** The config's archive entry name. */
  configEntry: string
  /** Archive entry names of the layers, in order. */
  layers: string[]
}

/**
 * Where config and layers are in an archive: `docker save` layout (manifest.json, what dockerTools
 * and Docker 20–24 write) or OCI layout (index.json, what Docker 25+ writes).
 */
export function archiveLayout(files: Map<string, ArchiveFile>, where: string): ImageLayout {
  const text = (name: string): string => {
    const file = files.get(archiveName(name))
    if (!file?.bytes) throw new Error(`${where}: the archive has no ${name}, or it is too large to be one.`)
    return file.bytes.toString('utf8')
  }
  if (files.has('manifest.json')) {
    const manifest = JSON.parse(text('manifest.json')) as { Config: string; Layers: string[] }[]
    if (manifest.length !== 1) throw new Error(`${where}: the archive holds ${manifest.length} images; an image file must hold exactly one.`)
    const configEntry = archiveName(manifest[0].Config)
    return { config: Buffer.from(text(configEntry)), configEntry, layers: manifest[0].Layers }
  }
  if (files.has('index.json')) {
    const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`
    const index = JSON.parse(text('index.json')) as { manifests: { digest: string }[] }
    if (index.manifests?.length !== 1)
      throw new Error(`${where}: the OCI layout lists ${index.manifests?.length ?? 0} images; an image file must hold exactly one.`)
    const manifest = JSON.parse(text(blob(index.manifests[0].digest))) as { config: { digest: string }; layers: { digest: string }[] }
    const configEntry = blob(manifest.config.digest)
    return { config: Buffer.from(text(configEntry)), configEntry, layers: manifest.layers.map((l) => blob(l.digest)) }
  }
  throw new Error(`${where}: neither manifest.json (docker save) nor index.json (OCI layout) is in the archive.`)
}

/** The config JSON of a docker archive or OCI layout, and its entry name. */
export async function archiveConfig(image: Pick<BuiltImage, 'kind' | 'storePath' | 'installable'>): Promise<{ name: string; json: string }> {
  const where = `${image.installable} (${image.storePath})`
  const layout = archiveLayout(await withArchive(openArchive(image), where, (stream) => listFiles(stream)), where)
  return { name: layout.configEntry, json: layout.config.toString('utf8') }
}
