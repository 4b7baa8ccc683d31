// The nix.conf lines a run needs, from its plan: extra platforms for QEMU, builders, the caches, and
// the user's extra-conf last.
import { type LinuxSystem, type Plan, builtAs } from '../model.js'
/**
 * The systems this run builds here under QEMU: Nix must accept them as extra platforms. A derivation's
 * own system counts, so a cross-compiled image (an x86_64-linux derivation for aarch64-linux) needs none.
 */
export function emulatedBuilds(plan: Pick<Plan, 'entries' | 'emulate'>): LinuxSystem[] {
  return plan.emulate.filter((s) => plan.entries.some((e) => builtAs(e) === s && e.build === 'emulated'))
}

export function extraPlatformsLine(plan: Plan): string | undefined {
  const emulated = emulatedBuilds(plan)
  return emulated.length > 0 ? `extra-platforms = ${emulated.join(' ')}` : undefined
}

/**
 * What evaluating the flake before planning needs: flakes, and the user's extra-conf (a token to
 * fetch a private input, say); nothing the plan decides yet.
 */
export function evalConfig(extraConf: string, existing = ''): string {
  return [existing.trim(), FLAKES, extraConf.trim()].filter(Boolean).join('\n')
}

const FLAKES = 'extra-experimental-features = nix-command flakes'

/** The nix.conf lines this run needs, appended to whatever NIX_CONFIG the runner already has. */
export function nixConfig(plan: Plan, extraConf: string, existing = '', builders?: string, cacheLines: readonly string[] = []): string {
  const lines = [existing.trim(), FLAKES]
  const platforms = extraPlatformsLine(plan)
  if (platforms) lines.push(platforms)
  // `builders` is one string, not a list: the caller passes the whole value (ours, then what Nix had).
  if (builders) lines.push(`builders = ${builders}`)
  // Builders fetch what they can from their own caches instead of waiting for this runner's upload.
  if (plan.entries.some((e) => e.build === 'remote')) lines.push('builders-use-substitutes = true')
  // extra-substituters / extra-trusted-public-keys from the caches; before extra-conf so the user has the last word.
  lines.push(...cacheLines)
  lines.push(extraConf.trim())
  return lines.filter(Boolean).join('\n')
}
