// How each container × system is built and run on this host: a pure function of the settings, the
// host's facts and the derivations evaluated for the installables input, so every combination can
// be table-tested and the plan shown before any work.
import { LINUX_SYSTEMS, isLinux, nativeLinuxSystem, ociArch, ociPlatform } from '../config/platform.js'
import {
  type BuildStrategy,
  type Derivation,
  type HostFacts,
  type HostSystem,
  type LinuxSystem,
  type Plan,
  type PlanEntry,
  type RunStrategy,
  builtAs,
} from '../model.js'
import { type Emulate, type Container, imageInstallable } from '../config/settings.js'
import { emulatedBuilds } from '../nix/config.js'

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
  /** The runner's system. */
  system: LinuxSystem
  /** What the job builds: its system, or every system of a set cross-compiled on one runner. */
  architectures: string
  platform: string
  /** The OCI architecture (amd64, arm64), or several joined by '-', for names that must differ per job. */
  arch: string
  runner: RunnerLabel
}

/**
 * The reusable workflow's build matrix: one job per system, each on a runner of that system so it
 * builds natively; or, with `oneJob` (the installables input maps the systems to images
 * cross-compiled on one runner), one job for every system, on the first system's runner. `runners`
 * replaces the default label of a system (overrides for systems no job runs on are ignored). The
 * workflow's plan job prints this through the CLI's `matrix` command.
 */
export function runnerMatrix(
  systems: readonly LinuxSystem[],
  runners: Partial<Record<LinuxSystem, RunnerLabel>> = {},
  oneJob = false,
): { include: RunnerMatrixEntry[] } {
  const job = (system: LinuxSystem, all: readonly LinuxSystem[]): RunnerMatrixEntry => ({
    system,
    architectures: all.join(','),
    platform: all.map(ociPlatform).join(','),
    arch: all.map(ociArch).join('-'),
    runner: runners[system] ?? NATIVE_RUNNER[system],
  })
  if (oneJob && systems.length > 0) return { include: [job(systems[0], systems)] }
  return { include: systems.map((system) => job(system, [system])) }
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
 * How the derivation of an image for `system` is built, by the derivation's own system (the image's,
 * unless the installables input names a cross-compiled one): on the runner when it is the runner's
 * system (cross when the image is for another) > remote (a builder that lists it) > emulated (QEMU)
 * > none, which fails before any work. emulate: true puts QEMU ahead of builders; false rules it out.
 * A darwin runner has no native Linux system and no QEMU: only builders build there.
 */
function chooseBuild(system: LinuxSystem, drvSystem: string, host: HostFacts, emulate: Emulate): BuildChoice {
  if (drvSystem === host.system) return { build: drvSystem === system ? 'native' : 'cross' }
  const foreign = LINUX_SYSTEMS.find((s) => s === drvSystem)
  if (!foreign) {
    throw new PlanError(
      `Cannot build the ${system} image on this ${host.system} runner: its derivation is for ${drvSystem}, which only a ${drvSystem} machine builds. Map ${system} to a derivation of ${host.system} (pkgsCross) or of ${system} with the input installables.`,
    )
  }
  const remote = host.builders.find((b) => b.systems.includes(foreign))
  const qemu = qemuPossible(foreign, host)
  if (emulate === 'true' && qemu) return { build: 'emulated' }
  if (remote) return { build: 'remote', builder: remote.uri }
  if (emulate !== 'false' && qemu) return { build: 'emulated' }
  throw new PlanError(noWayToBuild(foreign, host, emulate))
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
    ways.push(`cross-compile it on this runner: map ${system} to a ${host.system} derivation (nixpkgs' pkgsCross) with the input installables`)
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

const BUILT_ELSEWHERE: Record<BuildStrategy, string> = {
  native: 'built here',
  cross: 'cross-compiled here',
  remote: 'built on a remote builder',
  emulated: 'built elsewhere',
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
    runNote: `${BUILT_ELSEWHERE[build]}; this ${host.system} runner has no QEMU handler for ${system} and ${why}`,
  }
}

