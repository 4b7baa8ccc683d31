// A run's caches as targets to ask and push to: the closure of what was built, which paths each
// cache already has, and the push of what it lacks (Cachix with its CLI, a binary cache with
// nix copy), with the secret key in a 0600 file only while it is used.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Command, run, which } from '../exec.js'
import { type PathInfo, queryPathInfo, storeDirOf } from '../nix/path-info.js'
import type { Ui } from '../model.js'
import { type Nix } from '../nix/nix.js'
import { exists, runnerTemp } from '../files.js'
import { cacheQueryArgs, cachixEnv, cachixPushArgs, copyToArgs, displayUrl } from './args.js'
import { type CachePush, type CacheReport } from './report.js'
import { lastLines, messageOf } from '../errors.js'
import { type CacheSettings } from '../config/cache-settings.js'

/**
 * cachix from a pinned nixpkgs (the revision and hash cachix/cachix-action's own devenv.lock pins),
 * realised through the runner's substituters (cache.nixos.org), only when no cachix is on PATH.
 */
export const CACHIX_INSTALLABLE =
  'github:NixOS/nixpkgs/b6067cc0127d4db9c26c79e4de0513e58d0c40c9?narHash=sha256-NXrKzNMniu4Oam2kAFvqJ3GB2kAvlAFIriTAheaY8hw=#cachix'

/** Each push (one command) gets this long; a slow cache must not hold the job hostage. */
export const PUSH_TIMEOUT_MS = 10 * 60_000
export const QUERY_TIMEOUT_MS = 2 * 60_000
export const INSTALL_TIMEOUT_MS = 10 * 60_000

// --- what a run reports --------------------------------------------------------------------------
// --- pure: settings → config lines and argument arrays ---------------------------------------------
// --- processes -----------------------------------------------------------------------------------

/** The closure of some store paths in the local store, with their NAR sizes. */
export async function closureOf(nix: Nix, roots: readonly string[]): Promise<PathInfo[]> {
  return queryPathInfo(nix, ['--recursive', ...roots], { timeoutMs: QUERY_TIMEOUT_MS })
}

/** Which of these paths a cache has, with the sizes it reports. */
export async function presentIn(nix: Nix, store: string, paths: readonly string[]): Promise<Map<string, PathInfo>> {
  if (paths.length === 0) return new Map()
  const infos = await queryPathInfo(nix, cacheQueryArgs(store, paths), { timeoutMs: QUERY_TIMEOUT_MS, storeDir: storeDirOf(paths[0]) })
  return new Map(infos.filter((i) => i.valid).map((i) => [i.path, i]))
}

