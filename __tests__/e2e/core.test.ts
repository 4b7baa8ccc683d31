// The core pipeline against the real stack: Nix builds the fixture flake's images for both
// architectures, the real Docker daemon loads them and runs them (aarch64 under QEMU).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { images, nixBuildCalls, runAction } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { docker } from '../helpers/docker.js'

let flake: string

beforeAll(async () => {
  ;({ flake } = await fixtureOnStack())
})

describe.each([
  ['greetContainer', 'archive', 'greet'],
  ['greetContainerGz', 'archive-gz', 'greet-gz'],
  ['greetStream', 'stream', 'greet-stream'],
])('%s (%s image) on both architectures', (container, kind, name) => {
  let run: Awaited<ReturnType<typeof runAction>>
  let tmp: string

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'nca-tmp-'))
    run = await runAction({ cwd: flake, inputs: { container }, env: { TMPDIR: tmp } })
  })

  it('succeeds with both images tested', () => {
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(images(run).map((i) => [i.system, i.platform, i.kind, i.test])).toEqual([
      ['x86_64-linux', 'linux/amd64', kind, 'passed'],
      ['aarch64-linux', 'linux/arm64', kind, 'passed'],
    ])
  })

  it('leaves one image per architecture in the daemon, under a reference read from docker load', () => {
    for (const image of images(run)) {
      expect(image.reference).toBe(`${name}:latest-${image.platform.split('/')[1]}`)
      const [id, arch] = docker('image', 'inspect', '--format', '{{.Id}} {{.Architecture}}', image.reference).split(' ')
      expect(id).toBe(image.imageId)
      expect(arch).toBe(image.platform.split('/')[1])
    }
    expect(run.outputs.image).toBe(`${name}:latest-amd64`)
    // The native image is loaded last, so the plain tag is the runner's own architecture.
    expect(docker('image', 'inspect', '--format', '{{.Architecture}}', `${name}:latest`)).toBe('amd64')
  })

  it('ran each container on its own architecture (aarch64 through QEMU)', () => {
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: x86_64/)
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: aarch64/)
    const arm = images(run).find((i) => i.system === 'aarch64-linux')!
    expect(docker('run', '--rm', '--network', 'none', '--platform', 'linux/arm64', arm.reference, 'world')).toBe('hello world')
  })

  it('builds both systems in one nix build and writes no tarball of its own', async () => {
    expect(nixBuildCalls(run.log)).toHaveLength(1)
    expect(nixBuildCalls(run.log)[0]).toContain(`.#packages.x86_64-linux.${container} .#packages.aarch64-linux.${container}`)
    expect(run.log).not.toMatch(/--system/)
    expect(await readdir(tmp)).toEqual([])
  })

  it("keeps each image a garbage collector root for the job (a daemon's own GC cannot take it before the push)", () => {
    for (const image of images(run)) {
      const roots = execFileSync('nix-store', ['--query', '--roots', image.storePath], { encoding: 'utf8' })
      expect(roots).toMatch(new RegExp(`/nca-build-[^/]+/result(-\\d+)? -> ${image.storePath}$`, 'm'))
    }
  })

  it('writes a job summary with the plan and the images', () => {
    expect(run.summary).toContain('### Plan')
    expect(run.summary).toMatch(new RegExp(`\\| ${container} \\| linux/arm64 \\| ${kind} \\| \`${name}:latest-arm64\` \\|.*passed`))
    expect(run.summary).toContain('Pull request: images were built and tested; nothing was pushed.')
  })
})

describe('the core pipeline', () => {
  it('builds several containers for both systems in ONE nix build', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer, greetContainerGz', architectures: 'amd64\narm64' } })
    expect(run.errors).toEqual([])
    expect(images(run)).toHaveLength(4)
    expect(nixBuildCalls(run.log)).toHaveLength(1)
    expect(nixBuildCalls(run.log)[0].match(/#packages\./g)).toHaveLength(4)
  })

  it('fails when the tool exits non-zero, with its output in the error', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'failContainer', architectures: 'x86_64-linux' } })
    expect(run.code).not.toBe(0)
    expect(run.errors.join('\n')).toMatch(/Smoke test failed for failContainer linux\/amd64; nothing was pushed/)
    expect(run.errors.join('\n')).toMatch(/exited with code 3:\nfail: broken on purpose/)
    expect(images(run)[0].test).toBe('failed')
  })

  it('passes test-args literally and runs a named tool that is not the entrypoint', async () => {
    const run = await runAction({
      cwd: flake,
      inputs: { container: 'greetContainer', architectures: 'arm64', tool: 'busybox', 'test-args': `echo '$(id); rm -rf /'` },
    })
    expect(run.errors).toEqual([])
    expect(run.log).toContain('--entrypoint busybox')
    expect(run.log).toMatch(/^\$\(id\); rm -rf \/$/m)
  })

  it('fails clearly when the tool is not in the image', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', architectures: 'x86_64-linux', tool: 'fd' } })
    expect(run.errors.join('\n')).toMatch(/fd.*(not found|no such file)/i)
  })

  it('skips the smoke test when test is false, but still loads', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'failContainer', test: 'false' } })
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => i.test)).toEqual(['skipped', 'skipped'])
  })

  it('names the missing attribute and lists what the flake has, before building anything', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'nopeContainer' } })
    expect(run.errors.join('\n')).toMatch(
      /Input 'container': the flake \. has no packages\.x86_64-linux\.nopeContainer; its packages for x86_64-linux are: .*greetContainer/,
    )
  })

  it('with emulate false, refuses a foreign system before any build, naming the ways out', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', emulate: 'false' } })
    expect(run.errors.join('\n')).toMatch(/Cannot build aarch64-linux on this x86_64-linux runner[\s\S]*ubuntu-24.04-arm[\s\S]*emulate: auto/)
    expect(nixBuildCalls(run.log)).toHaveLength(0)
  })

  it('rejects bad input before any work', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'a; rm -rf /', architectures: 'sparc' } })
    expect(run.errors).toEqual([expect.stringMatching(/^Input 'container'/)])
    expect(run.log).not.toContain('[command]')
  })
})
