// The seed's check-rosetta-cache / cache-rosetta-builder find the nix-rosetta-builder VM image in
// the running nix-darwin system: the closure of /run/current-system holds the module's Lima config,
// <hash>-rosetta-builder.yaml, whose `images:` entry is `- location: <image store path>/nixos.qcow2`.
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { run } from '../exec.js'
import { exists } from '../files.js'
import { messageOf, lastLines } from '../errors.js'

export const CURRENT_SYSTEM = '/run/current-system'

/** The system has no nix-rosetta-builder (or is no nix-darwin system at all); `message` says which. */
export class NoRosettaBuilder extends Error {}

/** The first `location:` of the `images:` list of a Lima config, as pkgs.formats.yaml writes it. */
export function imageLocation(yaml: string): string | undefined {
  const lines = yaml.split('\n')
  const start = lines.findIndex((l) => /^images:\s*$/.test(l))
  if (start === -1) return undefined
  for (const line of lines.slice(start + 1)) {
    // The list ends at the next top-level key.
    if (/^\S/.test(line) && !line.startsWith('-')) break
    const m = /^[\s-]*location:\s*(["']?)([^"'\s]+)\1\s*$/.exec(line)
    if (m) return m[2]
  }
  return undefined
}

/** /nix/store/<hash>-<name>/nixos.qcow2 → /nix/store/<hash>-<name>: the store path to check and push. */
export function storePathOf(location: string, storeDir: string): string | undefined {
  if (!location.startsWith(`${storeDir}/`)) return undefined
  const name = location.slice(storeDir.length + 1).split('/')[0]
  return name ? `${storeDir}/${name}` : undefined
}

export interface RosettaImage {
  /** The image's store path. */
  path: string
  /** The Lima config it was read from. */
  config: string
}

/**
 * The nix-rosetta-builder image of a nix-darwin system (a profile such as /run/current-system, or the
 * ./result of darwin-rebuild build). `nixPath` is the nix binary; nix-store beside it is asked.
 */
export async function findRosettaImage(system: string, nixPath: string): Promise<RosettaImage> {
  if (!(await exists(system))) {
    throw new NoRosettaBuilder(
      `${system} does not exist: this machine is not running a nix-darwin system, so it has no nix-rosetta-builder ` +
        '(a nix-darwin module for Apple Silicon Macs). Point --current-system at a nix-darwin system that enables it, or name the image: ' +
        'nix-container-action check-cache|push-cache <store-path-or-attr>.',
    )
  }
  const query = await run({ cmd: join(dirname(nixPath), 'nix-store'), args: ['--query', '--requisites', system] }, { echo: false, check: false })
  if (query.code !== 0) throw new Error(`could not read the closure of ${system}: ${lastLines(query.stderr, 3)}`)
  const config = query.stdout.split('\n').find((p) => p.endsWith('-rosetta-builder.yaml'))
  if (!config) {
    throw new NoRosettaBuilder(
      `nix-rosetta-builder is not in ${system}: its closure has no rosetta-builder.yaml (the builder's Lima config). ` +
        'Is nix-rosetta-builder.enable = true in your nix-darwin configuration, and the system activated (darwin-rebuild switch)?',
    )
  }
  const text = await readFile(config, 'utf8').catch((e: unknown) => {
    throw new Error(`could not read ${config}: ${messageOf(e)}`)
  })
  const location = imageLocation(text)
  const path = location && storePathOf(location, dirname(config))
  if (!path) throw new Error(`could not read the VM image's location from ${config} (expected "images:" then "- location: <store path>/nixos.qcow2")`)
  return { path, config }
}
