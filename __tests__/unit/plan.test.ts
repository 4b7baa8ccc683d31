import { describe, expect, it } from '@jest/globals'
import { makePlan, PlanError, loadOrder, runnerMatrix } from '../../src/pipeline/plan.js'
import { type HostFacts, type LinuxSystem, type Builder, type Derivation } from '../../src/model.js'
import type { Emulate } from '../../src/config/settings.js'
import { extraPlatformsLine } from '../../src/nix/config.js'
import { planTable } from '../../src/pipeline/report.js'
const both: LinuxSystem[] = ['x86_64-linux', 'aarch64-linux']
const linuxX64: HostFacts = { system: 'x86_64-linux', binfmt: [], canEmulate: true, builders: [], docker: true }
const linuxArm: HostFacts = { ...linuxX64, system: 'aarch64-linux' }
const rosetta = { uri: 'ssh-ng://builder@rosetta-builder', systems: both }
// macOS cannot run here: these cases check the planner's choices for a darwin host, not a real Mac.
const macArm: HostFacts = { system: 'aarch64-darwin', binfmt: [], canEmulate: false, builders: [], docker: false }

function plan(host: HostFacts, emulate: Emulate = 'auto', systems = both, test = true) {
  return makePlan({ containers: [{ name: 'fdContainer' }], systems, flake: '.', emulate, test }, host)
}
const strategies = (p: ReturnType<typeof plan>) => p.entries.map((e) => `${e.system}:${e.build}/${e.run}`)

