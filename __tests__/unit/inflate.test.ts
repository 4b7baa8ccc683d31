// The JavaScript inflater behind gunzipFile: the same bytes as zlib for what gzip, pigz and zlib
// write (stored, fixed and dynamic Huffman blocks, matches across block and call boundaries), skips
// that land anywhere, stored blocks passed over unread, and the hand-over to zlib.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { constants, deflateRawSync, gzipSync } from 'node:zlib'
import { gunzipFile } from '../../src/image/gzip.js'
import { buildCode, FileInput, Inflate, lookup } from '../../src/image/inflate.js'

const dir = mkdtempSync(join(tmpdir(), 'nca-inflate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
function file(bytes: Buffer): string {
  const path = join(dir, `f${files++}`)
  writeFileSync(path, bytes)
  return path
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

async function all(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of source) chunks.push(c)
  return Buffer.concat(chunks)
}

// Text repeats (long matches, overlapping copies), random bytes (stored blocks), and the two mixed
// finely, so Huffman blocks follow stored ones and reach back into them.
const text = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `line ${i % 977} of a manifest, ${'ab'.repeat(i % 7)}\n`).join(''))
const noise = randomBytes(3 << 20)
const mixed = Buffer.concat(
  Array.from({ length: 40 }, (_, i) => [noise.subarray(i * 70_000, i * 70_000 + 20_000 + i * 1000), text.subarray(i * 9000, i * 9000 + 30_000)]).flat(),
)
const runs = Buffer.concat([Buffer.alloc(300_000, 7), Buffer.from('abc'.repeat(100_000))])

const writers: [string, (b: Buffer) => Buffer][] = [
  ['gzip -1', (b) => execFileSync('gzip', ['-n', '-1'], { input: b, maxBuffer: 1 << 28 })],
  ['gzip -9', (b) => execFileSync('gzip', ['-n', '-9'], { input: b, maxBuffer: 1 << 28 })],
  // What dockerTools.buildLayeredImage writes its .tar.gz with.
  ['pigz -nTR', (b) => execFileSync('pigz', ['-nTR'], { input: b, maxBuffer: 1 << 28 })],
  ['zlib, fixed Huffman codes only', (b) => gzipSync(b, { strategy: constants.Z_FIXED })],
  ['zlib, level 0 (stored only)', (b) => gzipSync(b, { level: 0 })],
]
const contents: [string, Buffer][] = [
  ['text', text],
  ['random bytes', noise],
  ['random bytes and text mixed', mixed],
  ['long runs', runs],
  ['nothing', Buffer.alloc(0)],
]

