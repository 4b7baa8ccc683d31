// Exact byte counts out of a stream of chunks, for the tar and gzip readers.

/**
 * Reads (and decompresses) in 1 MiB pieces: Node's defaults (64 KiB reads, 16 KiB inflate output)
 * cost a JavaScript callback per piece, which made reading a 1 GiB layer five times slower.
 */
export const CHUNK_BYTES = 1 << 20

/**
 * Chunks that can also be passed over without being made: a gzip file's stored blocks are then
 * not read, and a tar entry inside it passes the skip on.
 */
export interface Skippable {
  /** Passes over up to n bytes; returns how many there were (fewer only at the end). */
  skip(n: number): Promise<number>
}

export type ByteSource = AsyncIterator<Buffer> & Partial<Skippable>

/** A copy of bytes on their way elsewhere (a Tap, or a Readable): its reader may drop it. */
export type ByteCopy = AsyncIterable<Buffer> & Partial<Skippable> & { destroy(): void }

/** Pulls exact byte counts out of a stream of chunks without copying more than it must. */
export class ByteReader {
  private chunks: Buffer[] = []
  private buffered = 0
  private ended = false
  constructor(private readonly source: ByteSource) {}

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

  /** Skips n bytes; returns how many there were (fewer only at the end of the stream). */
  async skip(n: number): Promise<number> {
    let left = n
    while (left > 0 && this.buffered > 0) left -= this.take(this.chunks[0], left).length
    if (left > 0 && !this.ended && this.source.skip) {
      const got = await this.source.skip(left)
      left -= got
      if (left > 0) this.ended = true
    }
    while (left > 0) {
      const got = await this.readUpTo(left)
      if (got.length === 0) break
      left -= got.length
    }
    return n - left
  }

  /** Puts bytes read too far back in front of the rest. */
  unshift(bytes: Buffer): void {
    if (bytes.length === 0) return
    this.chunks.unshift(bytes)
    this.buffered += bytes.length
  }

  /** The next byte without taking it; undefined at the end of the stream. */
  async peekByte(): Promise<number | undefined> {
    while (this.buffered === 0 && (await this.pull()));
    return this.chunks[0]?.[0]
  }
}

/** `length` bytes of a reader as chunks, skippable: a tar entry's body. */
export class Section implements AsyncIterableIterator<Buffer>, Skippable {
  consumed = 0
  private closed = false
  private reading: Promise<unknown> | undefined
  constructor(
    private readonly reader: ByteReader,
    readonly length: number,
    private readonly short: () => Error,
  ) {}

  [Symbol.asyncIterator](): this {
    return this
  }

  async next(): Promise<IteratorResult<Buffer, undefined>> {
    if (this.closed || this.consumed >= this.length) return { done: true, value: undefined }
    const reading = this.reader.readUpTo(this.length - this.consumed)
    this.reading = reading
    const chunk = await reading
    if (chunk.length === 0) throw this.short()
    this.consumed += chunk.length
    return { done: false, value: chunk }
  }

  async skip(n: number): Promise<number> {
    if (this.closed) return 0
    const want = Math.min(n, this.length - this.consumed)
    const got = await this.reader.skip(want)
    this.consumed += got
    if (got < want) throw this.short()
    return got
  }

  /** Ends the section once a read in flight has finished (the reader is then free for the next one). */
  async return(): Promise<IteratorResult<Buffer, undefined>> {
    this.closed = true
    await this.reading?.catch(() => undefined)
    return { done: true, value: undefined }
  }
}

/** The first n bytes of a source, and the whole source again (those bytes included), skippable. */
export async function peek(
  source: AsyncIterable<Buffer> & Partial<Skippable>,
  n: number,
): Promise<{ head: Buffer; stream: AsyncIterableIterator<Buffer> & Skippable }> {
  const it: ByteSource = source[Symbol.asyncIterator]()
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
  const stream = {
    [Symbol.asyncIterator]() {
      return stream
    },
    async next(): Promise<IteratorResult<Buffer, undefined>> {
      if (seen.length) return { done: false, value: seen.shift()! }
      if (done) return { done: true, value: undefined }
      const next = await it.next()
      if (next.done) done = true
      return next.done ? { done: true, value: undefined } : next
    },
    async skip(k: number): Promise<number> {
      let got = 0
      while (got < k && seen.length) {
        const first = seen[0]
        const take = Math.min(k - got, first.length)
        if (take === first.length) seen.shift()
        else seen[0] = first.subarray(take)
        got += take
      }
      if (got < k && !done && it.skip) return got + (await it.skip(k - got))
      while (got < k && !done) {
        const next = await it.next()
        if (next.done) done = true
        else if (next.value.length > k - got) {
          seen.push(next.value.subarray(k - got))
          got = k
        } else got += next.value.length
      }
      return got
    },
  }
  return { head, stream }
}

