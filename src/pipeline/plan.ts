// How each container × system is built and run on this host: a pure function of the settings and
// the host's facts, so every combination can be table-tested and the plan shown before any work.
import { isLinux, nativeLinuxSystem, ociArch, ociPlatform } from '../config/platform.js'
import { type BuildStrategy, type HostFacts, type HostSystem, type LinuxSystem, type Plan, type PlanEntry, type RunStrategy, installable } from '../model.js'
import { type Emulate, type Container } from '../config/settings.js'

export class PlanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlanError'
  }
}

const NATIVE_RUNNER: Record<LinuxSystem, string> = {
  'x86_64-linux': 'ubuntu-24.04',
  'aarch64-linux': 'ubuntu-24.04-arm',
}

/** What `runs-on` takes: one runner label, or several that a (self-hosted) runner must all have. */
export type RunnerLabel = string | string[]

export interface RunnerMatrixEntry {
  system: LinuxSystem
  platform: string
  /** The OCI architecture (amd64, arm64), for names that must differ per system. */
  arch: string
  runner: RunnerLabel
}

/**
 * The reusable workflow's build matrix: one job per system, each on a runner of that system so it
 * builds natively. `runners` replaces the default label of a system (overrides for systems that are
 * not built are ignored). The workflow's plan job prints this through the CLI's `matrix` command.
 */
export function runnerMatrix(systems: readonly LinuxSystem[], runners: Partial<Record<LinuxSystem, RunnerLabel>> = {}): { include: RunnerMatrixEntry[] } {
  return {
    include: systems.map((system) => ({ system, platform: ociPlatform(system), arch: ociArch(system), runner: runners[system] ?? NATIVE_RUNNER[system] })),
  }
}

interface BuildChoice {
  build: BuildStrategy
  builder?: string
}

/** QEMU can build or run this foreign system here: a handler is registered, or we may register one. */
function qemuPossible(system: LinuxSystem, host: HostFacts): boolean {
  return isLinux(host.system) && (host.canEmulate || host.binfmt.includes(system))
}

/**
 * native (the runner's own Linux system) > remote (a builder that lists the system) > emulated
 * (QEMU) > none, which fails before any work. emulate: true puts QEMU ahead of builders; false rules
 * it out. A darwin runner has no native Linux system and no QEMU: only builders build there.
 */
function chooseBuild(system: LinuxSystem, host: HostFacts, emulate: Emulate): BuildChoice {
  if (isLinux(host.system) && system === host.system) return { build: 'native' }
  const remote = host.builders.find((b) => b.systems.includes(system))
  const qemu = qemuPossible(system, host)
  if (emulate === 'true' && qemu) return { build: 'emulated' }
  if (remote) return { build: 'remote', builder: remote.uri }
  if (emulate !== 'false' && qemu) return { build: 'emulated' }
  throw new PlanError(noWayToBuild(system, host, emulate))
}

function noWayToBuild(system: LinuxSystem, host: HostFacts, emulate: Emulate): string {
  const linux = isLinux(host.system)
  const ways = [
    `run this job on a ${system} runner (runs-on: ${NATIVE_RUNNER[system]}), or use the reusable workflow, which spreads systems over native runners`,
  ]
  ways.push(
    linux
      ? `give a Linux builder for ${system} with the inputs builders and builder-ssh-key`
      : `give a Linux builder for ${system} with the inputs builders and builder-ssh-key, or run on a self-hosted Apple Silicon Mac with nix-darwin's nix-rosetta-builder (GitHub-hosted macOS runners cannot start its VM)`,
  )
  if (linux) {
    ways.push(
      emulate === 'false'
        ? `set emulate: auto to build it under QEMU user emulation (slow)`
        : `install QEMU user emulation (apt-get install qemu-user-static) and run with root or sudo`,
    )
  }
  const builders = host.builders.length
    ? `the builders found (${host.builders.map((b) => `${b.uri}: ${b.systems.join(', ')}`).join('; ')}) do not list ${system}`
    : 'no remote builder'
  const why = linux
    ? emulate === 'false'
      ? ', and emulate is false'
      : ', and QEMU cannot be set up'
    : ' (macOS runners need a Linux builder for Linux images)'
  return `Cannot build ${system} on this ${host.system} runner: no native support, ${builders}${why}. Ways out:\n${ways.map((w) => `  - ${w}`).join('\n')}`
}

