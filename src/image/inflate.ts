// Deflate (RFC 1951) decoded here, in JavaScript, for one thing zlib cannot do: pass over stored
// blocks without reading them. A layer of incompressible bytes (already compressed files, random
// data) deflates to stored blocks, each a 5-byte header and its bytes as they are; the SBOM scan
// wants only the tar headers between them, so skipping a 1 GiB file costs a seek per 16 KiB block
// instead of inflating a GiB beside the daemon's own inflate of it. Huffman blocks are decoded
// here too (a block's end is known only by decoding it), which is slower than zlib: the gzip reader
// hands a member to zlib once this decoder has spent long enough on Huffman blocks (`huffmanRun`).
import { readSync } from 'node:fs'
import { GzipError } from './gzip-error.js'

/** Deflate's window: a match reaches back at most this far. */
export const WINDOW = 32768
const MAX_MATCH = 258
/** Output decoded per call at most; the history holds it after the window. */
const OUTPUT = 1 << 20

/**
 * Bytes of a file read through a buffer, with seeks that cost nothing until the next read. The
 * buffer and its cursor are public for the decoder's fast loop, which takes bytes from it directly.
 */
export class FileInput {
  readonly buf = Buffer.allocUnsafe(256 * 1024)
  private start = 0
  /** Bytes in `buf`, and the next one to take. */
  len = 0
  pos = 0
  /** A read right after a seek is small: what follows a skipped block is often only its successor's header. */
  private small = false
  /** Bytes read from the file so far. */
  bytesRead = 0
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  get offset(): number {
    return this.start + this.pos
  }

  seek(offset: number): void {
    if (offset >= this.start && offset <= this.start + this.len) this.pos = offset - this.start
    else {
      this.start = offset
      this.len = this.pos = 0
      this.small = true
    }
  }

  private fill(): boolean {
    this.start += this.len
    this.pos = 0
    const want = this.small ? 16 : this.buf.length
    this.small = false
    this.len = this.start >= this.size ? 0 : readSync(this.fd, this.buf, 0, want, this.start)
    this.bytesRead += this.len
    return this.len > 0
  }

  /** The next byte, or -1 at the end of the file. */
  byte(): number {
    if (this.pos === this.len && !this.fill()) return -1
    return this.buf[this.pos++]
  }

  /** Copies up to n bytes into target at `at`; fewer only at the end of the file. */
  copy(target: Buffer, at: number, n: number): number {
    let done = 0
    while (done < n) {
      if (this.pos === this.len) {
        // A large copy goes straight from the file into the target.
        if (n - done >= this.buf.length) {
          const got = this.start + this.len >= this.size ? 0 : readSync(this.fd, target, at + done, n - done, this.start + this.len)
          if (got === 0) break
          this.bytesRead += got
          this.start += this.len + got
          this.len = this.pos = 0
          done += got
          continue
        }
        if (!this.fill()) break
      }
      const k = Math.min(n - done, this.len - this.pos)
      this.buf.copy(target, at + done, this.pos, this.pos + k)
      this.pos += k
      done += k
    }
    return done
  }
}

// ---- Huffman codes -----------------------------------------------------------------------------

/**
 * A decoding table in two levels, as zlib's: the root is indexed by the next `root` input bits
 * (reversed) and is small enough to stay in the L1 cache; a code longer than that links to a
 * subtable indexed by the bits after the root's. An entry is symbol << 4 | code length (0: no such
 * code); a link is ~(subtable offset << 4 | subtable bits). `max` is the longest code's length.
 */
export interface Code {
  table: Int32Array
  root: number
  max: number
}

/** The entry for the code at the bottom of `bits`: one lookup, or two for a long code. */
export function lookup(code: Code, bits: number): number {
  const e = code.table[bits & ((1 << code.root) - 1)]
  if (e >= 0) return e
  const link = ~e
  return code.table[(link >> 4) + ((bits >> code.root) & ((1 << (link & 15)) - 1))]
}

