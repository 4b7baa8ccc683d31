import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import { CommandError, lendStdout, pipe, redact, registerSecret, run, which } from '../../src/exec.js'
import { scanAlongside } from '../../src/image/contents.js'

// These run real processes (sh, cat, wc): nothing is stubbed.
describe('run', () => {
  it('passes arguments literally, without a shell', async () => {
    const r = await run({ cmd: 'printf', args: ['%s|', '$(id)', 'a; b', '*'] }, { echo: false })
    expect(r.stdout).toBe('$(id)|a; b|*|')
  })

  it('puts stderr and the exit code into the error', async () => {
    const p = run({ cmd: 'sh', args: ['-c', 'echo out; echo "it broke" >&2; exit 3'] }, { echo: false })
    await expect(p).rejects.toThrow(CommandError)
    await expect(p).rejects.toThrow(/sh -c .* failed with exit code 3:\nit broke/)
  })

  it('returns failures without throwing when asked', async () => {
    const r = await run({ cmd: 'sh', args: ['-c', 'exit 7'] }, { echo: false, check: false })
    expect(r.code).toBe(7)
  })

  it('tells every stderr line, whole, even when a line arrives in pieces and the last has no newline', async () => {
    const lines: string[] = []
    // 70,000 lines: far more than the tail kept for errors, written in chunks that split lines.
    const script =
      'printf "par" >&2; sleep 0.1; printf "tial one\\nsecond\\n" >&2; i=0; while [ $i -lt 70000 ]; do echo "line $i"; i=$((i+1)); done >&2; printf "no newline" >&2'
    await run({ cmd: 'sh', args: ['-c', script] }, { echo: false, onStderrLine: (l) => lines.push(l) })
    expect(lines.slice(0, 3)).toEqual(['partial one', 'second', 'line 0'])
    expect(lines).toHaveLength(70003)
    expect(lines.at(-1)).toBe('no newline')
  })

  it('feeds stdin from memory', async () => {
    const r = await run({ cmd: 'cat', args: [] }, { echo: false, input: 'from stdin' })
    expect(r.stdout).toBe('from stdin')
  })

  it('kills the whole process tree on timeout', async () => {
    const started = Date.now()
    const r = await run({ cmd: 'sh', args: ['-c', 'sleep 30 & sleep 30; wait'] }, { echo: false, check: false, timeoutMs: 300 })
    expect(r.timedOut).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('says which program is missing', async () => {
    await expect(run({ cmd: 'no-such-program-xyz', args: [] }, { echo: false })).rejects.toThrow(/no-such-program-xyz was not found on PATH/)
  })

  it('refuses a registered secret on a command line and redacts it from errors', async () => {
    registerSecret('hunter2-very-secret')
    await expect(run({ cmd: 'echo', args: ['--password=hunter2-very-secret'] }, { echo: false })).rejects.toThrow(
      /refusing to put a secret on the command line of echo/,
    )
    const p = run({ cmd: 'sh', args: ['-c', 'cat >&2; exit 1'] }, { echo: false, input: 'token is hunter2-very-secret' })
    await expect(p).rejects.toThrow(/token is \*\*\*/)
    expect(redact('x hunter2-very-secret y')).toBe('x *** y')
  })
})

describe('pipe', () => {
  it('streams one process into another', async () => {
    const r = await pipe({ cmd: 'printf', args: ['a\\nb\\nc\\n'] }, { cmd: 'wc', args: ['-l'] }, { echo: false })
    expect(r.stdout.trim()).toBe('3')
  })

  it('fails when the producer fails, with its stderr', async () => {
    const p = pipe({ cmd: 'sh', args: ['-c', 'echo producer broke >&2; exit 4'] }, { cmd: 'cat', args: [] }, { echo: false })
    await expect(p).rejects.toThrow(/exit code 4:\nproducer broke/)
  })

  it('fails when the consumer fails', async () => {
    await expect(pipe({ cmd: 'echo', args: ['x'] }, { cmd: 'sh', args: ['-c', 'cat >/dev/null; exit 5'] }, { echo: false })).rejects.toThrow(/exit code 5/)
  })

  it('tees the stream to a reader in this process: both see every byte', async () => {
    let copied: Promise<number> | undefined
    const r = await pipe(
      { cmd: 'head', args: ['-c', '3000000', '/dev/zero'] },
      { cmd: 'wc', args: ['-c'] },
      {
        echo: false,
        tee: (copy) => {
          copied = (async () => {
            let n = 0
            for await (const chunk of copy) n += (chunk as Buffer).length
            return n
          })()
        },
      },
    )
    expect(r.stdout.trim()).toBe('3000000')
    expect(await copied).toBe(3000000)
  })

  it('a tee reader that gives up (an archive the SBOM scanner cannot parse) does not hold up the consumer', async () => {
    // Far more than the pipes buffer: the producer would block for good if the copy stopped being read.
    const teeTo = async (source: string) => {
      let scanned: Promise<unknown> = Promise.resolve()
      const r = await pipe(
        { cmd: 'head', args: ['-c', '8000000', source] },
        { cmd: 'wc', args: ['-c'] },
        {
          echo: false,
          tee: (copy) => {
            scanned = scanAlongside(copy)
            scanned.catch(() => undefined)
          },
        },
      )
      return { consumed: r.stdout.trim(), scanned }
    }
    const zeros = await teeTo('/dev/zero')
    expect(zeros.consumed).toBe('8000000')
    // Zero blocks end a tar: the scanner stops at once and the rest of the copy is drained.
    await expect(zeros.scanned).resolves.toMatchObject({ layers: 0, storePaths: [] })
    const garbage = await teeTo('/dev/urandom')
    expect(garbage.consumed).toBe('8000000')
    await expect(garbage.scanned).rejects.toThrow(/not a tar archive/)
    // A stalled pipe would otherwise wait for the suite's 5-minute timeout.
  }, 20_000)
})

describe('lendStdout', () => {
  const dirs: string[] = []
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

  it('lends every byte in order, in a few buffers read into again and again', async () => {
    dirs.push(await mkdtemp(join(tmpdir(), 'lend-')))
    const file = join(dirs[0], 'bytes')
    const bytes = randomBytes(12_000_000)
    await writeFile(file, bytes)
    const output = await lendStdout({ cmd: 'cat', args: [file] }, { echo: false })
    const hash = createHash('sha256')
    const buffers = new Set<ArrayBufferLike>()
    let pieces = 0
    const ended = await output.lend((chunk, giveBack) => {
      hash.update(chunk)
      buffers.add(chunk.buffer)
      pieces++
      // Given back later, as a socket's write callback does; twice, which must change nothing.
      setImmediate(() => {
        giveBack()
        giveBack()
      })
    })
    expect(ended).toBe(true)
    await expect(output.done).resolves.toMatchObject({ code: 0 })
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(pieces).toBeGreaterThan(100)
    // At most 16 lent, and one being read into.
    expect(buffers.size).toBeLessThanOrEqual(17)
  })

  it('reads no further while 16 pieces are lent, and goes on once they are given back', async () => {
    const output = await lendStdout({ cmd: 'head', args: ['-c', '4000000', '/dev/zero'] }, { echo: false })
    const held: (() => void)[] = []
    let holding = true
    let bytes = 0
    const ended = output.lend((chunk, giveBack) => {
      bytes += chunk.length
      if (holding) held.push(giveBack)
      else giveBack()
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(held).toHaveLength(16)
    expect(bytes).toBeLessThan(4000000)
    // From now on each piece is given back as it comes.
    holding = false
    held.forEach((giveBack) => giveBack())
    await expect(ended).resolves.toBe(true)
    expect(bytes).toBe(4000000)
  })

  it('is told how a process that ends at once ended, with its stderr (a race that once hung the load)', async () => {
    for (let i = 0; i < 20; i++) {
      const output = await lendStdout({ cmd: 'sh', args: ['-c', 'printf abc; echo "stream: out of disk" >&2; exit 3'] }, { echo: false })
      const chunks: Buffer[] = []
      await expect(output.lend((chunk, giveBack) => (chunks.push(Buffer.from(chunk)), giveBack()))).resolves.toBe(true)
      expect(Buffer.concat(chunks).toString()).toBe('abc')
      await expect(output.done).rejects.toThrow(/exit code 3:\nstream: out of disk/)
    }
  }, 20_000)

  it('a killed run ends its lending unfinished, and its process', async () => {
    const output = await lendStdout({ cmd: 'sh', args: ['-c', 'cat /dev/zero; sleep 30'] }, { echo: false })
    const ended = output.lend((_chunk, giveBack) => giveBack())
    await new Promise((r) => setTimeout(r, 100))
    output.kill()
    await expect(ended).resolves.toBe(false)
    await expect(output.done).rejects.toThrow(CommandError)
  })

  it('names a program that is not there', async () => {
    const output = await lendStdout({ cmd: 'nca-no-such-program', args: [] }, { echo: false })
    await expect(output.done).rejects.toThrow(/nca-no-such-program was not found on PATH/)
    output.kill()
  })
})

describe('which', () => {
  it('finds executables on a given PATH only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'which-'))
    await writeFile(join(dir, 'tool'), '#!/bin/sh\n')
    await writeFile(join(dir, 'data'), '')
    await chmod(join(dir, 'tool'), 0o755)
    expect(await which('tool', dir)).toBe(join(dir, 'tool'))
    expect(await which('data', dir)).toBeUndefined()
  })
})