describe('gunzipFile', () => {
  it.each(writers.flatMap(([w, write]) => contents.map(([c, data]) => [w, c, write, data] as const)))(
    'reads what %s writes of %s as zlib does',
    async (_w, _c, write, data) => {
      const path = file(write(data))
      expect(sha256(await all(gunzipFile(path)))).toBe(sha256(data))
      // Handed to zlib at once (any Huffman output is too much): the same bytes.
      expect(sha256(await all(gunzipFile(path, { huffmanLimit: 0 })))).toBe(sha256(data))
    },
  )

  it.each([
    ['this decoder throughout', Infinity],
    ['zlib from the first resume point', 0],
    ['zlib once 100 KB were decoded here', 100_000],
  ])('skips to any offset and reads on from there (%s)', async (_, huffmanLimit) => {
    const path = file(execFileSync('pigz', ['-nTR'], { input: mixed, maxBuffer: 1 << 28 }))
    for (const [skip, take] of [
      [0, 10],
      [1, 100_000],
      [20_000, 5],
      [123_457, 70_000],
      [1_000_000, 1 << 20],
      [mixed.length - 3, 10],
      [mixed.length + 5, 10],
    ]) {
      const source = gunzipFile(path, { huffmanLimit })
      expect(await source.skip(skip)).toBe(Math.min(skip, mixed.length))
      const chunks: Buffer[] = []
      let got = 0
      while (got < take) {
        const next = await source.next()
        if (next.done) break
        chunks.push(next.value)
        got += next.value.length
      }
      await source.return()
      expect(sha256(Buffer.concat(chunks).subarray(0, take))).toBe(sha256(mixed.subarray(skip, skip + take)))
    }
  })

  it('reads every member of several, skipping across their boundaries', async () => {
    const parts = [noise.subarray(0, 500_000), text.subarray(0, 200_000), Buffer.alloc(0), noise.subarray(500_000, 900_000)]
    const path = file(Buffer.concat([...parts.map((p) => gzipSync(p)), Buffer.alloc(512)]))
    const whole = Buffer.concat(parts)
    expect(sha256(await all(gunzipFile(path)))).toBe(sha256(whole))
    const source = gunzipFile(path)
    expect(await source.skip(650_000)).toBe(650_000)
    expect(sha256(await all(source))).toBe(sha256(whole.subarray(650_000)))
  })

  it.each([
    ['bytes that are no gzip', Buffer.from('plain tar bytes here'), /not a gzip stream/],
    ['a member cut inside its deflate data', gzipSync(mixed).subarray(0, 100_000), /ends inside|corrupt/],
    ['a member cut inside its trailer', gzipSync(text).subarray(0, gzipSync(text).length - 3), /ends inside a member trailer/],
    ['a reserved block type', Buffer.concat([gzipSync(Buffer.alloc(0)).subarray(0, 10), Buffer.from([0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0])]), /invalid block type/],
    ['a stored block whose length is not its complement', storedWithBadLength(), /complement/],
    [
      'a match reaching back before the start',
      Buffer.concat([gzipSync(Buffer.alloc(0)).subarray(0, 10), farMatch(), Buffer.alloc(8)]),
      /reaches back before the start/,
    ],
    // Corrupt symbols after a few hundred literals, where the decoder's fast loop meets them.
    ['an invalid length code past the start', fixedBlock([...literals(300), 286]), /invalid length code/],
    ['a match reaching back before the start, past the start', fixedBlock([...literals(300), [10, 29, 8000]]), /reaches back before the start/],
    ['other data after the last member', Buffer.concat([gzipSync(text), Buffer.from('garbage')]), /not another member/],
  ])('refuses %s with a GzipError', async (_, bytes, message) => {
    await expect(all(gunzipFile(file(bytes)))).rejects.toMatchObject({ name: 'GzipError', message: expect.stringMatching(message) })
  })
})

describe('buildCode', () => {
  /** Every code of a set of lengths, as RFC 1951 assigns them, with its bits in the order deflate sends them. */
  function canonical(lengths: number[]): { sym: number; len: number; sent: number }[] {
    const codes: { sym: number; len: number; sent: number }[] = []
    let code = 0
    for (let len = 1; len <= 15; len++) {
      for (let sym = 0; sym < lengths.length; sym++) {
        if (lengths[sym] !== len) continue
        let sent = 0
        for (let i = 0; i < len; i++) sent |= ((code >> (len - 1 - i)) & 1) << i
        codes.push({ sym, len, sent })
        code++
      }
      code <<= 1
    }
    return codes
  }
  // Lengths up to 15 bits, longer than the root table, so codes go through subtables.
  const skewed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15]
  it.each([
    ['fixed literal/length lengths', [...Array(144).fill(8), ...Array(112).fill(9), ...Array(24).fill(7), ...Array(8).fill(8)], 10],
    ['lengths from 1 to 15 bits, root 10', skewed, 10],
    ['lengths from 1 to 15 bits, root 1', skewed, 1],
    ['an incomplete set (one code, and unused bits)', [0, 0, 3, 0, 5], 8],
    ['a set of one length-1 code', [1], 8],
  ])('decodes every code of %s to its symbol and length', (_, lengths, root) => {
    const code = buildCode(Uint8Array.from(lengths), 'literal/length', root)
    for (const { sym, len, sent } of canonical(lengths))
      // Whatever bits follow the code, the table gives its symbol and its own length.
      for (const after of [0, 0x7fff, 0x5555]) expect(lookup(code, sent | ((after << len) & 0x7fff))).toBe((sym << 4) | len)
  })

  it('finds no code where an incomplete set has none', () => {
    const code = buildCode(Uint8Array.from([0, 0, 3, 0, 5]), 'literal/length', 8)
    const used = new Set(canonical([0, 0, 3, 0, 5]).map(({ len, sent }) => sent & ((1 << len) - 1)))
    expect(used.size).toBe(2)
    expect(lookup(code, 0b111) & 15).toBe(0)
  })

  it('refuses an over-subscribed set', () => {
    expect(() => buildCode(Uint8Array.from([1, 1, 1]), 'distance', 8)).toThrow(/over-subscribed distance code/)
  })
})