export function buildCode(lengths: Uint8Array, what: string, rootBits: number): Code {
  let max = 0
  const count = new Uint16Array(16)
  for (const l of lengths) {
    count[l]++
    if (l > max) max = l
  }
  count[0] = 0
  const root = Math.max(1, Math.min(rootBits, max))
  if (max === 0) return { table: new Int32Array(1 << root), root, max }
  // Canonical codes: the first code of each length (RFC 1951, 3.2.2), checking the set is not over-subscribed.
  const next = new Uint16Array(16)
  let code = 0
  let left = 1
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - count[len]
    if (left < 0) throw corrupt(`an over-subscribed ${what} code`)
    code = (code + count[len - 1]) << 1
    next[len] = code
  }
  // Each code reversed (deflate sends a code's bits from its top), and the longest code under each root prefix.
  const reversed = new Int32Array(lengths.length)
  const subBits = new Uint8Array(1 << root)
  for (let sym = 0; sym < lengths.length; sym++) {
    const len = lengths[sym]
    if (len === 0) continue
    let c = next[len]++
    let rev = 0
    for (let i = 0; i < len; i++) {
      rev = (rev << 1) | (c & 1)
      c >>= 1
    }
    reversed[sym] = rev
    if (len > root) subBits[rev & ((1 << root) - 1)] = Math.max(subBits[rev & ((1 << root) - 1)], len - root)
  }
  let size = 1 << root
  const offset = new Int32Array(1 << root)
  for (let prefix = 0; prefix < subBits.length; prefix++) {
    if (subBits[prefix] === 0) continue
    offset[prefix] = size
    size += 1 << subBits[prefix]
  }
  const table = new Int32Array(size)
  for (let prefix = 0; prefix < subBits.length; prefix++) if (subBits[prefix] > 0) table[prefix] = ~((offset[prefix] << 4) | subBits[prefix])
  for (let sym = 0; sym < lengths.length; sym++) {
    const len = lengths[sym]
    if (len === 0) continue
    const rev = reversed[sym]
    const entry = (sym << 4) | len
    if (len <= root) for (let i = rev; i < 1 << root; i += 1 << len) table[i] = entry
    else {
      const prefix = rev & ((1 << root) - 1)
      const rest = len - root
      for (let i = rev >>> root; i < 1 << subBits[prefix]; i += 1 << rest) table[offset[prefix] + i] = entry
    }
  }
  return { table, root, max }
}

/** Root bits of the literal/length and distance tables: zlib's sizes, a few KiB each. */
const LIT_ROOT = 10
const DIST_ROOT = 8

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

const FIXED = (() => {
  const lit = new Uint8Array(288)
  lit.fill(8, 0, 144)
  lit.fill(9, 144, 256)
  lit.fill(7, 256, 280)
  lit.fill(8, 280, 288)
  return { lit: buildCode(lit, 'literal/length', LIT_ROOT), dist: buildCode(new Uint8Array(30).fill(5), 'distance', DIST_ROOT) }
})()

// ---- the decoder -------------------------------------------------------------------------------

/** Where zlib can take over: a byte-aligned block start, the output before it, and its window. */
export interface ResumePoint {
  offset: number
  total: number
  window: Buffer
}

const enum State {
  Header,
  Stored,
  Huffman,
  Done,
}

/**
 * One raw deflate stream read from `input` at its current offset. `read` returns output; `skip`
 * passes over output, reading stored blocks' bytes only for the window a later match may need.
 */
export class Inflate {
  /**
   * Input bits not yet used, the next at the bottom. It never holds more than 31, so it stays a
   * non-negative small integer to V8 (a 32nd bit would make it a double and the loop twice as slow).
   */
  private bitbuf = 0
  private bitcnt = 0
  private state = State.Header
  private final = false
  private storedLeft = 0
  private lit: Code = FIXED.lit
  private dist: Code = FIXED.dist
  /** A match cut short by the end of a call: bytes still to copy, and from how far back. */
  private matchLeft = 0
  private matchDist = 0
  /** The window (the last WINDOW bytes of output) then this call's output, from `emit` to `hpos`. */
  private readonly hist = Buffer.alloc(WINDOW + OUTPUT + MAX_MATCH)
  private hpos = WINDOW
  private emit = WINDOW
  /** Skipped stored bytes not yet in the window, as file ranges: read only when a match may need them. */
  private pending: [number, number][] = []
  private pendingBytes = 0
  /** Output so far. */
  total = 0
  /** Huffman output since the last long stored run: past `huffmanRun`, the gzip reader switches to zlib. */
  huffmanRun = 0
  resume: ResumePoint
  private storedRun = 0

  constructor(private readonly input: FileInput) {
    this.resume = { offset: input.offset, total: 0, window: Buffer.alloc(0) }
  }

  get done(): boolean {
    return this.state === State.Done && this.hpos === this.emit
  }

  /** Output made and not yet returned. */
  get buffered(): number {
    return this.hpos - this.emit
  }

