// gzip, inflated without its CRC: computing the CRC was a quarter of the time it took to read a
// .tar.gz image (1 GiB: 0.27 of 1.0 s), and the bytes read here are checked where they go: the daemon
// checks the CRC of the copy it loads, and the builtin publisher hashes each layer against the
// config's diff_ids, which the registry checks again. What is checked here is the framing and each
// member's length (ISIZE), so a truncated or damaged archive still fails here rather than parses short.
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import { ByteReader, CHUNK_BYTES } from './bytes.js'

export class GzipError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GzipError'
  }
}

const FHCRC = 2
const FEXTRA = 4
const FNAME = 8
const FCOMMENT = 16

export function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b
}

/**
 * Reads one member's header (RFC 1952: the fixed 10 bytes and the optional fields its flags name).
 * False at the end of the input; a first member must be there.
 */
export async function skipGzipHeader(input: ByteReader, first: boolean): Promise<boolean> {
  const head = await input.read(10)
  if (head.length === 0 && !first) return false
  if (head.length < 10 || !isGzip(head))
    throw new GzipError(first ? 'not a gzip stream (its first bytes are not 1f 8b)' : 'data after a gzip member is not another member')
  if (head[2] !== 8) throw new GzipError(`unknown gzip compression method ${head[2]} (only deflate, 8, exists)`)
  const flags = head[3]
  if (flags & FEXTRA) {
    const length = await input.read(2)
    if (length.length < 2) throw new GzipError('the gzip stream ends inside its header')
    await skipOrFail(input, length.readUInt16LE(0))
  }
  if (flags & FNAME) await skipZeroTerminated(input)
  if (flags & FCOMMENT) await skipZeroTerminated(input)
  if (flags & FHCRC) await skipOrFail(input, 2)
  return true
}

async function skipOrFail(input: ByteReader, n: number): Promise<void> {
  await input.skip(n).catch(() => {
    throw new GzipError('the gzip stream ends inside its header')
  })
}

async function skipZeroTerminated(input: ByteReader): Promise<void> {
  for (;;) {
    const chunk = await input.readUpTo(CHUNK_BYTES)
    if (chunk.length === 0) throw new GzipError('the gzip stream ends inside its header')
    const zero = chunk.indexOf(0)
    if (zero !== -1) return input.unshift(chunk.subarray(zero + 1))
  }
}

/** A gzip stream (one member or several, as `cat a.gz b.gz` makes), inflated as it is read. */
export async function* gunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new ByteReader(source[Symbol.asyncIterator]())
  for (let first = true; await skipGzipHeader(input, first); first = false) {
    const size = yield* inflateMember(input)
    const trailer = await input.read(8)
    if (trailer.length < 8) throw new GzipError('the gzip stream ends inside a member trailer')
    if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw new GzipError('the gzip stream is corrupt (a member is not as long as its trailer says)')
    // gzip(1) too ignores zeros after the last member (what a tape block pads with).
    const next = await input.peekByte()
    if (next === 0 || next === undefined) return
  }
}

/**
 * One member's deflate data, inflated; returns its length. The inflater ends by itself at the
 * member's last block, having been given input past it: what it did not use goes back to `input`.
 */
async function* inflateMember(input: ByteReader): AsyncGenerator<Buffer, number> {
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES })
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