/** Reads a stream to its end (what a reader left must still pass, e.g. to end a process). */
export async function drain(source: AsyncIterable<Buffer> & Partial<Skippable>): Promise<void> {
  if (source.skip) await source.skip(Number.MAX_SAFE_INTEGER)
  for await (const chunk of source) void chunk
}

/**
 * A copy of the bytes a writer sends elsewhere (a stream image's archive on its way to the daemon),
 * for a reader in this process that wants only some of them (the SBOM scan: tar headers). A skip the
 * reader asks for is counted off the chunks as they are written, in the writer's own call: the bytes
 * passed over, nearly all of an image, cost no promise and no buffer each, where a PassThrough
 * queued every 64 KiB piece for the reader to take.
 */
export class Tap implements AsyncIterableIterator<Buffer>, Skippable {
  private readonly queue: Buffer[] = []
  private queued = 0
  private ended = false
  /** A read waiting for the next chunk (undefined: the end). */
  private reading: ((chunk: Buffer | undefined) => void) | undefined
  /** A skip still passing over bytes as they are written. */
  private skipping: { left: number; got: number; done: (got: number) => void } | undefined
  private waitingForRoom: (() => void) | undefined

  /**
   * `limit`: how many bytes may wait for the reader before the writer is asked to wait. `lent`: the
   * writer reads into its chunks again once `write` returns, so what the reader is handed or what
   * waits for it is copied (what a skip passes over is not).
   */
  constructor(
    private readonly limit = CHUNK_BYTES,
    private readonly lent = false,
  ) {}

  [Symbol.asyncIterator](): this {
    return this
  }

  /** For the writer: false when it should wait for `room()` before the next write. */
  write(chunk: Buffer): boolean {
    if (this.ended) return true
    const skipping = this.skipping
    if (skipping) {
      const drop = Math.min(skipping.left, chunk.length)
      skipping.left -= drop
      skipping.got += drop
      if (skipping.left === 0) this.endSkip()
      if (drop === chunk.length) return true
      chunk = chunk.subarray(drop)
    }
    if (this.lent) chunk = Buffer.from(chunk)
    const reading = this.reading
    if (reading) {
      this.reading = undefined
      reading(chunk)
      return true
    }
    this.queue.push(chunk)
    this.queued += chunk.length
    return this.queued < this.limit
  }

  /** Settles when the reader has taken enough for the writer to go on, or has gone. */
  room(): Promise<void> {
    if (this.queued < this.limit) return Promise.resolve()
    return new Promise((resolve) => (this.waitingForRoom = resolve))
  }

  /** For the writer: no more bytes; a read or skip waiting gets the end. */
  end(): void {
    this.ended = true
    this.endSkip()
    const reading = this.reading
    this.reading = undefined
    reading?.(undefined)
  }

  /** For the reader that gives up: the writer is no longer held back, and what was queued is dropped. */
  destroy(): void {
    this.queue.length = 0
    this.queued = 0
    this.end()
    this.freeRoom()
  }

  next(): Promise<IteratorResult<Buffer, undefined>> {
    const chunk = this.queue.shift()
    if (chunk) {
      this.queued -= chunk.length
      this.freeRoom()
      return Promise.resolve({ done: false, value: chunk })
    }
    if (this.ended) return Promise.resolve({ done: true, value: undefined })
    return new Promise((resolve) => {
      this.reading = (got) => resolve(got ? { done: false, value: got } : { done: true, value: undefined })
    })
  }

  skip(n: number): Promise<number> {
    let got = 0
    while (got < n && this.queue.length > 0) {
      const first = this.queue[0]
      const take = Math.min(n - got, first.length)
      if (take === first.length) this.queue.shift()
      else this.queue[0] = first.subarray(take)
      this.queued -= take
      got += take
    }
    this.freeRoom()
    if (got === n || this.ended) return Promise.resolve(got)
    return new Promise((done) => (this.skipping = { left: n - got, got, done }))
  }

  async return(): Promise<IteratorResult<Buffer, undefined>> {
    this.destroy()
    return { done: true, value: undefined }
  }

  private endSkip(): void {
    const skipping = this.skipping
    this.skipping = undefined
    skipping?.done(skipping.got)
  }

  private freeRoom(): void {
    if (!this.waitingForRoom || this.queued >= this.limit) return
    const resume = this.waitingForRoom
    this.waitingForRoom = undefined
    resume()
  }
}