export interface PlanSettings {
  containers: readonly (Pick<Container, 'name'> & Partial<Pick<Container, 'installables'>>)[]
  systems: LinuxSystem[]
  flake: string
  emulate: Emulate
  test: boolean
}

/**
 * `derivations` are the installables evaluated before planning (those the installables input
 * names): each is built as its derivation's system says. The others are built as their system.
 */
export function makePlan(settings: PlanSettings, host: HostFacts, derivations: ReadonlyMap<string, Derivation> = new Map()): Plan {
  if (!host.docker && settings.test && isLinux(host.system)) {
    throw new PlanError(
      `${host.dockerProblem ?? 'Docker is not available on this runner'}: the images cannot be loaded and smoke-tested. Start the Docker daemon (or install Docker), or set test: false to build and publish without running them.`,
    )
  }
  const built = settings.containers.flatMap((container) =>
    settings.systems.map((system) => {
      const target = imageInstallable(settings.flake, container, system)
      const drv = derivations.get(target)
      const drvSystem = drv?.system ?? system
      return {
        container: container.name,
        system,
        platform: ociPlatform(system),
        installable: target,
        ...(drv ? { drvPath: drv.drvPath } : {}),
        ...(drvSystem !== system ? { buildSystem: drvSystem } : {}),
        ...chooseBuild(system, drvSystem, host, settings.emulate),
      }
    }),
  )
  const foreign = (s: LinuxSystem) => isLinux(host.system) && s !== host.system
  // QEMU only where a foreign derivation is built under it, or a foreign image is smoke-tested: a
  // cross-compiled or remote-built image needs it to run, not to build.
  const emulate = LINUX_SYSTEMS.filter(
    (s) =>
      foreign(s) &&
      (built.some((e) => e.build === 'emulated' && builtAs(e) === s) ||
        (settings.test && settings.emulate !== 'false' && (host.canEmulate || host.binfmt.includes(s)) && built.some((e) => e.system === s))),
  )
  const entries: PlanEntry[] = built.map((e) => ({ ...e, ...chooseRun(e.system, e.build, host, emulate.includes(e.system), settings.emulate) }))
  const warnings: string[] = []
  for (const s of emulatedBuilds({ entries, emulate })) {
    warnings.push(
      `${s} is built under QEMU emulation on this ${host.system} runner: expect it to be many times slower than on a native ${NATIVE_RUNNER[s]} runner.`,
    )
  }
  if (settings.emulate === 'true') {
    const remote = new Map(entries.filter((e) => e.build === 'remote').map((e) => [builtAs(e), e.builder]))
    for (const [s, builder] of remote) {
      warnings.push(
        `emulate is true, but ${isLinux(host.system) ? 'QEMU cannot be set up on this runner (no root or sudo)' : 'macOS runners have no QEMU user emulation'}: ${s} is built on ${builder} instead.`,
      )
    }
  }
  const notices: string[] = []
  const unrun = entries.filter((e) => e.run === 'none')
  for (const note of settings.test ? new Set(unrun.map((e) => e.runNote)) : []) {
    const platforms = [...new Set(unrun.filter((e) => e.runNote === note).map((e) => e.platform))]
    notices.push(`Smoke tests are skipped for ${platforms.join(', ')}: ${note}.`)
  }
  const used = new Set(entries.map((e) => e.builder))
  return { entries, emulate, builders: host.builders.filter((b) => used.has(b.uri)), warnings, notices }
}

/** Load order: foreign images first, so the plain tag ends up on the native image. */
export function loadOrder<T extends { system: LinuxSystem }>(items: T[], host: HostSystem): T[] {
  const native = nativeLinuxSystem(host)
  return [...items.filter((i) => i.system !== native), ...items.filter((i) => i.system === native)]
}