  /** Up to `max` bytes of output (a copy), empty at the end of the stream. */
  read(max: number): Buffer {
    if (this.hpos === this.emit) this.produce(Math.min(max, OUTPUT), false)
    const n = Math.min(max, this.hpos - this.emit)
    const out = Buffer.from(this.hist.subarray(this.emit, this.emit + n))
    this.emit += n
    return out
  }

  /** Passes over up to n bytes of output; returns how many there were. */
  skip(n: number): number {
    let done = Math.min(n, this.hpos - this.emit)
    this.emit += done
    while (done < n && this.state !== State.Done) done += this.produce(n - done, true)
    return done
  }

  /** The byte offset just after the stream's last block (where the gzip trailer begins). */
  endOffset(): number {
    return this.input.offset - (this.bitcnt >> 3)
  }

  private need(n: number): void {
    while (this.bitcnt < n) {
      const b = this.input.byte()
      if (b < 0) throw new GzipError('the gzip stream ends inside its compressed data')
      this.bitbuf |= b << this.bitcnt
      this.bitcnt += 8
    }
  }

  private bits(n: number): number {
    this.need(n)
    const v = this.bitbuf & ((1 << n) - 1)
    this.bitbuf >>= n
    this.bitcnt -= n
    return v
  }

  private symbol(code: Code, what: string): number {
    // Near the end of the input fewer bits than the longest code may be left: use what there is.
    while (this.bitcnt < code.max) {
      const b = this.input.byte()
      if (b < 0) break
      this.bitbuf |= b << this.bitcnt
      this.bitcnt += 8
    }
    const e = lookup(code, this.bitbuf)
    const len = e & 15
    if (len === 0) throw corrupt(`an invalid ${what} code`)
    if (len > this.bitcnt) throw new GzipError('the gzip stream ends inside its compressed data')
    this.bitbuf >>= len
    this.bitcnt -= len
    return e >> 4
  }

  /** Drops the bits up to the next byte and gives back whole bytes already taken: input is byte-aligned. */
  private align(): void {
    this.input.seek(this.endOffset())
    this.bitbuf = this.bitcnt = 0
  }

  /**
   * Decodes up to `want` bytes. Skipped output is discarded as it is made (`emit` follows `hpos`)
   * and a stored block's bytes are then not read at all. Returns the bytes made (or passed over).
   */
  private produce(want: number, skipping: boolean): number {
    let made = 0
    while (made < want && this.state !== State.Done) {
      if (this.state === State.Header) this.blockHeader()
      else if (this.state === State.Stored) {
        const k = Math.min(want - made, this.storedLeft)
        if (skipping) {
          const at = this.input.offset
          this.input.seek(at + k)
          this.remember(at, k)
        } else {
          this.settle(k)
          const got = this.input.copy(this.hist, this.hpos, k)
          if (got < k) throw new GzipError('the gzip stream ends inside a stored block')
          this.hpos += k
        }
        this.storedLeft -= k
        this.storedRun += k
        this.total += k
        made += k
        if (this.storedLeft === 0) this.state = this.final ? State.Done : State.Header
      } else {
        this.settle(MAX_MATCH)
        const room = this.hist.length - MAX_MATCH - this.hpos
        const before = this.hpos
        this.huffman(Math.min(want - made, room))
        const k = this.hpos - before
        if (skipping) this.emit = this.hpos
        this.total += k
        this.huffmanRun += k
        made += k
      }
      // A read returns what one step made (the history holds one step's output); a skip goes on.
      if (!skipping && made > 0) break
    }
    if (this.state === State.Done) this.align()
    return made
  }

  /** Skipped stored bytes kept as file ranges, only as many as the window can hold. */
  private remember(at: number, k: number): void {
    if (k === 0) return
    this.pending.push([at, k])
    this.pendingBytes += k
    while (this.pendingBytes - this.pending[0][1] >= WINDOW) this.pendingBytes -= this.pending.shift()![1]
  }

  /**
   * Makes room for n more bytes after the window, sliding it when this call's output has all been
   * returned, and reads into it the skipped stored bytes a match could reach.
   */
  private settle(n: number): void {
    if (this.pendingBytes > 0) {
      const ranges = this.pending
      let drop = Math.max(0, this.pendingBytes - WINDOW)
      this.pending = []
      this.pendingBytes = 0
      const back = this.input.offset
      for (const [at, len] of ranges) {
        const from = Math.min(len, drop)
        drop -= from
        this.slide(len - from)
        this.input.seek(at + from)
        if (this.input.copy(this.hist, this.hpos, len - from) < len - from) throw new GzipError('the gzip stream ends inside a stored block')
        this.hpos += len - from
        this.emit = this.hpos
      }
      this.input.seek(back)
    }
    this.slide(n)
  }