/** A secret key in a 0600 file for exactly as long as `fn` runs. */
async function withSecretKeyFile<T>(secretKey: string, fn: (file?: string) => Promise<T>): Promise<T> {
  if (!secretKey) return fn(undefined)
  const dir = await mkdtemp(join(runnerTemp(), 'nca-key-'))
  const file = join(dir, 'secret-key')
  try {
    await writeFile(file, secretKey, { mode: 0o600 })
    await chmod(file, 0o600)
    return await fn(file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** cachix on PATH, or built from the pinned nixpkgs. */
export async function findOrInstallCachix(nix: Nix, ui: Ui): Promise<string> {
  const found = await which('cachix')
  if (found) return found
  ui.info(`cachix is not installed: realising ${CACHIX_INSTALLABLE}`)
  const { stdout } = await run({ cmd: nix.path, args: ['build', '--json', '--no-link', CACHIX_INSTALLABLE], env: nix.env }, { timeoutMs: INSTALL_TIMEOUT_MS })
  const outputs = (JSON.parse(stdout) as { outputs: Record<string, string> }[]).flatMap((r) => Object.values(r.outputs))
  for (const out of outputs) {
    if (await exists(join(out, 'bin', 'cachix'))) return join(out, 'bin', 'cachix')
  }
  throw new Error(`${CACHIX_INSTALLABLE} has no bin/cachix in ${outputs.join(', ')}`)
}

// --- a run's caching -----------------------------------------------------------------------------

/** A cache that can be asked what it holds, and pushed to when pushing is on. */
interface Target {
  label: string
  /** The store URL to ask (`nix path-info --store`). */
  store: string
  push?: (roots: readonly string[]) => Promise<unknown>
}

export interface CacheSession {
  nix: Nix
  settings: CacheSettings
  report: CacheReport
  ui: Ui
  targets: Target[]
  actions?: ActionsCacheState
}

export interface ActionsCacheState {
  dir: string
  /** What the key is made of, but the image paths (known only after the build). */
  keyParts: { host: string; systems: readonly string[]; containers: readonly string[]; lock: string }
  prefix: string
}

export function targetsFor(nix: Nix, settings: CacheSettings, report: CacheReport, cachixBin?: string): Target[] {
  const targets: Target[] = []
  const cachix = settings.cachix
  if (cachix) {
    const store = report.substituters.find((s) => s.name === `cachix ${cachix.name}`)?.url ?? `https://${cachix.name}.cachix.org`
    const command = (roots: readonly string[]): Command => ({
      cmd: cachixBin!,
      args: cachixPushArgs(cachix.name, roots),
      env: { ...nix.env, ...cachixEnv(cachix) },
    })
    targets.push({
      label: `cachix ${cachix.name}`,
      store,
      push: cachix.push && cachixBin ? (roots) => run(command(roots), { timeoutMs: PUSH_TIMEOUT_MS }) : undefined,
    })
  }
  const binary = settings.binaryCache
  if (binary) {
    const push = (roots: readonly string[]) =>
      withSecretKeyFile(binary.secretKey, (file) =>
        run({ cmd: nix.path, args: copyToArgs(binary.url, roots, file), env: nix.env }, { timeoutMs: PUSH_TIMEOUT_MS }),
      )
    targets.push({ label: displayUrl(binary.url), store: binary.url, push: binary.push ? push : undefined })
  }
  return targets
}

/**
 * Pushes the closure of `roots` to every cache that pushes, asking each before and after what it
 * holds, so the report says what was pushed and how many bytes the cache now stores for it.
 */
export async function pushClosure(session: CacheSession, what: string, roots: readonly string[]): Promise<CachePush[]> {
  const { nix, ui } = session
  const entries: CachePush[] = []
  const targets = session.targets.filter((t) => t.push)
  if (targets.length === 0 || roots.length === 0) return entries
  let closure: PathInfo[]
  try {
    closure = await closureOf(nix, roots)
  } catch (e) {
    ui.warning(`Could not read the closure of the ${what} to push it: ${messageOf(e)}`)
    return entries
  }
  for (const target of targets) {
    const started = Date.now()
    const entry: CachePush = { cache: target.label, what, closure: closure.length, durationMs: 0 }
    try {
      const before = await presentIn(
        nix,
        target.store,
        closure.map((p) => p.path),
      ).catch((e: unknown) => {
        ui.info(`${target.label}: could not ask what it holds (${lastLines(messageOf(e), 2)}); pushing everything`)
        return undefined
      })
      entry.present = before?.size
      const missing = closure.filter((p) => !before?.has(p.path))
      if (before && missing.length === 0) {
        entry.pushed = 0
        entry.bytes = 0
        ui.info(`${target.label}: already holds all ${closure.length} paths of the ${what}`)
      } else {
        await target.push!(roots)
        const after = await presentIn(
          nix,
          target.store,
          missing.map((p) => p.path),
        ).catch(() => undefined)
        if (after) {
          entry.pushed = after.size
          entry.bytes = [...after.values()].reduce((n, i) => n + (i.downloadSize ?? i.narSize ?? 0), 0)
          if (after.size < missing.length)
            ui.warning(
              `${target.label}: after the push it still lacks ${missing.length - after.size} of the ${missing.length} paths of the ${what} that were pushed.`,
            )
        }
        ui.info(`${target.label}: pushed the ${what} (${entry.pushed ?? '?'} of ${closure.length} paths were new)`)
      }
    } catch (e) {
      entry.error = lastLines(messageOf(e))
      ui.warning(`Pushing the ${what} to ${target.label} failed; the build itself is fine: ${entry.error}`)
    }
    entry.durationMs = Date.now() - started
    entries.push(entry)
    session.report.pushes.push(entry)
  }
  return entries
}

// --- the GitHub Actions cache --------------------------------------------------------------------
// --- the pipeline's hooks ------------------------------------------------------------------------
// --- a builder image (the seed's check-rosetta-cache / cache-rosetta-builder) ----------------------
