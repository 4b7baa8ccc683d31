// The Nix at hand: where it is, which version, and the environment every nix command of a run gets.
import { run, which } from '../exec.js'

export interface Nix {
  path: string
  version: string
  env: NodeJS.ProcessEnv
  /** Evaluate with --impure: the manifest apps read their environment (flocken's tags) as `nix run --impure` does. */
  impure?: boolean
}

/** Where installers put nix when it is not on PATH yet (multi-user, then single-user). */
const KNOWN_LOCATIONS = ['/nix/var/nix/profiles/default/bin', `${process.env.HOME ?? '/root'}/.nix-profile/bin`]

export async function findNix(): Promise<string | undefined> {
  return (await which('nix')) ?? (await which('nix', KNOWN_LOCATIONS.join(':')))
}

/** `nix (Nix) 2.26.3` → 2.26.3; `nix (Determinate Nix 3.6.2) 2.29.0` → 2.29.0 (the Nix it is made from). */
export function parseNixVersion(output: string): string {
  const line = output.trim().split('\n')[0]
  return /(\d+\.\d+(?:\.\d+)?\S*)\s*$/.exec(line)?.[1] ?? line
}

/** Whether a version (as parseNixVersion gives it) is at least major.minor. */
export function nixAtLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split('.').map(Number)
  return a > major || (a === major && b >= minor)
}

/** Lix, a fork of Nix 2.18, numbers its releases from 2.90 on: a version there is Lix's, with Lix's commands. */
export function isLix(version: string): boolean {
  const [a, b] = version.split('.').map(Number)
  return a === 2 && b >= 90
}

/** Nix 2.20 renamed `show-config` to `config show` (the old name warns there and may go). */
export function configShowCommand(version: string): string[] {
  return nixAtLeast(version, 2, 20) ? ['config', 'show'] : ['show-config']
}

const versions = new Map<string, Promise<string>>()

/**
 * The version of the nix at `path`, asked once per run: probeHost asks while it probes the rest of
 * the runner, and setting Nix up later reads the same answer instead of starting nix again.
 */
export function nixVersion(path: string): Promise<string> {
  let version = versions.get(path)
  if (!version) {
    version = run({ cmd: path, args: ['--version'] }, { echo: false }).then(({ stdout }) => parseNixVersion(stdout))
    versions.set(path, version)
  }
  return version
}

export async function useNix(path: string, config: string, extraEnv: Record<string, string> = {}): Promise<Nix> {
  const env = { ...process.env, ...extraEnv, NIX_CONFIG: config }
  return { path, version: await nixVersion(path), env }
}