  private slide(n: number): void {
    if (this.hpos + n <= this.hist.length - MAX_MATCH || this.emit !== this.hpos) return
    this.hist.copyWithin(0, this.hpos - WINDOW, this.hpos)
    this.hpos = this.emit = WINDOW
  }

  private blockHeader(): void {
    const header = this.bits(3)
    this.final = (header & 1) === 1
    const type = header >> 1
    if (type === 0) {
      this.align()
      const b = [this.input.byte(), this.input.byte(), this.input.byte(), this.input.byte()]
      if (b[3] < 0) throw new GzipError('the gzip stream ends inside a stored block')
      const len = b[0] | (b[1] << 8)
      if ((len ^ (b[2] | (b[3] << 8))) !== 0xffff) throw corrupt('a stored block length does not match its complement')
      this.storedLeft = len
      this.state = len === 0 && this.final ? State.Done : len === 0 ? State.Header : State.Stored
      return
    }
    if (type === 3) throw corrupt('an invalid block type')
    // A Huffman block right after a long stored run starts on a byte boundary: zlib could take over there.
    if (this.storedRun >= 64 * 1024 && this.bitcnt === 5) {
      this.settle(0)
      this.resume = {
        offset: this.input.offset - 1,
        total: this.total,
        window: Buffer.from(this.hist.subarray(Math.max(0, this.hpos - Math.min(this.total, WINDOW)), this.hpos)),
      }
      this.huffmanRun = 0
    }
    this.storedRun = 0
    if (type === 1) {
      this.lit = FIXED.lit
      this.dist = FIXED.dist
    } else this.dynamicCodes()
    this.state = State.Huffman
  }

  private dynamicCodes(): void {
    const nlit = this.bits(5) + 257
    const ndist = this.bits(5) + 1
    const nclen = this.bits(4) + 4
    if (nlit > 286 || ndist > 30) throw corrupt('too many length or distance codes')
    const clen = new Uint8Array(19)
    for (let i = 0; i < nclen; i++) clen[CODE_LENGTH_ORDER[i]] = this.bits(3)
    const cl = buildCode(clen, 'code length', 7)
    const lengths = new Uint8Array(nlit + ndist)
    for (let i = 0; i < lengths.length;) {
      const sym = this.symbol(cl, 'code length')
      if (sym < 16) {
        lengths[i++] = sym
        continue
      }
      let repeat: number
      let value = 0
      if (sym === 16) {
        if (i === 0) throw corrupt('a repeated length with none before it')
        value = lengths[i - 1]
        repeat = 3 + this.bits(2)
      } else repeat = sym === 17 ? 3 + this.bits(3) : 11 + this.bits(7)
      if (i + repeat > lengths.length) throw corrupt('too many code lengths')
      lengths.fill(value, i, i + repeat)
      i += repeat
    }
    if (lengths[256] === 0) throw corrupt('no end-of-block code')
    this.lit = buildCode(lengths.subarray(0, nlit), 'literal/length', LIT_ROOT)
    this.dist = buildCode(lengths.subarray(nlit), 'distance', DIST_ROOT)
  }

  /** Decodes symbols of the current Huffman block into the history, up to `room` bytes. */
  private huffman(room: number): void {
    const end = this.hpos + room
    let hpos = this.hpos
    if (this.matchLeft > 0) {
      const k = Math.min(this.matchLeft, end - hpos)
      hpos = copyMatch(this.hist, hpos, this.matchDist, k)
      this.matchLeft -= k
    }
    // The output before this call: a match may reach back this far and no further.
    const origin = this.hpos - this.total
    while (hpos < end && this.matchLeft === 0 && this.state === State.Huffman) {
      hpos = this.fast(hpos, end, origin)
      if (hpos < end && this.state === State.Huffman) hpos = this.step(hpos, end, origin)
    }
    this.hpos = hpos
  }

