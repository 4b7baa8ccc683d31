// The CLI under the seed's recipe names (multi-arch-container-builds.md), each run on the fixture
// flake from the bundle, checked by its effects: the result-<system> links and what they point at,
// the images in Docker, the smoke tests' output, the binary cache's contents.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { FIXTURE_DIR, makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { type Cli, cliIn } from '../helpers/cli.js'

const exec = promisify(execFile)
const SYSTEMS = ['x86_64-linux', 'aarch64-linux'] as const
type System = (typeof SYSTEMS)[number]
const NATIVE: System = process.arch === 'arm64' ? 'aarch64-linux' : 'x86_64-linux'
const OTHER: System = NATIVE === 'x86_64-linux' ? 'aarch64-linux' : 'x86_64-linux'
const ARCH = { 'x86_64-linux': 'amd64', 'aarch64-linux': 'arm64' } as const
const UNAME = { 'x86_64-linux': 'x86_64', 'aarch64-linux': 'aarch64' } as const

let flake: string
let env: Record<string, string>
let cli: Cli
/** greetContainer's output path for each system, as Nix evaluates it. */
let outPath: Record<System, string>
const imageIds = new Set<string>()

const nixEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NIX_CONFIG: env.NIX_CONFIG })
const link = (system: System): string => join(flake, `result-${system}`)

/** The image id Docker gives the archive a link points at: its config's digest (manifest.json). */
async function archiveImageId(path: string): Promise<string> {
  const { stdout } = await exec('tar', ['-xOf', path, 'manifest.json'])
  const [manifest] = JSON.parse(stdout) as { Config: string }[]
  return `sha256:${manifest.Config.replace(/\.json$/, '')}`
}

/** What Docker has under an image id, or undefined when it has no such image. */
async function dockerImage(id: string): Promise<{ Id: string; Architecture: string } | undefined> {
  const r = await exec('docker', ['image', 'inspect', id]).catch(() => undefined)
  return r ? (JSON.parse(r.stdout) as { Id: string; Architecture: string }[])[0] : undefined
}

/** The link exists, points at the image Nix evaluates for that system; its image id. */
async function expectLinked(system: System): Promise<string> {
  expect(await readlink(link(system))).toBe(outPath[system])
  const id = await archiveImageId(link(system))
  imageIds.add(id)
  return id
}

async function expectLoaded(system: System): Promise<void> {
  const image = await dockerImage(await archiveImageId(link(system)))
  expect(image?.Architecture).toBe(ARCH[system])
}

beforeAll(async () => {
  env = stackEnv()
  // Images of their own (greet.sh is in the image): not in Docker before this file loads them.
  const greet = await readFile(join(FIXTURE_DIR, 'greet.sh'), 'utf8')
  flake = await makeFixtureRepo({ 'greet.sh': `${greet}# cli-seed.test.ts ${process.pid}-${Date.now()}\n` })
  cli = cliIn(flake, env.NIX_CONFIG)
  const { stdout } = await exec('nix', ['eval', '--json', `${flake}#packages`, '--apply', 'ps: builtins.mapAttrs (s: p: p.greetContainer.outPath) ps'], {
    env: nixEnv(),
  })
  outPath = JSON.parse(stdout) as Record<System, string>
})

afterAll(async () => {
  // Only this file's own images (their content is unique to this run).
  for (const id of imageIds) await exec('docker', ['image', 'rm', '--force', id]).catch(() => undefined)
})

