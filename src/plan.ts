// How each container × system is built and run on this host: a pure function of the settings and
// the host's facts, so every combination can be table-tested and the plan shown before any work.
import { type HostSystem, type LinuxSystem, isLinux, nativeLinuxSystem, ociPlatform } from './platform.js'
import type { Emulate } from './inputs.js'

export type BuildStrategy = 'native' | 'remote' | 'emulated'
export type RunStrategy = 'native' | 'emulated' | 'docker-vm' | 'none'

export interface Builder {
  uri: string
  systems: LinuxSystem[]
}

export interface HostFacts {
  system: HostSystem
  /** Foreign Linux systems the kernel can already execute (a binfmt handler is registered). */
  binfmt: LinuxSystem[]
  /** QEMU user emulation can be set up here (Linux, with root or sudo). */
  canEmulate: boolean
  builders: Builder[]
  docker: boolean
}

export interface PlanEntry {
  container: string
  system: LinuxSystem
  platform: string
  installable: string
  build: BuildStrategy
  builder?: string
  run: RunStrategy
  /** Why the image is not run, when run is 'none'. */
  runNote?: string
}

export interface Plan {
  entries: PlanEntry[]
  /** Foreign systems that need a QEMU binfmt handler registered before building or running. */
  emulate: LinuxSystem[]
  warnings: string[]
}

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

export function nativeRunnerLabel(system: LinuxSystem): string {
  return NATIVE_RUNNER[system]
}

export function installable(flake: string, system: LinuxSystem, container: string): string {
  return `${flake}#packages.${system}.${container}`
}

interface BuildChoice {
  build: BuildStrategy
  builder?: string
}

function chooseBuild(system: LinuxSystem, host: HostFacts, emulate: Emulate): BuildChoice {
  if (isLinux(host.system) && system === host.system) return { build: 'native' }
  const remote = host.builders.find((b) => b.systems.includes(system))
  if (remote && emulate !== 'true') return { build: 'remote', builder: remote.uri }
  if (emulate !== 'false' && isLinux(host.system) && (host.canEmulate || host.binfmt.includes(system))) {
    return { build: 'emulated' }
  }
  if (remote) return { build: 'remote', builder: remote.uri }
  throw new PlanError(noWayToBuild(system, host, emulate))
}

function noWayToBuild(system: LinuxSystem, host: HostFacts, emulate: Emulate): string {
  const ways = [`run this job on a ${system} runner (runs-on: ${NATIVE_RUNNER[system]}), or use the reusable workflow, which spreads systems over native runners`]
  ways.push(`give a Linux builder for ${system} with the inputs builders and builder-ssh-key (on macOS, a nix-rosetta-builder VM)`)
  if (isLinux(host.system)) {
    ways.push(emulate === 'false' ? `set emulate: auto to build it under QEMU user emulation (slow)` : `install QEMU user emulation (apt-get install qemu-user-static) and run with root or sudo`)
  }
  return `Cannot build ${system} on this ${host.system} runner: no native support, no remote builder${isLinux(host.system) ? emulate === 'false' ? ', and emulate is false' : ', and QEMU cannot be set up' : ' (macOS runners need a Linux builder)'}. Ways out:\n${ways.map((w) => `  - ${w}`).join('\n')}`
}

function chooseRun(system: LinuxSystem, build: BuildStrategy, host: HostFacts, willEmulate: boolean): { run: RunStrategy; runNote?: string } {
  if (!host.docker) return { run: 'none', runNote: 'no docker CLI on this runner' }
  if (!isLinux(host.system)) return { run: 'docker-vm' }
  if (system === host.system) return { run: 'native' }
  if (willEmulate || host.binfmt.includes(system)) return { run: 'emulated' }
  return {
    run: 'none',
    runNote: `built ${build === 'remote' ? 'on a remote builder' : 'elsewhere'}; this ${host.system} runner has no QEMU handler for ${system} and emulate is false`,
  }
}

export function makePlan(
  settings: { containers: string[]; systems: LinuxSystem[]; flake: string; emulate: Emulate; test: boolean },
  host: HostFacts,
): Plan {
  const choices = new Map(settings.systems.map((s) => [s, chooseBuild(s, host, settings.emulate)] as const))
  const emulate = settings.systems.filter((s) => {
    if (!isLinux(host.system) || s === host.system) return false
    if (choices.get(s)?.build === 'emulated') return true
    // Remote-built foreign images are still smoke-tested under QEMU unless emulation is off.
    return settings.test && settings.emulate !== 'false' && (host.canEmulate || host.binfmt.includes(s))
  })
  const entries: PlanEntry[] = []
  for (const container of settings.containers) {
    for (const system of settings.systems) {
      const choice = choices.get(system)!
      entries.push({
        container,
        system,
        platform: ociPlatform(system),
        installable: installable(settings.flake, system, container),
        ...choice,
        ...chooseRun(system, choice.build, host, emulate.includes(system)),
      })
    }
  }
  const warnings: string[] = []
  for (const s of emulate.filter((s) => choices.get(s)?.build === 'emulated')) {
    warnings.push(`${s} is built under QEMU emulation on this ${host.system} runner: expect it to be many times slower than on a native ${NATIVE_RUNNER[s]} runner.`)
  }
  return { entries, emulate, warnings }
}

/** Load order: foreign images first, so the plain tag ends up on the native image. */
export function loadOrder<T extends { system: LinuxSystem }>(items: T[], host: HostSystem): T[] {
  const native = nativeLinuxSystem(host)
  return [...items.filter((i) => i.system !== native), ...items.filter((i) => i.system === native)]
}
