// The gzip reader that skips the CRC: every header field gzip(1) and other writers set, several
// members in one stream, and the damage it must still refuse (framing, lengths, deflate data).
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { crc32, gzipSync } from 'node:zlib'
import { gunzip } from '../../src/image/gzip.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

async function* cut(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function all(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of source) chunks.push(c)
  return Buffer.concat(chunks)
}

// Random bytes (stored blocks) and text (Huffman blocks), so members end on both kinds.
const content = Buffer.concat([randomBytes(700_000), Buffer.from('a line of a manifest\n'.repeat(40_000)), randomBytes(3000)])
const small = Buffer.from('the second member\n'.repeat(50))

/** A member with the optional header fields the flags name (RFC 1952), around zlib's own deflate data. */
function member(data: Buffer, fields: { extra?: Buffer; name?: string; comment?: string; headerCrc?: boolean } = {}): Buffer {
  const plain = gzipSync(data)
  const head = Buffer.from(plain.subarray(0, 10))
  const parts: Buffer[] = []
  let flags = 0
  if (fields.extra) {
    flags |= 4
    const length = Buffer.alloc(2)
    length.writeUInt16LE(fields.extra.length)
    parts.push(length, fields.extra)
  }
  if (fields.name !== undefined) {
    flags |= 8
    parts.push(Buffer.from(`${fields.name}\0`, 'latin1'))
  }
  if (fields.comment !== undefined) {
    flags |= 16
    parts.push(Buffer.from(`${fields.comment}\0`, 'latin1'))
  }
  head[3] = flags | (fields.headerCrc ? 2 : 0)
  if (fields.headerCrc) {
    // The low half of the CRC-32 of every header byte before it.
    const crc = Buffer.alloc(2)
    crc.writeUInt16LE(crc32(Buffer.concat([head, ...parts])) & 0xffff)
    parts.push(crc)
  }
  return Buffer.concat([head, ...parts, plain.subarray(10)])
}

describe('gunzip', () => {
  it.each([
    ['in one piece', 1 << 24],
    ['in 1-byte pieces through the header', 1],
    ['in 777-byte pieces', 777],
    ['in 1 MiB + 1 pieces', (1 << 20) + 1],
  ])('inflates one member %s', async (_, size) => {
    const piece = size === 1 ? member(small, { name: 'x.tar' }) : gzipSync(content)
    expect(sha256(await all(gunzip(cut(piece, size))))).toBe(sha256(size === 1 ? small : content))
  })

  it.each([
    ['a file name', { name: 'image.tar' }],
    ['an extra field', { extra: randomBytes(300) }],
    ['a comment and a header CRC', { comment: 'made by a test', headerCrc: true }],
    ['every field, the name a megabyte long', { extra: Buffer.from('ab'), name: 'n'.repeat(1 << 20), comment: 'c', headerCrc: true }],
  ])('skips %s in the header', async (_, fields) => {
    const gz = member(content, fields)
    // The member is what gzip(1) itself reads back, so the header is built right.
    expect(sha256(execFileSync('gzip', ['-dc'], { input: gz, maxBuffer: 1 << 26 }))).toBe(sha256(content))
    expect(sha256(await all(gunzip(cut(gz, 4096))))).toBe(sha256(content))
  })

  it.each([1, 1000, 65536, 1 << 20])('reads every member of a stream made by cat a.gz b.gz (%i-byte pieces)', async (size) => {
    // In 1-byte pieces only small members: what is tested there is every boundary between them.
    const big = size === 1 ? Buffer.from('the first member\n'.repeat(300)) : content
    const stream = Buffer.concat([gzipSync(big), member(small, { name: 'b' }), gzipSync(Buffer.alloc(0)), gzipSync(big)])
    const out = await all(gunzip(cut(stream, size)))
    expect(sha256(out)).toBe(sha256(Buffer.concat([big, small, big])))
  })

  it('ignores zeros after the last member, as gzip(1) does', async () => {
    expect(sha256(await all(gunzip(cut(Buffer.concat([gzipSync(content), Buffer.alloc(5000)]), 1000))))).toBe(sha256(content))
  })

  it.each([
    ['bytes that are no gzip', Buffer.from('plain tar bytes here'), /not a gzip stream/],
    ['nothing at all', Buffer.alloc(0), /not a gzip stream/],
    ['another method than deflate', Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3]), /unknown gzip compression method 7/],
    ['a header cut inside its file name', member(small, { name: 'long-name' }).subarray(0, 14), /ends inside its header/],
    ['a member cut inside its deflate data', gzipSync(content).subarray(0, 100_000), /corrupt/],
    ['a member cut inside its trailer', gzipSync(content).subarray(0, gzipSync(content).length - 3), /ends inside a member trailer/],
    ['a trailer whose length is wrong', lengthened(gzipSync(content)), /not as long as its trailer says/],
    ['deflate data that is damaged', damaged(gzipSync(Buffer.from('x'.repeat(100_000)))), /corrupt/],
    ['other data after the last member', Buffer.concat([gzipSync(small), Buffer.from('garbage')]), /not another member/],
  ])('refuses %s with a GzipError', async (_, bytes, message) => {
    await expect(all(gunzip(cut(bytes, 4096)))).rejects.toMatchObject({ name: 'GzipError', message: expect.stringMatching(message) })
  })

  it('passes on a failed read as it is, not as a damaged stream', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield gzipSync(content).subarray(0, 50_000)
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
    }
    await expect(all(gunzip(failing()))).rejects.toMatchObject({ code: 'EIO', message: 'EIO: i/o error, read' })
  })

  it('stops reading when its reader stops, leaving the rest of the input unread', async () => {
    let pulled = 0
    async function* source(): AsyncGenerator<Buffer> {
      for await (const c of cut(gzipSync(content), 4096)) {
        pulled += c.length
        yield c
      }
    }
    for await (const chunk of gunzip(source())) {
      expect(chunk.length).toBeGreaterThan(0)
      break
    }
    expect(pulled).toBeLessThan(gzipSync(content).length)
  })
})

function lengthened(gz: Buffer): Buffer {
  const out = Buffer.from(gz)
  out.writeUInt32LE((out.readUInt32LE(out.length - 4) + 1) % 2 ** 32, out.length - 4)
  return out
}

function damaged(gz: Buffer): Buffer {
  const out = Buffer.from(gz)
  // The first block's header: type 3 is reserved, which no inflater accepts.
  out[10] |= 0x06
  return out
}
