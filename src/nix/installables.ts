// Flake installables as Nix resolves them, and one `nix eval` per flake for what a run must know of
// several at once (their derivations, before planning; their packages' meta, for the SBOMs), instead
// of one Nix process each. `<flake>#.` is the flake's outputs themselves (a fragment that starts with
// a dot is an absolute attribute path, Nix 2.16 and later), so any attribute of it can be reached.
import { run } from '../exec.js'
import type { Derivation } from '../model.js'
import { type Nix } from './nix.js'
import { detectHost } from '../config/platform.js'

/** A Nix string literal: JSON's escapes are Nix's, but for `${`. */
export function nixString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '\\${')
}

/** `<flake>#<fragment>` → its parts (a flake reference holds no #). */
export function splitInstallable(installable: string): { flake: string; fragment: string } {
  const hash = installable.indexOf('#')
  return hash < 0 ? { flake: installable, fragment: '' } : { flake: installable.slice(0, hash), fragment: installable.slice(hash + 1) }
}

/** An attribute path as Nix splits one: on dots, but not inside "quotes". */
export function parseAttrPath(path: string): string[] {
  const names: string[] = []
  let current = ''
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '.') {
      names.push(current)
      current = ''
    } else if (path[i] === '"') {
      const end = path.indexOf('"', i + 1)
      if (end < 0) throw new Error(`the attribute path ${path} has an unclosed quote`)
      current += path.slice(i + 1, end)
      i = end
    } else {
      current += path[i]
    }
  }
  return path === '' ? [] : [...names, current]
}

/**
 * The attribute paths Nix tries for a fragment, in its order: `nix build` and `nix eval` look under
 * packages.<system> and legacyPackages.<system> first, then at the path as written; a leading dot
 * means the path as written only.
 */
export function attrPathCandidates(fragment: string, system: string): string[][] {
  if (fragment.startsWith('.')) return [parseAttrPath(fragment.slice(1))]
  const path = parseAttrPath(fragment)
  return [['packages', system, ...path], ['legacyPackages', system, ...path], path]
}

const nixList = (items: readonly string[]): string => `[ ${items.join(' ')} ]`

/**
 * The function `--apply` gets for `<flake>#.`: `fn` applied to the value each installable names (the
 * first of its candidate paths that exists), in order, or null where none does.
 */
export function selectExpression(candidates: readonly string[][][], fn: string): string {
  const paths = nixList(candidates.map((c) => nixList(c.map((path) => nixList(path.map(nixString))))))
  return [
    'outputs: let',
    "  at = path: builtins.foldl' (v: n: if builtins.isAttrs v && builtins.hasAttr n v then builtins.getAttr n v else null) outputs path;",
    "  first = builtins.foldl' (found: path: if found != null then found else at path) null;",
    `  fn = ${fn};`,
    `in map (paths: let v = first paths; in if v == null then null else fn v) ${paths}`,
  ].join('\n')
}

/**
 * `fn` of every installable's value, in the order given: one `nix eval` per flake they name (one, in
 * a usual run), null where the flake has no such attribute. `system` is the one Nix resolves a
 * fragment with (its `system` setting: this machine's).
 */
export async function evaluateEach<T>(
  nix: Pick<Nix, 'path' | 'env' | 'impure'>,
  installables: readonly string[],
  fn: string,
  system: string = detectHost(),
): Promise<(T | null)[]> {
  const parts = installables.map(splitInstallable)
  const flakes = [...new Set(parts.map((p) => p.flake))]
  const answers = await Promise.all(
    flakes.map(async (flake) => {
      const mine = parts.filter((p) => p.flake === flake)
      const expression = selectExpression(
        mine.map((p) => attrPathCandidates(p.fragment, system)),
        fn,
      )
      // --impure as the build evaluates (with the manifest apps), so a derivation is the one it builds.
      const args = ['eval', ...(nix.impure ? ['--impure'] : []), '--json', `${flake}#.`, '--apply', expression]
      const { stdout } = await run({ cmd: nix.path, args, env: nix.env }, { echo: false })
      return JSON.parse(stdout) as (T | null)[]
    }),
  )
  const next = flakes.map(() => 0)
  return parts.map((p) => {
    const f = flakes.indexOf(p.flake)
    return answers[f][next[f]++]
  })
}

/** Installables that name no derivation (the flake has no such attribute, or it is no derivation). */
export class InstallableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InstallableError'
  }
}

const DERIVATION = 'd: if (d.type or null) == "derivation" then { drvPath = d.drvPath; system = d.system; } else { notDerivation = true; }'

/**
 * Each installable's derivation and its system, from one evaluation per flake (instantiating the
 * derivations, as the build would first). Fails naming every installable that names no derivation.
 */
export async function evaluateDerivations(
  nix: Pick<Nix, 'path' | 'env' | 'impure'>,
  installables: readonly string[],
  system: string = detectHost(),
): Promise<Map<string, Derivation>> {
  const unique = [...new Set(installables)]
  const answers = await evaluateEach<Derivation | { notDerivation: true }>(nix, unique, DERIVATION, system)
  const problems: string[] = []
  const found = new Map<string, Derivation>()
  unique.forEach((installable, i) => {
    const answer = answers[i]
    if (answer === null) {
      const tried = attrPathCandidates(splitInstallable(installable).fragment, system).map((p) => p.join('.'))
      problems.push(`${installable}: the flake has no such attribute (Nix looks for ${tried.join(', ')})`)
    } else if ('notDerivation' in answer) {
      problems.push(`${installable} is not a derivation: it must build an image (dockerTools or nix2container)`)
    } else {
      found.set(installable, answer)
    }
  })
  if (problems.length > 0) throw new InstallableError(problems.join('\n'))
  return found
}