describe('Inflate', () => {
  it('gives the bytes of a block written by hand as the corrupt cases are (literals, then a match)', async () => {
    const bytes = literals(300)
    // Length 10 at distance 8 (code 5 is 7, plus its extra bit 1): the bytes from 8 back, overlapping.
    const expected = [...bytes]
    for (let i = 0; i < 10; i++) expected.push(expected[expected.length - 8])
    const gz = fixedBlock([...bytes, [10, 5, 1]], Buffer.from(expected))
    expect([...(await all(gunzipFile(file(gz))))]).toEqual(expected)
  })

  it('passes over stored blocks without reading them', () => {
    const big = randomBytes(32 << 20)
    const path = file(
      Buffer.concat([
        deflateRawSync(Buffer.concat([Buffer.from('a tar header, say\n'.repeat(30)), big, Buffer.from('the next header\n'.repeat(30))]), { level: 1 }),
      ]),
    )
    const fd = openSync(path, 'r')
    try {
      const input = new FileInput(fd, big.length + 10_000)
      const inflate = new Inflate(input)
      expect(inflate.read(540).toString()).toBe('a tar header, say\n'.repeat(30))
      expect(inflate.skip(big.length)).toBe(big.length)
      expect(inflate.read(1 << 20).toString()).toBe('the next header\n'.repeat(30))
      // The block headers, the first read and the window for the text after: not 2% of what was passed over.
      expect(input.bytesRead).toBeLessThan(big.length / 50)
      // Only the blocks that hold the text were decoded, not the stored ones between.
      expect(inflate.huffmanRun).toBeLessThan(64 * 1024)
    } finally {
      closeSync(fd)
    }
  })
})

/** Literal symbols (0-255) for `fixedBlock`. */
function literals(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 7) % 256)
}

/**
 * A gzip member of one final fixed-Huffman block: each item a literal/length symbol, or a match as
 * [length (3-10), distance code, its extra bits]; then the block's end, and the trailer of
 * `content` (what the block decodes to) or zeros.
 */
function fixedBlock(symbols: (number | [number, number, number])[], content?: Buffer): Buffer {
  const bits: number[] = [1, 1, 0]
  const huffman = (code: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) bits.push((code >> i) & 1)
  }
  const plain = (value: number, len: number) => {
    for (let i = 0; i < len; i++) bits.push((value >> i) & 1)
  }
  const lit = (sym: number) =>
    sym < 144 ? huffman(0x30 + sym, 8) : sym < 256 ? huffman(0x190 + sym - 144, 9) : sym < 280 ? huffman(sym - 256, 7) : huffman(0xc0 + sym - 280, 8)
  for (const s of [...symbols, 256]) {
    if (typeof s === 'number') lit(s)
    else {
      lit(257 + s[0] - 3)
      huffman(s[1], 5)
      plain(s[2], s[1] < 4 ? 0 : (s[1] >> 1) - 1)
    }
  }
  const out = Buffer.alloc(Math.ceil(bits.length / 8))
  bits.forEach((b, i) => (out[i >> 3] |= b << (i & 7)))
  // A trailer is the content's CRC and length, whoever compressed it.
  const trailer = content ? gzipSync(content).subarray(-8) : Buffer.alloc(64)
  return Buffer.concat([gzipSync(Buffer.alloc(0)).subarray(0, 10), out, trailer])
}

function storedWithBadLength(): Buffer {
  const gz = gzipSync(Buffer.from('hello'), { level: 0 })
  gz[13] ^= 1
  return gz
}

/** A fixed-Huffman block whose first symbol is a match of length 3 at distance 1: nothing to copy from. */
function farMatch(): Buffer {
  // BFINAL 1, BTYPE 01; length code 257 (7 bits 0000001), distance code 0 (5 bits 00000); then end of block.
  const bits = [1, 1, 0, ...[0, 0, 0, 0, 0, 0, 1], ...[0, 0, 0, 0, 0], ...[0, 0, 0, 0, 0, 0, 0]]
  const out = Buffer.alloc(Math.ceil(bits.length / 8))
  bits.forEach((b, i) => (out[i >> 3] |= b << (i & 7)))
  return out
}
