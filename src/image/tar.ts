// A small streaming tar reader: image archives are read once, front to back, whatever their size,
// and a layer inside an archive is read from the archive's own stream (never unpacked to disk).
// It knows what image tools write: ustar (with its name prefix), GNU long names and pax headers.
import { Readable, type Transform } from 'node:stream'
import { ByteReader, type ByteSource, Section } from './bytes.js'

export { drain, peek } from './bytes.js'

export interface TarEntry {
  /** The path as stored (long names applied), e.g. `nix/store/…-bash-5.2/bin/bash`. */
  name: string
  /** The type flag: '0' file, '1' hard link, '2' symlink, '5' directory, … */
  type: string
  size: number
  linkname: string
}

export interface TarItem {
  entry: TarEntry
  /** The entry's bytes. Read them or not before asking for the next item: what is left is skipped. */
  body: Section
}

export class TarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarError'
  }
}

const BLOCK = 512

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8')
}

/** Octal, or GNU's base-256 for sizes of 8 GiB and more. */
function numeric(header: Buffer, start: number, length: number): number {
  const raw = header.subarray(start, start + length)
  if (raw[0] & 0x80) {
    let value = raw[0] & 0x7f
    for (const byte of raw.subarray(1)) value = value * 256 + byte
    return value
  }
  const text = field(header, start, length).trim()
  return text ? parseInt(text, 8) : 0
}

/** True when the 512 bytes are a tar header whose checksum is right. */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < BLOCK) return false
  const stored = numeric(block, 148, 8)
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]
  return sum === stored && block.some((b) => b !== 0)
}

/** `len key=value\n` records of a pax extended header. */
export function parsePax(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  let rest = Buffer.from(text, 'utf8')
  while (rest.length > 0) {
    const space = rest.indexOf(0x20)
    const length = parseInt(rest.subarray(0, space).toString(), 10)
    // A record that does not end where its length says is malformed: stop rather than guess.
    if (space === -1 || !(length > space) || length > rest.length || rest[length - 1] !== 0x0a) break
    const record = rest.subarray(space + 1, length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    rest = rest.subarray(length)
  }
  return out
}

/** The entries of a tar stream, one at a time. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarItem> {
  const reader = new ByteReader(source[Symbol.asyncIterator]() as ByteSource)
  let longName: string | undefined
  let longLink: string | undefined
  let pax: Record<string, string> = {}
  for (;;) {
    const header = await reader.read(BLOCK)
    if (header.length === 0) return
    if (header.length < BLOCK) throw new TarError('the archive ends inside a header')
    if (header.every((b) => b === 0)) return
    if (!isTarHeader(header)) throw new TarError('not a tar archive (a header checksum is wrong)')
    const type = String.fromCharCode(header[156] || 0x30)
    let size = numeric(header, 124, 12)
    const padded = Math.ceil(size / BLOCK) * BLOCK
    if (type === 'L' || type === 'K' || type === 'x' || type === 'g') {
      const data = (await reader.read(padded)).subarray(0, size).toString('utf8')
      if (type === 'L') longName = data.replace(/\0+$/, '')
      else if (type === 'K') longLink = data.replace(/\0+$/, '')
      else if (type === 'x') pax = parsePax(data)
      continue
    }
    // POSIX ustar splits long names into prefix/name; GNU tar's "ustar  " header has no prefix there.
    const posix = field(header, 257, 6) === 'ustar'
    const prefix = posix ? field(header, 345, 155) : ''
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    const linkname = pax.linkpath ?? longLink ?? field(header, 157, 100)
    if (pax.size) size = Number(pax.size)
    longName = longLink = undefined
    pax = {}
    const dataSize = type === '5' || type === '1' || type === '2' ? 0 : size
    const body = new Section(reader, dataSize, () => new TarError(`the archive ends inside ${name}`))
    yield { entry: { name, type, size: dataSize, linkname }, body }
    // Waits for a read the consumer may still have in flight, then skips what it left.
    await body.return()
    const pad = Math.ceil(dataSize / BLOCK) * BLOCK - body.consumed
    if ((await reader.skip(pad)) < pad) throw new TarError(`the archive ends inside ${name}`)
  }
}

/** A stream's bytes through a transform (a zlib stream), a failure of the source ending it too. */
export function through(source: AsyncIterable<Buffer>, transform: Transform): AsyncIterable<Buffer> {
  const input = Readable.from(source, { objectMode: false })
  input.on('error', (e) => transform.destroy(e))
  return input.pipe(transform)
}
