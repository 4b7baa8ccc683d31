// The one nix build of a run: every installable in one invocation, what Nix did read from its log,
// and the images matched back to the plan, or a failure that names each system that did not build.
import { run, CommandError } from '../exec.js'
import { detectKind } from './kind.js'
import { type BuiltImage, type PlanEntry, builtAs } from '../model.js'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { queryPathInfo } from '../nix/path-info.js'
import { type Nix } from '../nix/nix.js'
import { evaluateDerivations } from '../nix/installables.js'

/**
 * With `outLink`, each result is linked there (outLink, outLink-1, …) and so is a garbage collector
 * root while the link lives: a daemon that collects on its own when the disk fills (Determinate
 * Nixd's managed GC) cannot delete an image between its build and its push.
 */
export function buildArgs(installables: readonly string[], impure = false, outLink?: string): string[] {
  // --keep-going: one system's failure must not hide whether the others build.
  const link = outLink ? ['--out-link', outLink] : ['--no-link']
  return ['build', ...(impure ? ['--impure'] : []), '--json', ...link, '--print-build-logs', '--keep-going', ...installables]
}

/** What Nix did during the build, read from its own log as it ran (not predicted beforehand). */
export interface NixActivity {
  /** Derivations built, here or on a remote builder. */
  built: string[]
  /** Store paths substituted from a binary cache. */
  fetched: string[]
  /** Nix's warnings about substituters (e.g. ignored because the user is not trusted). */
  warnings: string[]
}

export function emptyActivity(): NixActivity {
  return { built: [], fetched: [], warnings: [] }
}

/**
 * One line of `nix build`'s stderr (Nix 2.8 to 2.2x alike):
 *   building '/nix/store/…drv'...                     building '/nix/store/…drv' on 'ssh-ng://…'...
 *   copying path '/nix/store/…' from 'https://…'...
 * With --print-build-logs a builder's own output is prefixed with "<name>> ", so it cannot pass for these.
 */
export function noteBuildLine(activity: NixActivity, line: string): void {
  const built = /^building '(\/[^']+\.drv)'/.exec(line)
  if (built) {
    if (!activity.built.includes(built[1])) activity.built.push(built[1])
    return
  }
  const fetched = /^copying path '(\/[^']+)' from '[^']+'/.exec(line)
  if (fetched) {
    if (!activity.fetched.includes(fetched[1])) activity.fetched.push(fetched[1])
    return
  }
  if (/^warning: .*(substituter|trusted)/i.test(line)) activity.warnings.push(line.replace(/^warning: /, ''))
}

export function parseBuildLog(stderr: string, activity: NixActivity = emptyActivity()): NixActivity {
  for (const line of stderr.split('\n')) noteBuildLine(activity, line)
  return activity
}

interface BuildResult {
  drvPath: string
  outputs: Record<string, string>
}

export interface Built {
  images: BuiltImage[]
  /** The outputs of what was built beside the images (`alsoBuild`). */
  otherOutputs: string[]
}

/**
 * One `nix build` for every installable: Nix schedules them in parallel and shares the work.
 * `activity` is filled as the build runs, so a failed build still tells what it built. `alsoBuild`
 * (the manifest apps) are built in the same invocation; their results are known by their derivations.
 * The results are linked under `rootsDir` (see buildArgs) when one is given.
 */
export async function buildAll(
  nix: Nix,
  entries: PlanEntry[],
  activity: NixActivity = emptyActivity(),
  alsoBuild: readonly { installable: string; drvs: readonly string[] }[] = [],
  rootsDir?: string,
): Promise<Built> {
  const installables = [...entries.map((e) => e.installable), ...alsoBuild.map((a) => a.installable)]
  const others = new Set(alsoBuild.flatMap((a) => a.drvs))
  let stdout: string
  try {
    ;({ stdout } = await run(
      { cmd: nix.path, args: buildArgs(installables, nix.impure, rootsDir && join(rootsDir, 'result')), env: nix.env },
      { onStderrLine: (line) => noteBuildLine(activity, line) },
    ))
  } catch (e) {
    if (e instanceof CommandError) throw await explainBuildFailure(nix, entries, e)
    throw e
  }
  const results = JSON.parse(stdout) as BuildResult[]
  return {
    images: await builtImages(
      nix,
      entries,
      results.filter((r) => !others.has(r.drvPath)),
    ),
    otherOutputs: results.filter((r) => others.has(r.drvPath)).flatMap((r) => Object.values(r.outputs)),
  }
}

async function builtImages(nix: Nix, entries: PlanEntry[], results: BuildResult[]): Promise<BuiltImage[]> {
  const drvOf = await derivationsOf(nix, entries, results)
  return Promise.all(
    entries.map(async (entry) => {
      const result = results.find((r) => r.drvPath === drvOf.get(entry.installable))
      if (!result) throw new Error(`nix build reported no result for ${entry.installable}`)
      const storePath = result.outputs.out
      const [kind, info] = await Promise.all([detectKind(storePath), stat(storePath)])
      return { ...entry, storePath, drvPath: result.drvPath, kind, size: info.size }
    }),
  )
}