describe('makePlan', () => {
  it.each<[string, HostFacts, Emulate, string[], string[]]>([
    ['x86_64 runner, auto', linuxX64, 'auto', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    ['arm runner, auto', linuxArm, 'auto', ['x86_64-linux:emulated/emulated', 'aarch64-linux:native/native'], ['x86_64-linux']],
    ['x86_64 runner, emulate true', linuxX64, 'true', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    [
      'x86_64 runner with an aarch64 builder, auto: remote, tested under QEMU',
      { ...linuxX64, builders: [rosetta] },
      'auto',
      ['x86_64-linux:native/native', 'aarch64-linux:remote/emulated'],
      ['aarch64-linux'],
    ],
    [
      'x86_64 runner with a builder, emulate false: remote, not run',
      { ...linuxX64, builders: [rosetta] },
      'false',
      ['x86_64-linux:native/native', 'aarch64-linux:remote/none'],
      [],
    ],
    [
      'x86_64 runner with a builder, emulate true: QEMU wins',
      { ...linuxX64, builders: [rosetta] },
      'true',
      ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'],
      ['aarch64-linux'],
    ],
    [
      'x86_64 runner without sudo but with binfmt registered',
      { ...linuxX64, canEmulate: false, binfmt: ['aarch64-linux'] },
      'auto',
      ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'],
      ['aarch64-linux'],
    ],
    [
      'macOS (planner only: macOS cannot run here) with the rosetta builder',
      { ...macArm, builders: [rosetta] },
      'auto',
      ['x86_64-linux:remote/none', 'aarch64-linux:remote/none'],
      [],
    ],
    [
      'macOS (planner only: macOS cannot run here) with a builder and Docker Desktop',
      { ...macArm, builders: [rosetta], docker: true },
      'auto',
      ['x86_64-linux:remote/docker-vm', 'aarch64-linux:remote/docker-vm'],
      [],
    ],
  ])('%s', (_, host, emulate, expected, emulated) => {
    const p = plan(host, emulate)
    expect(strategies(p)).toEqual(expected)
    expect(p.emulate).toEqual(emulated)
  })

  it('uses explicit installables, never --system', () => {
    expect(plan(linuxX64).entries.map((e) => e.installable)).toEqual(['.#packages.x86_64-linux.fdContainer', '.#packages.aarch64-linux.fdContainer'])
    expect(plan(linuxX64).entries.map((e) => e.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it('warns that emulated builds are slow', () => {
    expect(plan(linuxX64).warnings).toEqual([expect.stringMatching(/aarch64-linux is built under QEMU emulation.*many times slower.*ubuntu-24.04-arm/)])
  })

  it('does not set up QEMU for a remote-built image when tests are off', () => {
    expect(plan({ ...linuxX64, builders: [rosetta] }, 'auto', both, false).emulate).toEqual([])
  })

  it.each<[string, HostFacts, Emulate, RegExp]>([
    [
      'emulate false on x86_64',
      linuxX64,
      'false',
      /Cannot build aarch64-linux on this x86_64-linux runner.*emulate is false[\s\S]*ubuntu-24.04-arm[\s\S]*builders and builder-ssh-key[\s\S]*set emulate: auto/,
    ],
    ['no sudo, no binfmt', { ...linuxX64, canEmulate: false }, 'auto', /QEMU cannot be set up[\s\S]*qemu-user-static/],
    [
      'macOS without a builder (planner only: macOS cannot run here)',
      macArm,
      'auto',
      /Cannot build x86_64-linux on this aarch64-darwin runner.*macOS runners need a Linux builder/,
    ],
  ])('fails before any work: %s', (_, host, emulate, message) => {
    expect(() => plan(host, emulate)).toThrow(PlanError)
    expect(() => plan(host, emulate)).toThrow(message)
  })

  it('without docker, a Linux runner fails before building unless tests are off', () => {
    const noDocker = { ...linuxX64, docker: false, dockerProblem: 'the Docker daemon is not reachable (Cannot connect)' }
    expect(() => plan(noDocker)).toThrow(
      /the Docker daemon is not reachable \(Cannot connect\): the images cannot be loaded and smoke-tested\. Start the Docker daemon .* or set test: false/,
    )
    expect(strategies(plan(noDocker, 'auto', both, false))).toEqual(['x86_64-linux:native/none', 'aarch64-linux:emulated/none'])
  })

  it('a single native system needs nothing else', () => {
    expect(strategies(plan({ ...linuxX64, canEmulate: false }, 'false', ['x86_64-linux']))).toEqual(['x86_64-linux:native/native'])
  })

  it('loads the native image last so its plain tag wins', () => {
    const items = [
      { system: 'x86_64-linux' as const, n: 1 },
      { system: 'aarch64-linux' as const, n: 2 },
    ]
    expect(loadOrder(items, 'x86_64-linux').map((i) => i.n)).toEqual([2, 1])
    expect(loadOrder(items, 'aarch64-darwin').map((i) => i.n)).toEqual([1, 2])
  })
})

describe('runnerMatrix', () => {
  const x64 = { system: 'x86_64-linux', architectures: 'x86_64-linux', platform: 'linux/amd64', arch: 'amd64' }
  const arm = { system: 'aarch64-linux', architectures: 'aarch64-linux', platform: 'linux/arm64', arch: 'arm64' }
  const set = { architectures: 'x86_64-linux,aarch64-linux', platform: 'linux/amd64,linux/arm64', arch: 'amd64-arm64' }
  it.each<[string, LinuxSystem[], Parameters<typeof runnerMatrix>[1], object[]]>([
    [
      "both systems on GitHub's native runners",
      both,
      {},
      [
        { ...x64, runner: 'ubuntu-24.04' },
        { ...arm, runner: 'ubuntu-24.04-arm' },
      ],
    ],
    ['one system', ['aarch64-linux'], undefined, [{ ...arm, runner: 'ubuntu-24.04-arm' }]],
    [
      'an override replaces one label',
      both,
      { 'aarch64-linux': 'my-arm' },
      [
        { ...x64, runner: 'ubuntu-24.04' },
        { ...arm, runner: 'my-arm' },
      ],
    ],
    ['a list of labels for a self-hosted runner', ['x86_64-linux'], { 'x86_64-linux': ['self-hosted', 'x64'] }, [{ ...x64, runner: ['self-hosted', 'x64'] }]],
    ['an override for a system not built is ignored', ['x86_64-linux'], { 'aarch64-linux': 'my-arm' }, [{ ...x64, runner: 'ubuntu-24.04' }]],
    ['no systems, no jobs', [], {}, []],
  ])('%s', (_, systems, runners, include) => {
    expect(runnerMatrix(systems, runners)).toEqual({ include })
  })

  it.each<[string, LinuxSystem[], Parameters<typeof runnerMatrix>[1], object[]]>([
    ["a cross-compiled set: one job on the first system's runner", both, {}, [{ system: 'x86_64-linux', ...set, runner: 'ubuntu-24.04' }]],
    ['a cross-compiled set, its runner overridden', both, { 'x86_64-linux': 'big-x64' }, [{ system: 'x86_64-linux', ...set, runner: 'big-x64' }]],
    [
      "a set built on arm: the first system is the runner's",
      ['aarch64-linux', 'x86_64-linux'],
      {},
      [
        {
          system: 'aarch64-linux',
          architectures: 'aarch64-linux,x86_64-linux',
          platform: 'linux/arm64,linux/amd64',
          arch: 'arm64-amd64',
          runner: 'ubuntu-24.04-arm',
        },
      ],
    ],
    ['a set with no systems, no jobs', [], {}, []],
  ])('a set cross-compiled on one runner (installables): %s', (_, systems, runners, include) => {
    expect(runnerMatrix(systems, runners, true)).toEqual({ include })
  })
})

// Every host kind × builder set × emulate value, one row each. A cell is build/run for that system,
// or error (the plan fails before any work). qemu: the systems whose QEMU handler is set up.
// macOS cannot run here: the macos-* rows check the planner's choices for a darwin host only.
const MATRIX = `
host               builders  emulate  x86_64-linux     aarch64-linux      qemu
linux-x64          none      auto     native/native    emulated/emulated  aarch64-linux
linux-x64          none      false    native/native    error              -
linux-x64          none      true     native/native    emulated/emulated  aarch64-linux
linux-x64          arm       auto     native/native    remote/emulated    aarch64-linux
linux-x64          arm       false    native/native    remote/none        -
linux-x64          arm       true     native/native    emulated/emulated  aarch64-linux
linux-x64          x86       auto     native/native    emulated/emulated  aarch64-linux
linux-x64          x86       false    native/native    error              -
linux-x64          x86       true     native/native    emulated/emulated  aarch64-linux
linux-x64          both      auto     native/native    remote/emulated    aarch64-linux
linux-x64          both      false    native/native    remote/none        -
linux-x64          both      true     native/native    emulated/emulated  aarch64-linux
linux-arm          none      auto     emulated/emulated  native/native    x86_64-linux
linux-arm          none      false    error              native/native    -
linux-arm          none      true     emulated/emulated  native/native    x86_64-linux
linux-arm          arm       auto     emulated/emulated  native/native    x86_64-linux
linux-arm          arm       false    error              native/native    -
linux-arm          arm       true     emulated/emulated  native/native    x86_64-linux
linux-arm          x86       auto     remote/emulated    native/native    x86_64-linux
linux-arm          x86       false    remote/none        native/native    -
linux-arm          x86       true     emulated/emulated  native/native    x86_64-linux
linux-arm          both      auto     remote/emulated    native/native    x86_64-linux
linux-arm          both      false    remote/none        native/native    -
linux-arm          both      true     emulated/emulated  native/native    x86_64-linux
linux-x64-nosudo   none      *        native/native    error              -
linux-x64-nosudo   arm       *        native/native    remote/none        -
linux-x64-nosudo   x86       *        native/native    error              -
linux-x64-nosudo   both      *        native/native    remote/none        -
linux-x64-binfmt   none      auto     native/native    emulated/emulated  aarch64-linux
linux-x64-binfmt   none      false    native/native    error              -
linux-x64-binfmt   none      true     native/native    emulated/emulated  aarch64-linux
linux-x64-binfmt   arm       auto     native/native    remote/emulated    aarch64-linux
linux-x64-binfmt   arm       false    native/native    remote/emulated    -
linux-x64-binfmt   arm       true     native/native    emulated/emulated  aarch64-linux
linux-x64-binfmt   x86       auto     native/native    emulated/emulated  aarch64-linux
linux-x64-binfmt   x86       false    native/native    error              -
linux-x64-binfmt   x86       true     native/native    emulated/emulated  aarch64-linux
linux-x64-binfmt   both      auto     native/native    remote/emulated    aarch64-linux
linux-x64-binfmt   both      false    native/native    remote/emulated    -
linux-x64-binfmt   both      true     native/native    emulated/emulated  aarch64-linux
macos-arm          none      *        error            error              -
macos-arm          arm       *        error            remote/none        -
macos-arm          x86       *        remote/none      error              -
macos-arm          both      *        remote/none      remote/none        -
macos-arm-docker   none      *        error            error              -
macos-arm-docker   arm       *        error            remote/docker-vm   -
macos-arm-docker   x86       *        remote/docker-vm error              -
macos-arm-docker   both      *        remote/docker-vm remote/docker-vm   -
macos-x64          none      *        error            error              -
macos-x64          arm       *        error            remote/none        -
macos-x64          x86       *        remote/none      error              -
macos-x64          both      *        remote/none      remote/none        -
`

const HOSTS: Record<string, HostFacts> = {
  'linux-x64': linuxX64,
  'linux-arm': linuxArm,
  'linux-x64-nosudo': { ...linuxX64, canEmulate: false },
  'linux-x64-binfmt': { ...linuxX64, canEmulate: false, binfmt: ['aarch64-linux'] },
  'macos-arm': macArm,
  'macos-arm-docker': { ...macArm, docker: true },
  'macos-x64': { ...macArm, system: 'x86_64-darwin' },
}
const BUILDER_SETS: Record<string, Builder[]> = {
  none: [],
  arm: [{ uri: 'ssh-ng://builder@arm-box', systems: ['aarch64-linux'], from: "input 'builders'" }],
  x86: [{ uri: 'ssh://builder@x86-box:2222', systems: ['x86_64-linux'], from: '/etc/nix/machines' }],
  both: [rosetta],
}

const rows = MATRIX.trim()
  .split('\n')
  .slice(1)
  .map((l) => l.trim().split(/\s+/))
  .flatMap(([host, builders, emulate, x86, arm, qemu]) =>
    (emulate === '*' ? ['auto', 'false', 'true'] : [emulate]).map((e) => {
      const where = host.startsWith('macos') ? ' (planner only: macOS cannot run here)' : ''
      return [`${host} × builders ${builders} × emulate ${e}${where}`, host, builders, e as Emulate, x86, arm, qemu] as const
    }),
  )

describe('makePlan: every host × builder set × emulate', () => {
  it.each(rows)('%s', (_, hostName, builders, emulate, x86, arm, qemu) => {
    const host = { ...HOSTS[hostName], builders: BUILDER_SETS[builders] }
    const expected: Record<LinuxSystem, string> = { 'x86_64-linux': x86, 'aarch64-linux': arm }
    const emulated: LinuxSystem[] = []
    // Each system alone: the choice for one system never depends on the others.
    for (const system of both) {
      if (expected[system] === 'error') {
        expect(() => plan(host, emulate, [system])).toThrow(PlanError)
        continue
      }
      const p = plan(host, emulate, [system])
      expect(strategies(p)).toEqual([`${system}:${expected[system]}`])
      const entry = p.entries[0]
      if (entry.build === 'remote') {
        expect(entry.builder).toBe(host.builders.find((b) => b.systems.includes(system))!.uri)
        expect(p.builders.map((b) => b.uri)).toEqual([entry.builder])
      } else {
        expect(p.builders).toEqual([])
      }
      emulated.push(...p.emulate)
    }
    expect(emulated.join(',') || '-').toBe(qemu)
    // Both at once: the same choices, or the same failure before any work.
    if (x86 === 'error' || arm === 'error') expect(() => plan(host, emulate)).toThrow(PlanError)
    else expect(strategies(plan(host, emulate))).toEqual(both.map((s) => `${s}:${expected[s]}`))
  })

  it('covers every host and builder set with all three emulate values', () => {
    expect(rows).toHaveLength(Object.keys(HOSTS).length * Object.keys(BUILDER_SETS).length * 3)
  })
})

describe('makePlan: builders', () => {
  const arm = BUILDER_SETS.arm[0]
  const detectedArm: Builder = { uri: 'ssh-ng://rosetta-builder', systems: ['aarch64-linux', 'x86_64-linux'], from: '/etc/nix/machines' }

  it('names the first builder that lists the system: input builders come before detected ones', () => {
    const p = plan({ ...linuxX64, builders: [arm, detectedArm] })
    expect(p.entries[1]).toMatchObject({ system: 'aarch64-linux', build: 'remote', builder: arm.uri })
    expect(p.builders).toEqual([arm])
  })

  it('macOS (planner only: macOS cannot run here): the detected nix-rosetta-builder builds both systems', () => {
    const p = plan({ ...macArm, builders: [detectedArm] })
    expect(p.entries.map((e) => e.builder)).toEqual(['ssh-ng://rosetta-builder', 'ssh-ng://rosetta-builder'])
    expect(p.builders).toEqual([detectedArm])
  })

  it('macOS (planner only: macOS cannot run here): smoke tests are skipped with a notice when there is no docker', () => {
    const p = plan({ ...macArm, builders: [rosetta] })
    expect(p.notices).toEqual(['Smoke tests are skipped for linux/amd64, linux/arm64: no docker CLI on this runner (Colima or Docker Desktop would run it).'])
    expect(plan({ ...macArm, builders: [rosetta] }, 'auto', both, false).notices).toEqual([])
  })

  it('macOS (planner only: macOS cannot run here): emulate true falls back to the builder, with a warning', () => {
    expect(plan({ ...macArm, builders: [rosetta] }, 'true', ['aarch64-linux']).warnings).toEqual([
      `emulate is true, but macOS runners have no QEMU user emulation: aarch64-linux is built on ${rosetta.uri} instead.`,
    ])
  })

  it('emulate true without QEMU on Linux falls back to the builder, with a warning', () => {
    expect(plan({ ...linuxX64, canEmulate: false, builders: [arm] }, 'true').warnings).toEqual([
      `emulate is true, but QEMU cannot be set up on this runner (no root or sudo): aarch64-linux is built on ${arm.uri} instead.`,
    ])
  })

  it('a remote-built image that cannot run here says why, with a notice', () => {
    const off = plan({ ...linuxX64, builders: [arm] }, 'false')
    expect(off.entries[1].runNote).toBe('built on a remote builder; this x86_64-linux runner has no QEMU handler for aarch64-linux and emulate is false')
    expect(off.notices).toEqual([`Smoke tests are skipped for linux/arm64: ${off.entries[1].runNote}.`])
    const nosudo = plan({ ...linuxX64, canEmulate: false, builders: [arm] })
    expect(nosudo.entries[1].runNote).toMatch(/QEMU cannot be set up \(no root or sudo\)$/)
  })

  it.each<[string, HostFacts, Emulate, RegExp]>([
    [
      'names the builders found and what they lack',
      { ...linuxX64, builders: [BUILDER_SETS.x86[0]] },
      'false',
      /the builders found \(ssh:\/\/builder@x86-box:2222: x86_64-linux\) do not list aarch64-linux, and emulate is false/,
    ],
    [
      'macOS (planner only: macOS cannot run here) points at nix-rosetta-builder',
      macArm,
      'auto',
      /self-hosted Apple Silicon Mac with nix-darwin's nix-rosetta-builder \(GitHub-hosted macOS runners cannot start its VM\)/,
    ],
    [
      'macOS (planner only: macOS cannot run here) with an x86_64-only builder',
      { ...macArm, builders: [BUILDER_SETS.x86[0]] },
      'auto',
      /Cannot build aarch64-linux on this aarch64-darwin runner: no native support, the builders found .* do not list aarch64-linux \(macOS runners need a Linux builder/,
    ],
  ])('fails before any work and %s', (_, host, emulate, message) => {
    expect(() => plan(host, emulate)).toThrow(message)
  })
})

// The seed's layout: every image made by an x86_64-linux derivation (nixpkgs' pkgsCross), named per
// target and given by the installables input. The derivation's system decides how each is built; the
// image's system still decides how it is smoke-tested. Cells as in MATRIX; extra-platforms is what the
// run adds to nix.conf for the builds (QEMU for a smoke test needs none).
const CROSS_MATRIX = `
host               builders  emulate  x86_64-linux       aarch64-linux      qemu           extra-platforms
linux-x64          none      auto     native/native      cross/emulated     aarch64-linux  -
linux-x64          none      false    native/native      cross/none         -              -
linux-x64          none      true     native/native      cross/emulated     aarch64-linux  -
linux-x64          arm       auto     native/native      cross/emulated     aarch64-linux  -
linux-x64-nosudo   none      *        native/native      cross/none         -              -
linux-x64-binfmt   none      auto     native/native      cross/emulated     aarch64-linux  -
linux-x64-binfmt   none      false    native/native      cross/emulated     -              -
linux-arm          none      auto     emulated/emulated  emulated/native    x86_64-linux   x86_64-linux
linux-arm          none      false    error              error              -              -
linux-arm          x86       auto     remote/emulated    remote/native      x86_64-linux   -
linux-arm          x86       false    remote/none        remote/native      -              -
macos-arm          none      *        error              error              -              -
macos-arm          x86       *        remote/none        remote/none        -              -
`

const crossInstallables: Partial<Record<LinuxSystem, string>> = {
  'x86_64-linux': '.#packages.x86_64-linux.fdContainer-x86_64',
  'aarch64-linux': '.#packages.x86_64-linux.fdContainer-aarch64',
}
const crossDerivations = new Map<string, Derivation>([
  ['.#packages.x86_64-linux.fdContainer-x86_64', { drvPath: '/nix/store/a-fd-x86_64.tar.drv', system: 'x86_64-linux' }],
  ['.#packages.x86_64-linux.fdContainer-aarch64', { drvPath: '/nix/store/b-fd-aarch64.tar.drv', system: 'x86_64-linux' }],
])

function crossPlan(host: HostFacts, emulate: Emulate = 'auto', derivations: ReadonlyMap<string, Derivation> = crossDerivations, test = true) {
  return makePlan({ containers: [{ name: 'fdContainer', installables: crossInstallables }], systems: both, flake: '.', emulate, test }, host, derivations)
}

const crossRows = CROSS_MATRIX.trim()
  .split('\n')
  .slice(1)
  .map((l) => l.trim().split(/\s+/))
  .flatMap(([host, builders, emulate, x86, arm, qemu, platforms]) =>
    (emulate === '*' ? ['auto', 'false', 'true'] : [emulate]).map(
      (e) => [`${host} × builders ${builders} × emulate ${e}`, host, builders, e as Emulate, x86, arm, qemu, platforms] as const,
    ),
  )

describe('makePlan: images cross-compiled by x86_64-linux derivations (installables input)', () => {
  it.each(crossRows)('%s', (_, hostName, builders, emulate, x86, arm, qemu, platforms) => {
    const host = { ...HOSTS[hostName], builders: BUILDER_SETS[builders] }
    if (x86 === 'error') {
      expect(() => crossPlan(host, emulate)).toThrow(PlanError)
      return
    }
    const p = crossPlan(host, emulate)
    expect(strategies(p)).toEqual([`x86_64-linux:${x86}`, `aarch64-linux:${arm}`])
    expect(p.emulate.join(',') || '-').toBe(qemu)
    expect(extraPlatformsLine(p) ?? '-').toBe(platforms === '-' ? '-' : `extra-platforms = ${platforms}`)
  })

  it('plans the mapped installables, and records each derivation and the system it is built on', () => {
    const p = crossPlan(linuxX64)
    expect(p.entries.map(({ installable, drvPath, buildSystem }) => ({ installable, drvPath, buildSystem }))).toEqual([
      { installable: '.#packages.x86_64-linux.fdContainer-x86_64', drvPath: '/nix/store/a-fd-x86_64.tar.drv', buildSystem: undefined },
      { installable: '.#packages.x86_64-linux.fdContainer-aarch64', drvPath: '/nix/store/b-fd-aarch64.tar.drv', buildSystem: 'x86_64-linux' },
    ])
    expect(p.warnings).toEqual([])
  })

  it('says in the plan table how each image is built', () => {
    expect(planTable(crossPlan(linuxX64))).toContain('| fdContainer | aarch64-linux | linux/arm64 | cross-compiled on x86_64-linux | emulated |')
    expect(planTable(crossPlan(linuxArm))).toContain('| fdContainer | aarch64-linux | linux/arm64 | emulated, as x86_64-linux | native |')
    expect(planTable(crossPlan({ ...linuxArm, builders: BUILDER_SETS.x86 }))).toContain(
      '| fdContainer | aarch64-linux | linux/arm64 | remote (ssh://builder@x86-box:2222), as x86_64-linux | native |',
    )
  })

  it('sets up no QEMU when nothing foreign is built or tested', () => {
    expect(crossPlan(linuxX64, 'auto', crossDerivations, false).emulate).toEqual([])
  })

  it('skips the smoke test of a cross-compiled image it cannot run, saying why', () => {
    expect(crossPlan(linuxX64, 'false').notices).toEqual([
      'Smoke tests are skipped for linux/arm64: cross-compiled here; this x86_64-linux runner has no QEMU handler for aarch64-linux and emulate is false.',
    ])
  })

  it("builds an image whose mapped derivation is the image's own system as before", () => {
    const own = new Map([...crossDerivations, ['.#packages.x86_64-linux.fdContainer-aarch64', { drvPath: '/nix/store/c-fd.tar.drv', system: 'aarch64-linux' }]])
    expect(strategies(crossPlan(linuxX64, 'auto', own))).toEqual(['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'])
    expect(crossPlan(linuxX64, 'auto', own).entries[1].buildSystem).toBeUndefined()
    expect(() => crossPlan(linuxX64, 'false', own)).toThrow(
      /Cannot build aarch64-linux[\s\S]*map aarch64-linux to a x86_64-linux derivation \(nixpkgs' pkgsCross\)/,
    )
  })

  it('builds a Linux image cross-compiled by a derivation of the Mac itself (planner only: macOS cannot run here)', () => {
    const onMac = new Map([...crossDerivations].map(([i, d]) => [i, { ...d, system: 'aarch64-darwin' }]))
    expect(strategies(crossPlan(macArm, 'auto', onMac))).toEqual(['x86_64-linux:cross/none', 'aarch64-linux:cross/none'])
  })

  it('fails before any work on a derivation no system here builds, naming it', () => {
    const riscv = new Map([...crossDerivations, ['.#packages.x86_64-linux.fdContainer-aarch64', { drvPath: '/nix/store/d.drv', system: 'riscv64-linux' }]])
    expect(() => crossPlan(linuxX64, 'auto', riscv)).toThrow(
      /Cannot build the aarch64-linux image on this x86_64-linux runner: its derivation is for riscv64-linux, which only a riscv64-linux machine builds/,
    )
  })

  it('plans unmapped images of the same run by their own system', () => {
    const p = makePlan(
      {
        containers: [{ name: 'fdContainer', installables: crossInstallables }, { name: 'rgContainer' }],
        systems: both,
        flake: '.',
        emulate: 'auto',
        test: true,
      },
      linuxX64,
      crossDerivations,
    )
    expect(p.entries.map((e) => `${e.container} ${e.installable} ${e.build}`)).toEqual([
      'fdContainer .#packages.x86_64-linux.fdContainer-x86_64 native',
      'fdContainer .#packages.x86_64-linux.fdContainer-aarch64 cross',
      'rgContainer .#packages.x86_64-linux.rgContainer native',
      'rgContainer .#packages.aarch64-linux.rgContainer emulated',
    ])
    expect(extraPlatformsLine(p)).toBe('extra-platforms = aarch64-linux')
  })
})
