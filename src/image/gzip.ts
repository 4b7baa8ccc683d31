// gzip, inflated without its CRC: computing the CRC was a quarter of the time it took to read a
// .tar.gz image (1 GiB: 0.27 of 1.0 s), and the bytes read here are checked where they go: the daemon
// checks the CRC of the copy it loads, and the builtin publisher hashes each layer against the
// config's diff_ids, which the registry checks again. What is checked here is the framing and each
// member's length (ISIZE), so a truncated or damaged archive still fails here rather than parses short.
import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs'
import { Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { createInflateRaw } from 'node:zlib'
import { ByteReader, CHUNK_BYTES, type Skippable } from './bytes.js'
import { GzipError } from './gzip-error.js'
import { FileInput, Inflate } from './inflate.js'

export { GzipError }

const FHCRC = 2
const FEXTRA = 4
const FNAME = 8
const FCOMMENT = 16

export function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b
}

/**
 * The length of the member header at the start of `bytes` (RFC 1952: the fixed 10 bytes and the
 * optional fields its flags name), or -1 when more bytes are needed to tell.
 */
export function gzipHeaderLength(bytes: Buffer, first: boolean): number {
  if (bytes.length < 10) return -1
  if (!isGzip(bytes)) throw new GzipError(first ? 'not a gzip stream (its first bytes are not 1f 8b)' : 'data after a gzip member is not another member')
  if (bytes[2] !== 8) throw new GzipError(`unknown gzip compression method ${bytes[2]} (only deflate, 8, exists)`)
  const flags = bytes[3]
  let at = 10
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return -1
    at += 2 + bytes.readUInt16LE(at)
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue
    const zero = bytes.indexOf(0, at)
    if (zero === -1) return -1
    at = zero + 1
  }
  if (flags & FHCRC) at += 2
  return at <= bytes.length ? at : -1
}

/** Why a header could not be read to its end. */
function shortHeader(length: number, first: boolean): GzipError {
  if (length >= 10) return new GzipError('the gzip stream ends inside its header')
  return new GzipError(first ? 'not a gzip stream (its first bytes are not 1f 8b)' : 'data after a gzip member is not another member')
}

/** A member's trailer: its length (mod 2^32) must be what was inflated. */
function checkTrailer(trailer: Buffer, size: number): void {
  if (trailer.length < 8) throw new GzipError('the gzip stream ends inside a member trailer')
  if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw new GzipError('the gzip stream is corrupt (a member is not as long as its trailer says)')
}

/** Reads one member's header. False at the end of the input; a first member must be there. */
export async function skipGzipHeader(input: ByteReader, first: boolean): Promise<boolean> {
  let head = await input.read(10)
  if (head.length === 0 && !first) return false
  for (;;) {
    const length = gzipHeaderLength(head, first)
    if (length >= 0) {
      input.unshift(head.subarray(length))
      return true
    }
    const more = await input.readUpTo(CHUNK_BYTES)
    if (more.length === 0) {
      throw shortHeader(head.length, first)
    }
    head = Buffer.concat([head, more])
  }
}

/** A gzip stream (one member or several, as `cat a.gz b.gz` makes), inflated as it is read. */
export function gunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  return gunzipFrom(new ByteReader(source[Symbol.asyncIterator]()))
}

/** Where a member is taken up inside its deflate data: the output before it, and its window. */
interface Resume {
  before: number
  window: Buffer
}

async function* gunzipFrom(input: ByteReader, resume?: Resume): AsyncGenerator<Buffer> {
  for (let first = true; resume || (await skipGzipHeader(input, first)); first = false) {
    const size = (resume?.before ?? 0) + (yield* inflateMember(input, resume?.window))
    resume = undefined
    checkTrailer(await input.read(8), size)
    // gzip(1) too ignores zeros after the last member (what a tape block pads with).
    const next = await input.peekByte()
    if (next === 0 || next === undefined) return
  }
}

/**
 * One member's deflate data, inflated; returns its length. The inflater ends by itself at the
 * member's last block, having been given input past it: what it did not use goes back to `input`.
 */
async function* inflateMember(input: ByteReader, window?: Buffer): AsyncGenerator<Buffer, number> {
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES, ...(window?.length ? { dictionary: window } : {}) })
  // What was handed to the inflater and may not all be used yet; `start` is where pulled[0] begins.
  const pulled: Buffer[] = []
  let start = 0
  let reading: Promise<Buffer> | undefined
  let ended = false
  async function* deflated(): AsyncGenerator<Buffer> {
    while (!ended) {
      while (pulled.length > 0 && start + pulled[0].length <= inflater.bytesWritten) start += pulled.shift()!.length
      reading = input.readUpTo(CHUNK_BYTES)
      const chunk = await reading
      if (chunk.length === 0) return
      pulled.push(chunk)
      yield chunk
    }
  }
  const feeder = Readable.from(deflated(), { objectMode: false })
  feeder.on('error', (e) => inflater.destroy(e))
  feeder.pipe(inflater)
  let size = 0
  try {
    for await (const chunk of inflater) {
      size += (chunk as Buffer).length
      yield chunk as Buffer
    }
  } catch (e) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR at a cut) are about the bytes; a failed read is not.
    const code = (e as { code?: unknown }).code
    throw typeof code === 'string' && code.startsWith('Z_') ? new GzipError(`the gzip stream is corrupt: ${(e as Error).message}`) : e
  } finally {
    ended = true
    // Destroying a stream whose writable side is still open reports an abort nobody waits for.
    inflater.on('error', () => undefined)
    feeder.unpipe(inflater)
    // A read in flight finishes before anyone else reads the input.
    await reading?.catch(() => undefined)
    feeder.destroy()
  }
  const used = inflater.bytesWritten - start
  const rest = Buffer.concat(pulled).subarray(used)
  input.unshift(rest)
  return size
}