/**
 * Which result is which entry's, as far as is sure without Nix: by the derivation evaluated for
 * planning, else by the derivation's system where one result alone can be it (one container per
 * system, as usual). Not by position: Nix reports results in the order of the installables, but a
 * derivation once per installable that names it, and one built for two of them more than once.
 * Entries left out need an evaluation.
 */
export function pairResults(
  entries: readonly Pick<PlanEntry, 'installable' | 'system' | 'drvPath' | 'buildSystem'>[],
  results: readonly { drvPath: string; system?: string }[],
): Map<string, string> {
  const pairs = new Map<string, string>()
  for (const e of entries) if (e.drvPath && results.some((r) => r.drvPath === e.drvPath)) pairs.set(e.installable, e.drvPath)
  const taken = new Set(pairs.values())
  const waiting = entries.filter((e) => !pairs.has(e.installable))
  for (const e of waiting) {
    const candidates = new Set(results.filter((r) => !taken.has(r.drvPath) && r.system === builtAs(e)).map((r) => r.drvPath))
    const rivals = new Set(waiting.filter((w) => builtAs(w) === builtAs(e)).map((w) => w.installable))
    if (candidates.size === 1 && rivals.size === 1) pairs.set(e.installable, [...candidates][0])
  }
  return pairs
}

/**
 * installable → derivation: pairResults, reading the results' systems from their .drv files only
 * when some entry was not evaluated before, and for what is still unknown one nix eval.
 */
async function derivationsOf(nix: Nix, entries: PlanEntry[], results: BuildResult[]): Promise<Map<string, string>> {
  let pairs = pairResults(entries, results)
  if (pairs.size < entries.length) {
    pairs = pairResults(entries, await Promise.all(results.map(async (r) => ({ drvPath: r.drvPath, system: await derivationSystem(r.drvPath) }))))
  }
  const unknown = entries.filter((e) => !pairs.has(e.installable)).map((e) => e.installable)
  if (unknown.length > 0) {
    for (const [installable, drv] of await evaluateDerivations(nix, unknown)) pairs.set(installable, drv.drvPath)
  }
  return pairs
}

/** The `system` a derivation file declares (read from the .drv itself, no Nix call). */
export async function derivationSystem(drvPath: string): Promise<string | undefined> {
  return /\("system","([^"]+)"\)/.exec(await readFile(drvPath, 'utf8'))?.[1]
}

/**
 * The derivations a .drv file names as inputs (its second list: `Derive([outputs],[("/nix/store/….drv",
 * ["out"]),…],…)`), read from the file itself. Strings are skipped whole, so no value can pass for one.
 */
export function parseDerivationInputs(aterm: string): string[] {
  if (!aterm.startsWith('Derive([')) throw new Error('not a derivation (expected Derive([...)')
  const inputs: string[] = []
  let depth = 0
  let list = 0
  for (let i = 'Derive('.length; i < aterm.length; i++) {
    const c = aterm[i]
    if (c === '"') {
      let end = i + 1
      while (end < aterm.length && aterm[end] !== '"') end += aterm[end] === '\\' ? 2 : 1
      // The first string of each tuple in the second top-level list is an input derivation.
      if (list === 2 && depth === 2 && aterm[i - 1] === '(') inputs.push(aterm.slice(i + 1, end))
      i = end
    } else if (c === '[' || c === '(') {
      if (depth === 0 && c === '[') list++
      depth++
    } else if (c === ']' || c === ')') {
      depth--
      if (depth < 0 || (depth === 0 && list === 2)) break
    }
  }
  return inputs
}

