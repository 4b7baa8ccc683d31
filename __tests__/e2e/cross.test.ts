// Images cross-compiled on x86_64-linux, as the seed's repository now makes them: every image is an
// x86_64-linux derivation named per target (the fixture's cross-images.nix, greet.c compiled by
// Debian's aarch64-linux-gnu-gcc), and the input installables maps each system to its attribute.
// With emulate: false and the stack's Nix, which has no extra platform for aarch64-linux, nothing of
// aarch64-linux can be built here, yet the run builds both images natively in one nix build and
// smoke-tests the arm64 one through the binfmt handler the runner already has. An image whose config
// says another architecture fails the run after the build, before anything is loaded or pushed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { images, nixBuildCalls, runAction, type ActionRun } from '../helpers/action.js'
import { FIXTURE_DIR, githubApiServer, makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { docker } from '../helpers/docker.js'
import { type Index, pushInputs, registryTags, skopeoInspect, stackRegistry } from '../helpers/registry.js'

const X86 = '.#packages.x86_64-linux.greetCrossContainer-x86_64'
const ARM = '.#packages.x86_64-linux.greetCrossContainer-aarch64'
const MISLABELLED = '.#packages.x86_64-linux.greetCrossMislabelledContainer-aarch64'
const unique = `${process.pid}-${Date.now().toString(36)}`
const mapping = (arm: string) => `x86_64-linux=${X86}\naarch64-linux=${arm}`

let flake: string
let env: Record<string, string>
let api: Awaited<ReturnType<typeof githubApiServer>>

beforeAll(async () => {
  env = stackEnv()
  process.env.NIX_CONFIG = env.NIX_CONFIG
  // A program of its own for this run, so its derivations are built here, not found in the store.
  const greet = readFileSync(join(FIXTURE_DIR, 'greet.c'), 'utf8')
  flake = await makeFixtureRepo({ 'greet.c': `${greet}/* ${unique} */\n` })
  api = await githubApiServer()
})

afterAll(async () => {
  await api.close()
})

/** The derivations a run's nix build built, read from its log, and the system each declares. */
function builtDerivations(run: ActionRun): [string, string][] {
  return [...run.log.matchAll(/^building '(\/nix\/store\/[^']+\.drv)'/gm)].map((m) => [
    m[1],
    /\("system","([^"]+)"\)/.exec(readFileSync(m[1], 'utf8'))?.[1] ?? '?',
  ])
}

