// The copy of a stream image's archive that the SBOM scan reads while the daemon loads it: every
// byte the reader asks for arrives in order, skips are counted off the writes, and the writer is
// held back only by bytes queued for a reader that has not taken them.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ByteReader, Tap } from '../../src/image/bytes.js'
import { scanAlongside, scanArchive } from '../../src/image/contents.js'

/** Writes `bytes` in `size`-byte pieces, waiting for room as a loader does. */
async function feed(tap: Tap, bytes: Buffer, size: number): Promise<{ waits: number }> {
  let waits = 0
  for (let i = 0; i < bytes.length; i += size) {
    if (!tap.write(bytes.subarray(i, i + size))) {
      waits++
      await tap.room()
    }
    // A turn of the event loop between writes, as between a pipe's reads.
    if (i % (size * 16) === 0) await new Promise((r) => setImmediate(r))
  }
  tap.end()
  return { waits }
}

const data = randomBytes(3 << 20)

describe('Tap', () => {
  it.each([
    ['64 KiB writes', 65536],
    ['1-byte-odd writes', 7777],
    ['writes larger than the limit', 3 << 19],
  ])('hands over exactly the bytes read, none of those skipped (%s)', async (_, size) => {
    const tap = new Tap(1 << 18)
    const fed = feed(tap, data, size)
    const reader = new ByteReader(tap)
    const got: Buffer[] = []
    const expected: Buffer[] = []
    let at = 0
    // Reads and skips of every size: inside one write, across writes, past the limit.
    for (const [read, skip] of [
      [512, 1000],
      [3, 65536 * 3 + 5],
      [100_000, 1],
      [1, 1 << 20],
      [700_000, 0],
    ]) {
      got.push(await reader.read(read))
      expected.push(data.subarray(at, at + read))
      at += read
      expect(await reader.skip(skip)).toBe(skip)
      at += skip
    }
    const rest: Buffer[] = []
    for (let b = await reader.readUpTo(1 << 20); b.length > 0; b = await reader.readUpTo(1 << 20)) rest.push(b)
    await fed
    expect(Buffer.concat(got).equals(Buffer.concat(expected))).toBe(true)
    expect(Buffer.concat(rest).equals(data.subarray(at))).toBe(true)
  })

  it('passes skipped writes over in the writer’s call: nothing queued, the writer never waits', async () => {
    const tap = new Tap(1 << 16)
    const skipped = tap.skip(data.length - 10)
    let refused = 0
    for (let i = 0; i < data.length - 10; i += 4096) if (!tap.write(data.subarray(i, Math.min(i + 4096, data.length - 10)))) refused++
    expect(refused).toBe(0)
    await expect(skipped).resolves.toBe(data.length - 10)
    tap.write(data.subarray(data.length - 10))
    tap.end()
    const next = await tap.next()
    expect(next.value?.equals(data.subarray(data.length - 10))).toBe(true)
    expect((await tap.next()).done).toBe(true)
  })

  it('asks the writer to wait once the limit is queued, and lets it go when the reader takes', async () => {
    const tap = new Tap(100)
    expect(tap.write(Buffer.alloc(60))).toBe(true)
    expect(tap.write(Buffer.alloc(60))).toBe(false)
    let resumed = false
    const room = tap.room().then(() => (resumed = true))
    await new Promise((r) => setImmediate(r))
    expect(resumed).toBe(false)
    expect((await tap.next()).value?.length).toBe(60)
    await room
    expect(resumed).toBe(true)
  })

  it('lets the writer go when the reader gives up, and drops what it writes after', async () => {
    const tap = new Tap(10)
    expect(tap.write(Buffer.alloc(20))).toBe(false)
    const room = tap.room()
    tap.destroy()
    await room
    expect(tap.write(Buffer.alloc(1 << 20))).toBe(true)
    expect((await tap.next()).done).toBe(true)
  })

  it('ends a skip or a read waiting when the writer ends: the reader sees a short stream', async () => {
    const tap = new Tap()
    const skipped = tap.skip(1000)
    tap.write(Buffer.alloc(300))
    tap.end()
    await expect(skipped).resolves.toBe(300)
    const other = new Tap()
    const read = other.next()
    other.end()
    await expect(read).resolves.toEqual({ done: true, value: undefined })
  })
})

describe('a Tap of lent chunks (a writer that reads into its buffers again)', () => {
  it('hands the reader copies, so reading into the buffer again changes nothing it holds', async () => {
    const tap = new Tap(1 << 20, true)
    const buffer = Buffer.from('first piece')
    tap.write(buffer)
    buffer.write('other bytes')
    tap.write(buffer)
    tap.end()
    const got: string[] = []
    for await (const chunk of tap) got.push(chunk.toString())
    expect(got).toEqual(['first piece', 'other bytes'])
  })

  it('a skip still passes over what it covers, and the rest of a chunk is copied', async () => {
    const tap = new Tap(1 << 20, true)
    const skipped = tap.skip(6)
    const buffer = Buffer.from('first piece')
    tap.write(buffer)
    buffer.fill(0)
    tap.end()
    await expect(skipped).resolves.toBe(6)
    await expect(tap.next()).resolves.toEqual({ done: false, value: Buffer.from('piece') })
  })
})

describe('the SBOM scan through a Tap', () => {
  it('finds what a scan of the file finds, the layer bodies passed over as they are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nca-tap-'))
    try {
      const hash = 'day2fmi35gp1452bli5dvxjwrn1lcw4c'
      const root = join(dir, 'root')
      await mkdir(join(root, 'nix', 'store', `${hash}-big-1.0`), { recursive: true })
      await writeFile(join(root, 'nix', 'store', `${hash}-big-1.0`, 'blob'), randomBytes(5 << 20))
      await writeFile(join(root, 'outside'), 'not from nix')
      await mkdir(join(dir, 'image', 'layer'), { recursive: true })
      execFileSync('tar', ['--format=gnu', '-C', root, '-cf', join(dir, 'image', 'layer', 'layer.tar'), 'nix', 'outside'])
      await writeFile(join(dir, 'image', 'manifest.json'), '[{"Config":"config.json","Layers":["layer/layer.tar"]}]')
      await writeFile(join(dir, 'image', 'config.json'), '{"architecture":"amd64"}')
      const archive = join(dir, 'image.tar')
      execFileSync('tar', ['--format=gnu', '-C', join(dir, 'image'), '-cf', archive, 'layer', 'manifest.json', 'config.json'])
      const bytes = await readFile(archive)

      const tap = new Tap()
      const scanned = scanAlongside(tap)
      const { waits } = await feed(tap, bytes, 65536)
      const viaTap = await scanned
      const direct = await scanArchive(
        (async function* () {
          yield bytes
        })(),
      )
      expect(viaTap).toEqual(direct)
      expect(viaTap.storePaths).toEqual([`/nix/store/${hash}-big-1.0`])
      expect(viaTap.otherFiles).toBe(1)
      // The 5 MiB body was skipped, never queued past the limit.
      expect(waits).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
