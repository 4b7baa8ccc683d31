import { describe, expect, it } from '@jest/globals'
import { writeFile, chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { CommandError, pipe, redact, registerSecret, run, which } from '../../src/exec.js'
import { tempDir } from '../helpers/tmp.js'

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
    // run() ends when the last holder of the output pipe has gone, and both sleeps hold it: returning
    // before they would end on their own means the group was killed, however slow this machine is.
    expect(Date.now() - started).toBeLessThan(30_000)
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
})

describe('which', () => {
  it('finds executables on a given PATH only', async () => {
    const dir = tempDir('which')
    await writeFile(join(dir, 'tool'), '#!/bin/sh\n')
    await writeFile(join(dir, 'data'), '')
    await chmod(join(dir, 'tool'), 0o755)
    expect(await which('tool', dir)).toBe(join(dir, 'tool'))
    expect(await which('data', dir)).toBeUndefined()
  })
})