describe('images cross-compiled on x86_64-linux, named per target (input installables)', () => {
  let run: ActionRun

  beforeAll(async () => {
    run = await runAction({ cwd: flake, inputs: { container: 'greetCrossContainer', installables: mapping(ARM), emulate: 'false' } })
  })

  it('is a run where an aarch64-linux derivation cannot be built: the default installables are refused', async () => {
    const refused = await runAction({ cwd: flake, inputs: { container: 'greetContainer', emulate: 'false' } })
    expect(refused.errors.join('\n')).toMatch(/Cannot build aarch64-linux on this x86_64-linux runner[\s\S]*map aarch64-linux to a x86_64-linux derivation/)
    expect(nixBuildCalls(refused.log)).toHaveLength(0)
  })

  it('succeeds, with both images built and smoke-tested', () => {
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(images(run).map((i) => [i.system, i.platform, i.kind, i.test])).toEqual([
      ['x86_64-linux', 'linux/amd64', 'archive', 'passed'],
      ['aarch64-linux', 'linux/arm64', 'archive', 'passed'],
    ])
  })

  it('evaluates the installables before planning, and plans the arm64 image as cross-compiled', () => {
    expect(run.log).toContain(`installables: ${X86} is a x86_64-linux derivation; ${ARM} is a x86_64-linux derivation`)
    expect(run.summary).toContain('| greetCrossContainer | x86_64-linux | linux/amd64 | native | native |')
    expect(run.summary).toContain('| greetCrossContainer | aarch64-linux | linux/arm64 | cross-compiled on x86_64-linux | emulated |')
  })

  it('builds both in one nix build of the mapped installables: only x86_64-linux derivations, no extra platform', () => {
    expect(nixBuildCalls(run.log)).toHaveLength(1)
    expect(nixBuildCalls(run.log)[0]).toMatch(new RegExp(`${X86.replace(/\./g, '\\.')} ${ARM.replace(/\./g, '\\.')}$`))
    const built = builtDerivations(run)
    expect(built.map(([drv]) => drv)).toEqual(
      expect.arrayContaining([expect.stringMatching(/-greet-aarch64\.drv$/), expect.stringMatching(/-greet-cross\.tar\.drv$/)]),
    )
    expect(built.filter(([, system]) => system !== 'x86_64-linux')).toEqual([])
    expect(run.log).not.toMatch(/extra-platforms/)
  })

  it('sets up no QEMU: the arm64 program runs through the handler the runner already has', () => {
    expect(run.log).not.toMatch(/registered \S*qemu-aarch64-static|QEMU handlers already registered/)
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: x86_64/)
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: aarch64/)
  })

  it("reads the cross-compiled image's platform before loading it, leaves the native one to the load, and loads each under its own reference", () => {
    // The x86_64 image is an x86_64-linux derivation: its archive is not read again, the load checks it.
    expect(run.log).toContain('greetCrossContainer x86_64-linux: checked as it is loaded (its recipe is not in this store)')
    expect(run.log).toMatch(/greetCrossContainer aarch64-linux: linux\/arm64, read from its config \S+\.json, read from the archive/)
    expect(run.log.indexOf('read from the archive')).toBeLessThan(run.log.indexOf('[command]docker load'))
    for (const image of images(run)) {
      const arch = image.platform.split('/')[1]
      expect(image.reference).toBe(`greet-cross:latest-${arch}`)
      expect(docker('image', 'inspect', '--format', '{{.Id}} {{.Architecture}}', image.reference)).toBe(`${image.imageId} ${arch}`)
    }
  })
})

