// Exact byte counts out of a stream of chunks, for the tar and gzip readers.

/**
 * Reads (and decompresses) in 1 MiB pieces: Node's defaults (64 KiB reads, 16 KiB inflate output)
 * cost a JavaScript callback per piece, which made reading a 1 GiB layer five times slower.
 */
export const CHUNK_BYTES = 1 << 20

/** Pulls exact byte counts out of a stream of chunks without copying more than it must. */
export class ByteReader {
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

  /** Skips n bytes; returns how many there were (fewer only at the end of the stream). */
  async skip(n: number): Promise<number> {
    let left = n
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