describe("the CLI speaks the seed's language: every recipe of multi-arch-container-builds.md", () => {
  it('--help lists each seed recipe beside the CLI command it is', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    const pairs = [
      ['all <container> <tool> [system]', 'container-all'],
      ['multiarch <container> <tool>', 'container-all-multiarch'],
      ['build <container> [system]', 'build-container'],
      ['build-multiarch <container>', 'build-multiarch'],
      ['load [system]', 'load-container'],
      ['load-native', 'load-native'],
      ['test <tool> [system]', 'test-container'],
      ['check-rosetta-cache', 'check-rosetta-cache'],
      ['cache-rosetta-builder', 'cache-rosetta-builder'],
    ]
    for (const [command, seed] of pairs) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command.replace(/[[\]]/g, '\\$&')} +just ${seed}$`, 'm'))
    }
    // Wrong arguments are reported under the name that was typed.
    const wrong = await cli(['container-all', 'greetContainer'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('usage: nix-container-action container-all <container> <tool> [system]')
    expect((await cli(['load-native', 'x86_64-linux'])).code).toBe(2)
    expect((await cli(['test-container', 'greet', 'sparc'])).stderr).toMatch(/"sparc" is not a system/)
  })

  it(`build-multiarch links result-<system> for both systems and loads nothing; load-native loads ${NATIVE}; load-container / test-container take a system`, async () => {
    const build = await cli(['build-multiarch', 'greetContainer'])
    expect(build.code).toBe(0)
    // One nix build for both systems, as the action builds them.
    expect(build.stderr.match(/\[command\]\S*nix build/g)).toHaveLength(1)
    const ids = { [NATIVE]: await expectLinked(NATIVE), [OTHER]: await expectLinked(OTHER) } as Record<System, string>
    for (const system of SYSTEMS) expect(await dockerImage(ids[system])).toBeUndefined()

    const native = await cli(['load-native'])
    expect(native.code).toBe(0)
    expect(native.stderr).toContain(`loaded greet:latest-${ARCH[NATIVE]} (${ids[NATIVE]}) from result-${NATIVE}`)
    await expectLoaded(NATIVE)
    expect(await dockerImage(ids[OTHER])).toBeUndefined()
    const test = await cli(['test-container', 'greet'])
    expect(test.code).toBe(0)
    expect(test.stderr).toMatch(new RegExp(`^arch: ${UNAME[NATIVE]}$`, 'm'))
    expect(test.stderr).toContain(`greet:latest-${ARCH[NATIVE]}: passed`)

    // The other system, named: loaded from its own link and run through QEMU.
    const other = await cli(['load-container', OTHER])
    expect(other.code).toBe(0)
    await expectLoaded(OTHER)
    const otherTest = await cli(['test-container', 'greet', OTHER])
    expect(otherTest.code).toBe(0)
    expect(otherTest.stderr).toMatch(new RegExp(`^arch: ${UNAME[OTHER]}$`, 'm'))
    expect(otherTest.stderr).toContain(`greet:latest-${ARCH[OTHER]}: passed`)
  })

  it('build-container, load-container, test-container: the native system when none is named', async () => {
    await rm(link(NATIVE), { force: true })
    const build = await cli(['build-container', 'greetContainer'])
    expect(build.code).toBe(0)
    const id = await expectLinked(NATIVE)
    const load = await cli(['load-container'])
    expect(load.code).toBe(0)
    expect(load.stderr).toContain(`(${id}) from result-${NATIVE}`)
    await expectLoaded(NATIVE)
    const test = await cli(['test-container', 'greet'])
    expect(test.code).toBe(0)
    expect(test.stderr).toMatch(new RegExp(`^arch: ${UNAME[NATIVE]}$`, 'm'))
  })

  it('container-all <container> <tool> [system]: builds, links, loads and tests one system; test-container then tests what it loaded', async () => {
    await rm(link(NATIVE), { force: true })
    const run = await cli(['container-all', 'greetContainer', 'greet', NATIVE, '--json'])
    expect(run.code).toBe(0)
    const images = (JSON.parse(run.stdout) as { images: { platform: string; storePath: string; imageId: string; test: string }[] }).images
    expect(images.map((i) => `${i.platform}:${i.test}`)).toEqual([`linux/${ARCH[NATIVE]}:passed`])
    const id = await expectLinked(NATIVE)
    expect(images[0]).toMatchObject({ storePath: outPath[NATIVE], imageId: id })
    await expectLoaded(NATIVE)
    expect(run.stderr).toMatch(new RegExp(`^arch: ${UNAME[NATIVE]}$`, 'm'))
    const again = await cli(['test-container', 'greet', NATIVE])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain(`greet:latest-${ARCH[NATIVE]}: passed`)
  })

  it('container-all-multiarch <container> <tool>: both systems built in one nix build, linked, loaded and tested', async () => {
    for (const system of SYSTEMS) await rm(link(system), { force: true })
    const run = await cli(['container-all-multiarch', 'greetContainer', 'greet', '--json'])
    expect(run.code).toBe(0)
    expect(run.stderr.match(/\[command\]\S*nix build/g)).toHaveLength(1)
    const images = (JSON.parse(run.stdout) as { images: { system: string; imageId: string; test: string }[] }).images
    expect(images.map((i) => `${i.system}:${i.test}`).sort()).toEqual(['aarch64-linux:passed', 'x86_64-linux:passed'])
    for (const system of SYSTEMS) {
      const id = await expectLinked(system)
      expect(images.find((i) => i.system === system)?.imageId).toBe(id)
      await expectLoaded(system)
      expect(run.stderr).toMatch(new RegExp(`^arch: ${UNAME[system]}$`, 'm'))
    }
  })

  it('check-rosetta-cache / cache-rosetta-builder on this Linux machine: no nix-rosetta-builder, so check warns (exit 0, as the seed) and cache fails naming what is missing (exit 1)', async () => {
    const cache = `file://${await mkdtemp(join(tmpdir(), 'nca-rosetta-none-'))}`
    // A NixOS machine has /run/current-system, without the builder; any other Linux machine has none.
    const missing = existsSync('/run/current-system')
      ? /nix-rosetta-builder is not in \/run\/current-system: its closure has no rosetta-builder\.yaml/
      : /\/run\/current-system does not exist: this machine is not running a nix-darwin system, so it has no nix-rosetta-builder/
    const check = await cli(['check-rosetta-cache', '--binary-cache', cache])
    expect(check.code).toBe(0)
    expect(check.stderr).toMatch(/^warning: /m)
    expect(check.stderr).toMatch(missing)
    expect(check.stderr).toContain('Nothing to check.')
    expect(check.stdout).toBe('')
    const push = await cli(['cache-rosetta-builder', '--binary-cache', cache])
    expect(push.code).toBe(1)
    expect(push.stderr).toMatch(/^error: /m)
    expect(push.stderr).toMatch(missing)
    expect(push.stderr).not.toMatch(/^\s+at /m)
    // A system without the builder (here: an image's store path) is told apart from no system at all.
    const notDarwin = await cli(['cache-rosetta-builder', '--binary-cache', cache, '--current-system', outPath[NATIVE]])
    expect(notDarwin.code).toBe(1)
    expect(notDarwin.stderr).toMatch(/nix-rosetta-builder is not in \S+: its closure has no rosetta-builder\.yaml .*nix-rosetta-builder\.enable = true/)
    // Without a cache there is nothing to do on any machine: bad usage.
    const noCache = await cli(['check-rosetta-cache'])
    expect(noCache.code).toBe(2)
    expect(noCache.stderr).toMatch(/check-rosetta-cache needs a cache: --cachix-name <name> \(or \$CACHIX_CACHE_NAME\) or --binary-cache <url>/)
  })

  it("check-rosetta-cache / cache-rosetta-builder with a nix-darwin system that has one (a stand-in built here: the module's rosetta-builder.yaml and a VM image): missing, pushed to a file:// cache, then present", async () => {
    // STAND-IN for a nix-darwin system: what the seed's recipes read of it is its closure, which holds
    // <hash>-rosetta-builder.yaml, whose images: list gives the VM image as <store path>/nixos.qcow2.
    const cpu = NATIVE.split('-')[0]
    const expr = `
      let
        bb = "/opt/nca-fixture/busybox-${cpu}";
        mk = name: script: derivation { inherit name; system = "${NATIVE}"; builder = bb; args = [ "sh" "-c" script ]; };
        image = mk "nixos-rosetta-image" "\${bb} mkdir $out && echo qcow2 > $out/nixos.qcow2";
        yaml = mk "rosetta-builder.yaml" "printf 'cpus: 8\\\\nimages:\\\\n- location: \${image}/nixos.qcow2\\\\nmemory: 6GiB\\\\n' > $out";
      in mk "darwin-system-stand-in" "\${bb} mkdir $out && \${bb} ln -s \${yaml} $out/rosetta-builder.yaml"`
    const { stdout } = await exec('nix', ['build', '--no-link', '--print-out-paths', '--impure', '--expr', expr], { env: nixEnv() })
    const system = stdout.trim()
    const { stdout: closure } = await exec('nix-store', ['--query', '--requisites', system], { env: nixEnv() })
    const image = closure.split('\n').find((p) => p.endsWith('-nixos-rosetta-image'))!
    const dir = await mkdtemp(join(tmpdir(), 'nca-rosetta-cache-'))
    const args = ['--current-system', system, '--binary-cache', `file://${dir}`]

    const before = await cli(['check-rosetta-cache', ...args])
    expect(before.code).toBe(1)
    expect(before.stderr).toMatch(new RegExp(`nix-rosetta-builder VM image: ${image} \\(from /\\S+-rosetta-builder\\.yaml\\)`))
    expect(before.stdout).toBe(`file://${dir}\tmissing\t${image}\n`)
    expect(before.stderr).toContain('Push it with: nix-container-action cache-rosetta-builder')

    const push = await cli(['cache-rosetta-builder', ...args])
    expect(push.code).toBe(0)
    expect(push.stdout).toBe(`file://${dir}\tpushed\t${image}\n`)
    const narinfos = (await readdir(dir)).filter((f) => f.endsWith('.narinfo'))
    const stored = await Promise.all(narinfos.map(async (f) => /^StorePath: (\S+)$/m.exec(await readFile(join(dir, f), 'utf8'))?.[1]))
    expect(stored).toContain(image)

    const after = await cli(['check-rosetta-cache', ...args])
    expect(after.code).toBe(0)
    expect(after.stdout).toBe(`file://${dir}\tpresent\t${image}\n`)
  })
})
