// The shared vocabulary of a run: the systems, the plan, a built image, where messages go and how
// layers are compressed. It imports nothing of the project's, so every layer can speak it without
// pointing up at another.
import type { Transform } from 'node:stream'
import * as zlib from 'node:zlib'

export type LinuxSystem = 'x86_64-linux' | 'aarch64-linux'
export type HostSystem = LinuxSystem | 'x86_64-darwin' | 'aarch64-darwin'

/** A machine that can build Linux systems for this run, as the planner sees it. */
export interface Builder {
  /** As the user or Nix's configuration names it, e.g. ssh-ng://builder@host:2222. */
  uri: string
  /** The Linux systems it builds (others it lists are left out). */
  systems: LinuxSystem[]
  /** Where it was found, for messages: input 'builders', /etc/nix/machines, Nix's builders setting. */
  from?: string
  /** The whole machine line, for reaching it before the build (key, host key). */
  line?: MachineLine
}

/** One line of Nix's machines format, every field but the URI optional ('-' in the text). */
export interface MachineLine {
  /** The store URI Nix connects to, e.g. ssh-ng://builder@host. */
  uri: string
  /** Every system the line lists, Linux or not. */
  systems: string[]
  sshKey?: string
  maxJobs?: number
  speedFactor?: number
  supportedFeatures: string[]
  mandatoryFeatures: string[]
  /** Base64 of the host's public key line ("ssh-ed25519 AAAA…"), as Nix wants it. */
  publicHostKey?: string
  /** The URI as the user wrote it, when the action rewrote it (a port moved into an ssh config). */
  label?: string
}

/** cross: built natively by a derivation of the runner's system for another system (nixpkgs' pkgsCross). */
export type BuildStrategy = 'native' | 'cross' | 'remote' | 'emulated'
export type RunStrategy = 'native' | 'emulated' | 'docker-vm' | 'none'

export interface HostFacts {
  system: HostSystem
  /** Foreign Linux systems the kernel can already execute (a binfmt handler is registered). */
  binfmt: LinuxSystem[]
  /** QEMU user emulation can be set up here (Linux, with root or sudo). */
  canEmulate: boolean
  builders: Builder[]
  docker: boolean
  /** Why docker cannot be used, when it cannot. */
  dockerProblem?: string
}

export interface PlanEntry {
  container: string
  system: LinuxSystem
  platform: string
  installable: string
  /** The derivation, when the installable was evaluated for planning (the installables input names it). */
  drvPath?: string
  /** The system of that derivation, when it is not the image's: what was built here, remotely or under QEMU. */
  buildSystem?: string
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
  /** The remote builders some entry is built on, to be reached (and woken) before the build. */
  builders: Builder[]
  warnings: string[]
  notices: string[]
}

/** An installable's derivation as evaluated: its path and the system it builds on. */
export interface Derivation {
  drvPath: string
  /** For a cross-compiled image, not the image's system. */
  system: string
}

/** The flake attribute of one container's image for one system. */
export function installable(flake: string, system: LinuxSystem, container: string): string {
  return `${flake}#packages.${system}.${container}`
}

export type ImageKind = 'archive' | 'archive-gz' | 'stream' | 'nix2container'

/** The system an entry's derivation is built as: its own, when the installables input names one of another. */
export function builtAs(entry: Pick<PlanEntry, 'system' | 'buildSystem'>): string {
  return entry.buildSystem ?? entry.system
}

export interface BuiltImage extends PlanEntry {
  storePath: string
  drvPath: string
  kind: ImageKind
  /** Bytes of the build output (for a stream script, of the script itself). */
  size: number
}

export interface Ui {
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  info(message: string): void
  notice(message: string): void
  warning(message: string): void
  /** Keeps a secret found during the run (a stored registry login) out of the log. */
  mask?(secret: string): void
}

export const COMPRESSIONS = ['none', 'gzip', 'zstd'] as const
export type Compression = (typeof COMPRESSIONS)[number]

export type ZstdZlib = typeof zlib & {
  createZstdCompress?: (options?: { chunkSize?: number; params?: Record<number, number> }) => Transform
  constants: typeof zlib.constants & { ZSTD_c_compressionLevel?: number }
}

/** zstd is in Node's zlib from 22.15 and 23.8 (the runners' node24 has it). */
export function zstdAvailable(z: ZstdZlib = zlib as ZstdZlib): boolean {
  return typeof z.createZstdCompress === 'function' && z.constants.ZSTD_c_compressionLevel !== undefined
}