describe("the seed's layout: nix2container images cross-compiled, pushed by the flake's own manifest app (its skopeo nix: transport is a STAND-IN)", () => {
  // greetCrossN2cManifest has the seed's mkMultiArchManifest contract (multi-arch-manifest.nix):
  // per-arch tags <version>-amd64/-arm64, one index under the version, copied to each of TAGS.
  const N2C_X86 = '.#packages.x86_64-linux.greetCrossN2cContainer-x86_64'
  const N2C_ARM = '.#packages.x86_64-linux.greetCrossN2cContainer-aarch64'
  const repository = `n2c-e2e/greet-${unique}`
  let run: ActionRun

  beforeAll(async () => {
    run = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetCrossN2cContainer',
        installables: `x86_64-linux=${N2C_X86}\naarch64-linux=${N2C_ARM}`,
        emulate: 'false',
        push: 'true',
        repository,
        ...pushInputs(stackRegistry(false, env)),
      },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_API_URL: api.url, NCA_E2E_ID: unique },
    })
  })

  it('builds both images as x86_64-linux derivations with no QEMU, and tests each', () => {
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => [i.system, i.platform, i.kind, i.test])).toEqual([
      ['x86_64-linux', 'linux/amd64', 'nix2container', 'passed'],
      ['aarch64-linux', 'linux/arm64', 'nix2container', 'passed'],
    ])
    expect(builtDerivations(run).filter(([, system]) => system !== 'x86_64-linux')).toEqual([])
    expect(run.log).not.toMatch(/registered \S*qemu-aarch64-static|QEMU handlers already registered/)
    expect(run.log).toMatch(/greetCrossN2cContainer aarch64-linux: linux\/arm64, read from its image\.json/)
  })

  it("runs the flake's manifest app, not the builtin publisher, once its inputs were checked to be the tested images", () => {
    expect(run.log).not.toMatch(/the builtin publisher pushes it by digest/)
    expect(run.log).toMatch(/greetCrossN2cManifest is not a flocken script \(\S+\), so where it pushes cannot be read before it runs/)
    expect(run.log).toContain('Pushed 127.0.0.1:5000/' + repository + ':1.2.3, also tagged')
  })

  it("reads back the index under the inputs' tags, and checks the per-arch and version tags its script names", async () => {
    expect(run.outputs.digest).toMatch(/^sha256:/)
    expect(run.log).toContain(`the tags its script names there: 1.2.3-arm64, 1.2.3-amd64`)
    const tags = await registryTags(repository)
    expect(tags).toEqual(expect.arrayContaining(['1.2.3', '1.2.3-amd64', '1.2.3-arm64']))
    expect(run.summary).toMatch(/The manifest app also tagged in `[^`]+`: .*1\.2\.3-arm64 \(the linux\/arm64 image\), 1\.2\.3-amd64 \(the linux\/amd64 image\)/)
    const index = JSON.parse(skopeoInspect(stackRegistry(false, env), repository, '1.2.3')) as Index
    expect(index.manifests.map((m) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    expect(
      `sha256:${createHash('sha256')
        .update(skopeoInspect(stackRegistry(false, env), repository, '1.2.3'))
        .digest('hex')}`,
    ).toBe(run.outputs.digest)
  })
})

describe('an image that says another architecture than the system it is mapped to', () => {
  /** A push run of greetCrossContainer with the builtin publisher to `repository`, tag cross. */
  const pushRun = (repository: string, inputs: Record<string, string>) =>
    runAction({
      cwd: flake,
      inputs: {
        container: 'greetCrossContainer',
        emulate: 'false',
        push: 'true',
        publisher: 'builtin',
        repository,
        tags: 'cross',
        ...pushInputs(stackRegistry(false, env)),
        ...inputs,
      },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_API_URL: api.url },
    })

  it('fails after the build, before anything is loaded or pushed, naming the system, the installable and what the image says', async () => {
    const leftover = docker('images', '--quiet', 'greet-cross-mislabelled')
    if (leftover) docker('rmi', '--force', ...leftover.split('\n'))
    const repository = `cross-e2e/mislabelled-${unique}`
    const run = await pushRun(repository, { installables: mapping(MISLABELLED) })
    expect(run.code).not.toBe(0)
    expect(run.errors.join('\n')).toMatch(
      /An image is not for the system it was built as; nothing was loaded or pushed\.\n {2}- greetCrossContainer aarch64-linux \(\.#packages\.x86_64-linux\.greetCrossMislabelledContainer-aarch64\) says linux\/amd64 \(its config \S+\.json, read from the archive\), not linux\/arm64: build it with the dockerTools of a aarch64-linux package set \(pkgsCross\) or set architecture = "arm64"\./,
    )
    expect(nixBuildCalls(run.log)).toHaveLength(1)
    expect(run.log).not.toMatch(/\[command\]docker load/)
    expect(docker('images', '--quiet', 'greet-cross-mislabelled')).toBe('')
    expect(await registryTags(repository)).toBeUndefined()
    expect(images(run).map((i) => [i.system, i.test])).toEqual([
      ['x86_64-linux', 'not run'],
      ['aarch64-linux', 'not run'],
    ])
  })

  it("an image of its own system's derivation without its recipe here is checked by the load, before any push", async () => {
    // An x86_64-linux derivation mapped to x86_64-linux whose image says arm64: not cross-compiled, so
    // its archive is not read before the load; the load's inspection refuses it, and nothing is pushed.
    const repository = `cross-e2e/loaded-${unique}`
    const run = await pushRun(repository, { architectures: 'x86_64-linux', installables: `x86_64-linux=${ARM}` })
    expect(run.code).not.toBe(0)
    expect(run.log).toContain('greetCrossContainer x86_64-linux: checked as it is loaded (its recipe is not in this store)')
    expect(run.errors.join('\n')).toContain(`${ARM} built an image for linux/arm64, not linux/amd64: check the image's architecture in the flake.`)
    expect(await registryTags(repository)).toBeUndefined()
  })
})
