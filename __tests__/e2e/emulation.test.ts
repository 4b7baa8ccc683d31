// QEMU setup for real: the aarch64 handler is removed from the kernel's binfmt_misc, and the
// action must register it again itself (with the fix-binary flag) before it builds and runs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { images, runAction } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'

const HANDLER = '/proc/sys/fs/binfmt_misc/qemu-aarch64'
let flake: string

beforeAll(async () => {
  process.env.NIX_CONFIG = stackEnv().NIX_CONFIG
  flake = await makeFixtureRepo()
})

/** As root: directly, or through passwordless sudo in a runner lane (as on GitHub's runners). */
function asRoot(cmd: string, args: string[], input?: string): void {
  const root = process.getuid?.() === 0
  execFileSync(root ? cmd : 'sudo', root ? args : ['-n', cmd, ...args], { input, stdio: ['pipe', 'ignore', 'ignore'] })
}

afterAll(() => {
  // Leave the machine as the stack set it up, whatever the test did.
  asRoot('bash', ['scripts/stack.sh', 'start'])
})

describe('QEMU user emulation', () => {
  it('registers the missing aarch64 handler, then builds and runs the aarch64 image', async () => {
    asRoot('tee', [HANDLER], '-1')
    await expect(readFile(HANDLER, 'utf8')).rejects.toThrow()
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', architectures: 'aarch64-linux' } })
    expect(run.errors).toEqual([])
    expect(run.log).toMatch(/registered \S*qemu-aarch64-static for aarch64-linux \(binfmt_misc, fix-binary\)/)
    expect(await readFile(HANDLER, 'utf8')).toMatch(/^flags: .*F/m)
    expect(images(run)[0].test).toBe('passed')
    expect(run.log).toMatch(/arch: aarch64/)
  })
})
