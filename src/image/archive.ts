// The docker-archive bytes of a built image, opened by its kind: the file (decompressed when it is a
// .tar.gz) or what its stream script writes. One reader for every consumer (SBOM, the builtin publisher).
import { createReadStream } from 'node:fs'
import { streamStdout } from '../exec.js'
import type { BuiltImage } from './kind.js'
import { CHUNK_BYTES } from './bytes.js'
import { gunzipFile } from './gzip.js'
import { drain } from './tar.js'

/** One read of an image archive; `close` ends it, and when the read was completed checks the writer succeeded. */
export interface ArchiveRead {
  stream: AsyncIterable<Buffer>
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
      await drain(proc.stdout)
      await proc.done
    },
  }
}

export function openArchive(image: Pick<BuiltImage, 'kind' | 'storePath'>): ArchiveRead {
  switch (image.kind) {
    case 'archive': {
      const file = createReadStream(image.storePath, { highWaterMark: CHUNK_BYTES })
      return { stream: file, close: async () => void file.destroy() }
    }
    case 'archive-gz': {
      const file = gunzipFile(image.storePath)
      return { stream: file, close: async () => void (await file.return()) }
    }
    case 'stream':
      return processArchive(image.storePath, [])
    case 'nix2container':
      throw new Error(`${image.storePath} is a nix2container image.json, not an archive: its layers exist only when nix2container copies them.`)
  }
}

/** Reads an image's archive with `read`, always closing it: completed when `read` returned. */
export async function withArchive<T>(archive: ArchiveRead, read: (stream: AsyncIterable<Buffer>) => Promise<T>): Promise<T> {
  let result: T
  try {
    result = await read(archive.stream)
  } catch (e) {
    await archive.close(false)
    throw e
  }
  await archive.close(true)
  return result
}

/** A file at the top of an image archive (a layer, the config, manifest.json): what a publisher needs of it. */
export interface ArchiveFile {
  /** Known when the file was hashed; a layer's digest otherwise comes from its config or its blob name. */
  digest?: string
  size: number
  gzip: boolean
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