/** The `out` path a .drv file declares (its first output), read from the file itself. */
export function derivationOutput(aterm: string): string | undefined {
  return /^Derive\(\[\("out","([^"]+)"/.exec(aterm)?.[1]
}

/**
 * dockerTools' conf JSON an image is made from (`<name>-conf.json`), found among the derivations it
 * is built from, reading .drv files directly: an input of a stream script, an input of the stream a
 * .tar.gz is piped from. Its output path, or undefined when none or several (a base image's too) are
 * within those two levels, or a .drv cannot be read here.
 */
export async function confOfDerivation(drvPath: string): Promise<string | undefined> {
  let level = [drvPath]
  try {
    for (let depth = 0; depth < 2 && level.length > 0; depth++) {
      const inputs = [...new Set((await Promise.all(level.map(async (drv) => parseDerivationInputs(await readFile(drv, 'utf8'))))).flat())]
      const confs = inputs.filter((d) => d.endsWith('-conf.json.drv'))
      if (confs.length > 1) return undefined
      if (confs.length === 1) return derivationOutput(await readFile(confs[0], 'utf8'))
      level = inputs
    }
  } catch {
    return undefined
  }
  return undefined
}

/**
 * Which of `wanted` are in the derivation closure of `roots`, reading .drv files directly (no Nix
 * process); the walk stops once all are found, so a manifest app that names its images directly
 * costs one file read. undefined when a .drv cannot be read here (a store in another place).
 */
export async function findInDerivationClosure(roots: readonly string[], wanted: readonly string[]): Promise<Set<string> | undefined> {
  const found = new Set<string>()
  const seen = new Set<string>(roots)
  let level = [...roots]
  while (level.length > 0 && found.size < wanted.length) {
    for (const drv of level) if (wanted.includes(drv)) found.add(drv)
    let inputs: string[][]
    try {
      inputs = await Promise.all(level.map(async (drv) => parseDerivationInputs(await readFile(drv, 'utf8'))))
    } catch {
      return undefined
    }
    level = inputs.flat().filter((d) => !seen.has(d) && seen.add(d))
  }
  return found
}

/** Some installables failed to build: the others are still reported. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly built: BuiltImage[],
    readonly failed: PlanEntry[],
  ) {
    super(message)
    this.name = 'BuildError'
  }
}

/** After a failed `nix build --keep-going`: which installables did build (failure path only). */
async function partialResults(nix: Nix, entries: PlanEntry[], error: CommandError): Promise<BuildError> {
  const checks: (BuildResult | undefined)[] = await Promise.all(
    entries.map(async (e) => {
      try {
        const [drv] = await queryPathInfo(nix, ['--derivation', e.installable])
        // A path that was never built is reported as not valid (or Nix refuses to answer at all).
        const [out] = await queryPathInfo(nix, [e.installable])
        return drv?.valid && out?.valid ? { drvPath: drv.path, outputs: { out: out.path } } : undefined
      } catch {
        return undefined
      }
    }),
  )
  const okEntries = entries.filter((_, i) => checks[i])
  const failed = entries.filter((_, i) => !checks[i])
  const built = okEntries.length
    ? await builtImages(
        nix,
        okEntries,
        checks.filter((c): c is BuildResult => !!c),
      )
    : []
  const names = (list: PlanEntry[]) => list.map((e) => `${e.container} ${e.system}`).join(', ')
  const tail = error.result.stderr.trim().split('\n').slice(-15).join('\n')
  return new BuildError(
    `nix build failed for ${names(failed) || 'some installables'}${built.length ? ` (built: ${names(okEntries)})` : ''}; nothing was pushed.\n${tail}`,
    built,
    failed,
  )
}

const MISSING_ATTR = /does not provide attribute '([^']+)'/

/** Turn Nix's evaluation errors into ones that name the input and list what the flake has. */
async function explainBuildFailure(nix: Nix, entries: PlanEntry[], error: CommandError): Promise<Error> {
  const stderr = error.result.stderr
  const missing = MISSING_ATTR.exec(stderr)
  if (missing) {
    // Nix lists every attribute path it tried; the one an entry asked for is among them.
    const tried = [
      ...stderr
        .slice(missing.index)
        .split('\n')[0]
        .matchAll(/'([^']+)'/g),
    ].map((m) => m[1])
    const entry = entries.find((e) => tried.includes(`packages.${e.system}.${e.container}`)) ?? entries.find((e) => missing[1].includes(e.container))
    if (entry) {
      const flake = entry.installable.slice(0, entry.installable.indexOf('#'))
      const available = await listPackages(nix, flake, entry.system)
      const has =
        available === undefined
          ? `it has no packages for ${entry.system}`
          : available.length
            ? `its packages for ${entry.system} are: ${available.join(', ')}`
            : `its packages.${entry.system} is empty`
      return new Error(`Input 'container': the flake ${flake} has no packages.${entry.system}.${entry.container}; ${has}.`)
    }
  }
  if (/path '.*' does not exist|is not a flake|does not contain a 'flake.nix'|getting status of .*: No such file/.test(stderr)) {
    const flake = entries[0].installable.slice(0, entries[0].installable.indexOf('#'))
    const why = stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('error'))
      .join(' ')
    return new Error(
      `Input 'flake': ${flake} does not exist or is not a flake (${why}); use a path to a directory with a flake.nix tracked by git, or a flake reference.`,
    )
  }
  if (/builder for .* failed|build of .* failed|cannot build|failed with exit code/.test(stderr)) return partialResults(nix, entries, error)
  return error
}

export async function listPackages(nix: Nix, flake: string, system: string): Promise<string[] | undefined> {
  const result = await run(
    {
      cmd: nix.path,
      args: ['eval', '--json', `${flake}#packages`, '--apply', `p: if p ? "${system}" then builtins.attrNames p."${system}" else null`],
      env: nix.env,
    },
    { echo: false, check: false },
  )
  if (result.code !== 0) return undefined
  return (JSON.parse(result.stdout) as string[] | null) ?? undefined
}