function chooseRun(system: LinuxSystem, build: BuildStrategy, host: HostFacts, willEmulate: boolean, emulate: Emulate): { run: RunStrategy; runNote?: string } {
  if (!host.docker) return { run: 'none', runNote: `no docker CLI on this runner${isLinux(host.system) ? '' : ' (Colima or Docker Desktop would run it)'}` }
  // Docker Desktop and Colima run Linux containers in their own VM, for both architectures.
  if (!isLinux(host.system)) return { run: 'docker-vm' }
  if (system === host.system) return { run: 'native' }
  if (willEmulate || host.binfmt.includes(system)) return { run: 'emulated' }
  const why = emulate === 'false' ? 'emulate is false' : 'QEMU cannot be set up (no root or sudo)'
  return {
    run: 'none',
    runNote: `built ${build === 'remote' ? 'on a remote builder' : 'elsewhere'}; this ${host.system} runner has no QEMU handler for ${system} and ${why}`,
  }
}

export function makePlan(
  settings: { containers: readonly Pick<Container, 'name'>[]; systems: LinuxSystem[]; flake: string; emulate: Emulate; test: boolean },
  host: HostFacts,
): Plan {
  if (!host.docker && settings.test && isLinux(host.system)) {
    throw new PlanError(
      `${host.dockerProblem ?? 'Docker is not available on this runner'}: the images cannot be loaded and smoke-tested. Start the Docker daemon (or install Docker), or set test: false to build and publish without running them.`,
    )
  }
  const choices = new Map(settings.systems.map((s) => [s, chooseBuild(s, host, settings.emulate)] as const))
  const emulate = settings.systems.filter((s) => {
    if (!isLinux(host.system) || s === host.system) return false
    if (choices.get(s)?.build === 'emulated') return true
    // Remote-built foreign images are still smoke-tested under QEMU unless emulation is off.
    return settings.test && settings.emulate !== 'false' && (host.canEmulate || host.binfmt.includes(s))
  })
  const entries: PlanEntry[] = []
  for (const { name: container } of settings.containers) {
    for (const system of settings.systems) {
      const choice = choices.get(system)!
      entries.push({
        container,
        system,
        platform: ociPlatform(system),
        installable: installable(settings.flake, system, container),
        ...choice,
        ...chooseRun(system, choice.build, host, emulate.includes(system), settings.emulate),
      })
    }
  }
  const warnings: string[] = []
  for (const s of emulate.filter((s) => choices.get(s)?.build === 'emulated')) {
    warnings.push(
      `${s} is built under QEMU emulation on this ${host.system} runner: expect it to be many times slower than on a native ${NATIVE_RUNNER[s]} runner.`,
    )
  }
  if (settings.emulate === 'true') {
    for (const [s, c] of choices) {
      if (c.build === 'remote')
        warnings.push(
          `emulate is true, but ${isLinux(host.system) ? 'QEMU cannot be set up on this runner (no root or sudo)' : 'macOS runners have no QEMU user emulation'}: ${s} is built on ${c.builder} instead.`,
        )
    }
  }
  const notices: string[] = []
  const unrun = entries.filter((e) => e.run === 'none')
  for (const note of settings.test ? new Set(unrun.map((e) => e.runNote)) : []) {
    const platforms = [...new Set(unrun.filter((e) => e.runNote === note).map((e) => e.platform))]
    notices.push(`Smoke tests are skipped for ${platforms.join(', ')}: ${note}.`)
  }
  const used = new Set([...choices.values()].map((c) => c.builder))
  return { entries, emulate, builders: host.builders.filter((b) => used.has(b.uri)), warnings, notices }
}

/** Load order: foreign images first, so the plain tag ends up on the native image. */
export function loadOrder<T extends { system: LinuxSystem }>(items: T[], host: HostSystem): T[] {
  const native = nativeLinuxSystem(host)
  return [...items.filter((i) => i.system !== native), ...items.filter((i) => i.system === native)]
}
