// What an image holds, read from its bytes: the top-level store paths in its layers (docker-archive
// // or OCI layout, plain or gzip) or in a nix2container image.json, and the files outside the store.
import { readFile } from 'node:fs/promises'
import type { BuiltImage } from './kind.js'
import { gunzip, isGzip } from './gzip.js'
import { drain, isTarHeader, peek, readTar } from './tar.js'
import type { ByteCopy } from './bytes.js'
import { type ArchiveFile, archiveName, keepsBytes, openArchive, withArchive } from './archive.js'

export interface ImageContents {
  /** Top-level store paths found in the image (/nix/store/<hash>-<name>), sorted. */
  storePaths: string[]
  /** Regular files and links outside /nix/store (undefined when the image format does not say). */
  otherFiles?: number
  layers: number
  /** Layers whose contents are not known here (a nix2container base image's layers). */
  undescribedLayers: number
  /**
   * The archive's own files, for the builtin publisher, which then need not read the archive again
   * to learn its layout (undefined for a nix2container image.json).
   */
  files?: Map<string, ArchiveFile>
}

const STORE_ENTRY = /^(?:\.?\/)*nix\/store\/([0-9a-df-np-sv-z]{32}-[^/]+)/

/** The top-level store path an archive entry belongs to, or undefined: `nix/store/<h>-bash/bin/x` → `/nix/store/<h>-bash`. */
export function storePathOfEntry(name: string): string | undefined {
  const m = STORE_ENTRY.exec(name)
  return m ? `/nix/store/${m[1]}` : undefined
}

/**
 * Reads a docker-archive (or OCI layout) stream once: every entry that is itself a tar, plain or
 * gzip (the layers), is read for the store paths it holds, unless `layers` is false; the archive's
 * files are listed, with the JSON ones (config, manifest.json) kept whole.
 */
export async function scanArchive(source: AsyncIterable<Buffer>, options: { layers?: boolean } = {}): Promise<ImageContents> {
  const storePaths = new Set<string>()
  const files = new Map<string, ArchiveFile>()
  let otherFiles = 0
  let layers = 0
  for await (const { entry, body } of readTar(source)) {
    if (entry.type !== '0' && entry.type !== '7') continue
    const { head, stream } = await peek(body, 512)
    const file: ArchiveFile = { size: entry.size, gzip: isGzip(head) }
    files.set(archiveName(entry.name), file)
    if (!file.gzip && !isTarHeader(head)) {
      if (keepsBytes(entry.size, head)) file.bytes = Buffer.concat(await collect(stream))
      continue
    }
    layers++
    if (options.layers === false) continue
    const inner = file.gzip ? gunzip(stream) : stream
    for await (const item of readTar(inner)) {
      const path = storePathOfEntry(item.entry.name)
      if (path) storePaths.add(path)
      else if (item.entry.type !== '5') otherFiles++
    }
    // A layer's tar ends with padding after its last entry: read it, so the archive stays in step.
    await drain(inner)
  }
  return { storePaths: [...storePaths].sort(), otherFiles, layers, undescribedLayers: 0, files }
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

/**
 * Scans an archive stream and reads it to its end, or drops it when it cannot be parsed: another
 * reader of the same bytes (`docker load`, through the process wrapper's tee) is never held up, and
 * the process writing them (a stream script) is never left blocked.
 */
export async function scanAlongside(archive: ByteCopy, options: { layers?: boolean } = {}): Promise<ImageContents> {
  try {
    const contents = await scanArchive(archive, options)
    await drain(archive)
    return contents
  } catch (e) {
    archive.destroy()
    throw e
  }
}

interface N2cImage {
  layers?: { paths?: { path?: string }[] }[]
}

/** The store paths a nix2container image.json puts in its layers. */
export function nix2containerContents(json: string): ImageContents {
  const image = JSON.parse(json) as N2cImage
  const layers = image.layers ?? []
  const storePaths = new Set<string>()
  for (const layer of layers) {
    for (const p of layer.paths ?? []) {
      const path = p.path ? storePathOfEntry(p.path) : undefined
      if (path) storePaths.add(path)
    }
  }
  return { storePaths: [...storePaths].sort(), layers: layers.length, undescribedLayers: layers.filter((l) => !l.paths?.length).length }
}

/** The archive bytes of an image: the file, decompressed, or what its stream script writes. */
export async function imageContents(image: Pick<BuiltImage, 'kind' | 'storePath'>, options: { layers?: boolean } = {}): Promise<ImageContents> {
  switch (image.kind) {
    case 'nix2container':
      return nix2containerContents(await readFile(image.storePath, 'utf8'))
    case 'archive':
    case 'archive-gz':
    case 'stream':
      return withArchive(openArchive(image), (stream) => scanArchive(stream, options))
  }
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
