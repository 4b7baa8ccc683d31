// A small streaming tar reader: image archives are read once, front to back, whatever their size,
// and a layer inside an archive is read from the archive's own stream (never unpacked to disk).
// It knows what image tools write: ustar (with its name prefix), GNU long names and pax headers.
import { Readable, type Transform } from 'node:stream'
import { createGunzip } from 'node:zlib'

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
  body: AsyncGenerator<Buffer>
}

export class TarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarError'
  }
}

const BLOCK = 512

/** Pulls exact byte counts out of a stream of chunks without copying more than it must. */
class ByteReader {
  private chunks: Buffer[] = []
  private buffered = 0
  private ended = false
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async pull(): Promise<boolean> {
    if (this.ended) return false
    const next = await this.source.next()
    if (next.done) {
      this.ended = true
      return false
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
    if (chunk.length > 0) {
      this.chunks.push(chunk)
      this.buffered += chunk.length
    }
    return true
  }

  /** Exactly n bytes, or fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.pull()));
    // Only the bytes asked for are copied, and none when the first chunk holds them: a header read
    // that copied the whole buffer made a layer of small files cost a megabyte per 512 bytes.
    const first = this.chunks[0]
    if (first && first.length >= n) return this.take(first, n)
    const parts: Buffer[] = []
    let want = Math.min(n, this.buffered)
    while (want > 0) {
      const part = this.take(this.chunks[0], want)
      parts.push(part)
      want -= part.length
    }
    return Buffer.concat(parts)
  }

  /** Up to n bytes of the first chunk, removed from the buffer. */
  private take(first: Buffer, n: number): Buffer {
    const out = first.subarray(0, Math.min(n, first.length))
    if (out.length === first.length) this.chunks.shift()
    else this.chunks[0] = first.subarray(out.length)
    this.buffered -= out.length
    return out
  }

  /** Up to n bytes: whatever is buffered, or the next chunk; empty only at the end of the stream. */
  async readUpTo(n: number): Promise<Buffer> {
    if (this.buffered === 0 && !(await this.pull())) return Buffer.alloc(0)
    if (this.buffered === 0) return this.readUpTo(n)
    return this.take(this.chunks[0], n)
  }

  async skip(n: number): Promise<void> {
    let left = n
    while (left > 0) {
      const got = await this.readUpTo(left)
      if (got.length === 0) throw new TarError(`the archive ends ${left} bytes early`)
      left -= got.length
    }
  }
}

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
  const reader = new ByteReader(source[Symbol.asyncIterator]())
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
    let consumed = 0
    const body = (async function* () {
      while (consumed < dataSize) {
        const chunk = await reader.readUpTo(dataSize - consumed)
        if (chunk.length === 0) throw new TarError(`the archive ends inside ${name}`)
        consumed += chunk.length
        yield chunk
      }
    })()
    yield { entry: { name, type, size: dataSize, linkname }, body }
    // Waits for a read the consumer may still have in flight, then skips what it left.
    await body.return(undefined)
    await reader.skip(Math.ceil(dataSize / BLOCK) * BLOCK - consumed)
  }
}

/** The first n bytes of a stream, and the whole stream again (those bytes included). */
export async function peek(source: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]()
  const seen: Buffer[] = []
  let length = 0
  let done = false
  while (length < n) {
    const next = await it.next()
    if (next.done) {
      done = true
      break
    }
    seen.push(next.value)
    length += next.value.length
  }
  const head = Buffer.concat(seen).subarray(0, n)
  async function* again(): AsyncGenerator<Buffer> {
    yield* seen
    if (done) return
    for (;;) {
      const next = await it.next()
      if (next.done) return
      yield next.value
    }
  }
  return { head, stream: again() }
}

export function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b
}

/** A gzip stream, decompressed as it is read. */
/**
 * Reads (and decompresses) in 1 MiB pieces: Node's defaults (64 KiB reads, 16 KiB inflate output)
 * cost a JavaScript callback per piece, which made reading a 1 GiB layer five times slower.
 */
export const CHUNK_BYTES = 1 << 20

export function gunzip(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  return through(source, createGunzip({ chunkSize: CHUNK_BYTES }))
}

/** A stream's bytes through a transform (a zlib stream), a failure of the source ending it too. */
export function through(source: AsyncIterable<Buffer>, transform: Transform): AsyncIterable<Buffer> {
  const input = Readable.from(source, { objectMode: false })
  input.on('error', (e) => transform.destroy(e))
  return input.pipe(transform)
}

/** Reads a stream to its end (what a reader left must still pass, e.g. to end a process). */
export async function drain(source: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of source) void chunk
}