/**
 * JavaScript-decoded Huffman output (since the last long stored run) after which zlib takes a
 * member over: past it the member is compressible data, which zlib inflates faster.
 */
export const HUFFMAN_LIMIT = 4 * 1024 * 1024
/** Work done between two turns of the event loop (the decoder reads the file synchronously). */
const TURN = 16 * 1024 * 1024

export type GzipFile = AsyncIterableIterator<Buffer> & Skippable & { return(): Promise<IteratorResult<Buffer, undefined>> }

/**
 * A .tar.gz file inflated as it is read, whose `skip` passes over stored blocks without reading
 * them (see inflate.ts); a member that turns out to be compressible is handed to zlib where the
 * decoder last stood on a byte boundary, with the window it had there.
 */
export function gunzipFile(path: string, { huffmanLimit = HUFFMAN_LIMIT } = {}): GzipFile {
  let fd: number | undefined
  let input: FileInput | undefined
  let inflate: Inflate | undefined
  let first = true
  let ended = false
  let zlib: { reader: ByteReader; close: () => void } | undefined
  let sinceTurn = 0
  const done = (): IteratorResult<Buffer, undefined> => ({ done: true, value: undefined })

  function closeFile(): void {
    if (fd !== undefined) closeSync(fd)
    fd = undefined
  }

  function opened(): FileInput {
    if (!input) {
      fd = openSync(path, 'r')
      input = new FileInput(fd, fstatSync(fd).size)
    }
    return input
  }

  /** Starts the member at the input's offset; false at the end of the file or at zeros after the last member. */
  function nextMember(file: FileInput): boolean {
    const at = file.offset
    if (!first) {
      const next = file.byte()
      if (next <= 0) return false
      file.seek(at)
    }
    for (let want = 64; ; want *= 4) {
      const head = Buffer.alloc(Math.min(want, file.size - at))
      file.seek(at)
      const length = gzipHeaderLength(head.subarray(0, file.copy(head, 0, head.length)), first)
      if (length >= 0) {
        file.seek(at + length)
        break
      }
      if (at + want >= file.size) throw shortHeader(head.length, first)
    }
    first = false
    inflate = new Inflate(file)
    return true
  }

  function endMember(file: FileInput, member: Inflate): void {
    const trailer = Buffer.alloc(8)
    checkTrailer(trailer.subarray(0, file.copy(trailer, 0, 8)), member.total)
    inflate = undefined
  }

  /** The decoder, or undefined once the file has ended or zlib has it. */
  async function current(): Promise<{ file: FileInput; member: Inflate } | undefined> {
    if (zlib || ended) return undefined
    const file = opened()
    if (!inflate && !nextMember(file)) {
      ended = true
      closeFile()
      return undefined
    }
    const member = inflate!
    if (member.huffmanRun <= huffmanLimit) return { file, member }
    // zlib goes on from the resume point and makes again what was made since, less what was returned.
    const { offset, total, window } = member.resume
    const stream = createReadStream(path, { start: offset, highWaterMark: CHUNK_BYTES })
    const inflated = gunzipFrom(new ByteReader(stream[Symbol.asyncIterator]()), { before: total, window })
    zlib = { reader: new ByteReader(inflated), close: () => void inflated.return(undefined).finally(() => stream.destroy()) }
    inflate = undefined
    closeFile()
    await zlib.reader.skip(member.total - member.buffered - total)
    return undefined
  }

  async function turn(bytes: number): Promise<void> {
    sinceTurn += bytes
    if (sinceTurn < TURN) return
    sinceTurn = 0
    await nextTurn()
  }

  const source: GzipFile = {
    [Symbol.asyncIterator]() {
      return source
    },
    async next() {
      for (;;) {
        const at = await current()
        if (!at) {
          if (!zlib) return done()
          const chunk = await zlib.reader.readUpTo(CHUNK_BYTES)
          return chunk.length ? { done: false, value: chunk } : done()
        }
        const out = at.member.read(CHUNK_BYTES)
        if (at.member.done) endMember(at.file, at.member)
        if (out.length) {
          await turn(out.length)
          return { done: false, value: out }
        }
      }
    },
    async skip(n) {
      let skipped = 0
      while (skipped < n) {
        const at = await current()
        if (!at) return zlib ? skipped + (await zlib.reader.skip(n - skipped)) : skipped
        const k = at.member.skip(Math.min(n - skipped, TURN))
        skipped += k
        if (at.member.done) endMember(at.file, at.member)
        await turn(k)
      }
      return skipped
    },
    async return() {
      ended = true
      zlib?.close()
      closeFile()
      return done()
    },
  }
  return source
}