  /**
   * Decodes symbols while the input buffer holds enough bytes for any one symbol and the output has
   * room for any one match, the bits kept in locals (most of a Huffman block's time is here).
   * Returns where the output got to; stops early at the end of the block or of either margin.
   */
  private fast(hpos: number, end: number, origin: number): number {
    const input = this.input
    const buf = input.buf
    const hist = this.hist
    const lit = this.lit.table
    const litRoot = this.lit.root
    const litMask = (1 << litRoot) - 1
    const dist = this.dist.table
    const distRoot = this.dist.root
    const distMask = (1 << distRoot) - 1
    // A symbol and its extra bits take at most 48 bits, read into a buffer that holds at most 31:
    // 9 bytes, so with 12 left in the input buffer one more symbol never runs past its end.
    const inputStop = input.len - 12
    const outputStop = end - MAX_MATCH
    let pos = input.pos
    let bitbuf = this.bitbuf
    let bitcnt = this.bitcnt
    while (pos <= inputStop && hpos <= outputStop) {
      while (bitcnt < 24) {
        bitbuf |= buf[pos++] << bitcnt
        bitcnt += 8
      }
      let e = lit[bitbuf & litMask]
      if (e < 0) e = lit[(~e >> 4) + ((bitbuf >> litRoot) & ((1 << (~e & 15)) - 1))]
      let len = e & 15
      if (len === 0) throw corrupt('an invalid literal/length code')
      bitbuf >>= len
      bitcnt -= len
      const sym = e >> 4
      if (sym < 256) {
        hist[hpos++] = sym
        continue
      }
      if (sym === 256) {
        this.state = this.final ? State.Done : State.Header
        break
      }
      const li = sym - 257
      if (li >= 29) throw corrupt('an invalid length code')
      let extra = LENGTH_EXTRA[li]
      const length = LENGTH_BASE[li] + (bitbuf & ((1 << extra) - 1))
      bitbuf >>= extra
      bitcnt -= extra
      while (bitcnt < 24) {
        bitbuf |= buf[pos++] << bitcnt
        bitcnt += 8
      }
      e = dist[bitbuf & distMask]
      if (e < 0) e = dist[(~e >> 4) + ((bitbuf >> distRoot) & ((1 << (~e & 15)) - 1))]
      len = e & 15
      if (len === 0) throw corrupt('an invalid distance code')
      bitbuf >>= len
      bitcnt -= len
      const di = e >> 4
      if (di >= 30) throw corrupt('an invalid distance code')
      extra = DIST_EXTRA[di]
      while (bitcnt < extra) {
        bitbuf |= buf[pos++] << bitcnt
        bitcnt += 8
      }
      const distance = DIST_BASE[di] + (bitbuf & ((1 << extra) - 1))
      bitbuf >>= extra
      bitcnt -= extra
      if (distance > hpos - origin) throw corrupt('a match reaches back before the start')
      hpos = copyMatch(hist, hpos, distance, length)
    }
    input.pos = pos
    this.bitbuf = bitbuf
    this.bitcnt = bitcnt
    return hpos
  }

  /** Decodes one symbol near the end of the input buffer or of the output, refilling as it goes. */
  private step(hpos: number, end: number, origin: number): number {
    const sym = this.symbol(this.lit, 'literal/length')
    if (sym < 256) {
      this.hist[hpos] = sym
      return hpos + 1
    }
    if (sym === 256) {
      this.state = this.final ? State.Done : State.Header
      return hpos
    }
    const li = sym - 257
    if (li >= 29) throw corrupt('an invalid length code')
    const length = LENGTH_BASE[li] + this.bits(LENGTH_EXTRA[li])
    const di = this.symbol(this.dist, 'distance')
    if (di >= 30) throw corrupt('an invalid distance code')
    const distance = DIST_BASE[di] + this.bits(DIST_EXTRA[di])
    if (distance > hpos - origin) throw corrupt('a match reaches back before the start')
    const k = Math.min(length, end - hpos)
    if (k < length) {
      this.matchLeft = length - k
      this.matchDist = distance
    }
    return copyMatch(this.hist, hpos, distance, k)
  }
}

function copyMatch(hist: Buffer, hpos: number, distance: number, length: number): number {
  // Most matches are short: a loop costs less than a call to copyWithin, which cannot overlap anyway.
  if (length > 32 && distance >= length) {
    hist.copyWithin(hpos, hpos - distance, hpos - distance + length)
    return hpos + length
  }
  for (let from = hpos - distance, stop = hpos + length; hpos < stop;) hist[hpos++] = hist[from++]
  return hpos
}

function corrupt(why: string): GzipError {
  return new GzipError(`the gzip stream is corrupt (${why})`)
}
