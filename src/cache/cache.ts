// Caching, so a re-run builds nothing. Before the build, the configured caches become substituters
// (extra-substituters / extra-trusted-public-keys in the run's NIX_CONFIG); after it, exactly the
// built image closures are pushed: to Cachix with its CLI, to a Nix binary cache of the user's choice
// with `nix copy`, or, when neither is configured, into the GitHub Actions cache (@actions/cache, only
// ever called from here). Pushing is best effort under a time limit: a failed push warns and never
// fails a good build, and nothing is left running afterwards (no cachix daemon, no post-build hook).
import { createHash } from 'node:crypto'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Command, run, which } from '../exec.js'
import type { BuiltImage } from '../image/kind.js'
import { httpRequest } from '../registry/http.js'
import type { BuilderImage, CacheSettings } from '../config/settings.js'
import type { NixActivity } from '../nix/build.js'
import { type PathInfo, queryPathInfo, storeDirOf } from '../nix/path-info.js'
import type { Ui } from '../pipeline/ui.js'
import { type Nix } from '../nix/nix.js'
import { NIX_PUBLIC_KEY } from '../config/settings.js'
import { exists } from '../files.js'

/** @actions/cache is most of the bundle: loaded only on runs that use the Actions cache. */
function loadActionsCache(): Promise<typeof import('@actions/cache')> {
  return import('@actions/cache')
}

/**
 * cachix from a pinned nixpkgs (the revision and hash cachix/cachix-action's own devenv.lock pins),
 * realised through the runner's substituters (cache.nixos.org), only when no cachix is on PATH.
 */
export const CACHIX_INSTALLABLE =
  'github:NixOS/nixpkgs/b6067cc0127d4db9c26c79e4de0513e58d0c40c9?narHash=sha256-NXrKzNMniu4Oam2kAFvqJ3GB2kAvlAFIriTAheaY8hw=#cachix'

/** Each push (one command) gets this long; a slow cache must not hold the job hostage. */
export const PUSH_TIMEOUT_MS = 10 * 60_000
const QUERY_TIMEOUT_MS = 2 * 60_000
const INSTALL_TIMEOUT_MS = 10 * 60_000
const API_TIMEOUT_MS = 15_000
const ACTIONS_CACHE_TIMEOUT_MS = 10 * 60_000
/** The Actions cache holds 10 GB per repository; one run's images should not evict everything else. */
const ACTIONS_CACHE_MAX_BYTES = 4 * 1024 ** 3

// --- what a run reports --------------------------------------------------------------------------

export interface Substituter {
  /** What configured it: "cachix <name>" or "binary-cache". */
  name: string
  url: string
  publicKeys: string[]
}

export interface CachePush {
  /** Where to: "cachix <name>" or the binary cache URL. */
  cache: string
  /** What: "images", "manifest app", "builder image". */
  what: string
  /** Store paths in the closure of what was pushed. */
  closure: number
  /** Of those, already in the cache before the push; undefined when the cache could not be asked. */
  present?: number
  /** Paths the cache lists after the push that it lacked before. */
  pushed?: number
  /** Their size as the cache stores them (compressed NARs), as the cache reports it. */
  bytes?: number
  durationMs: number
  error?: string
}

export interface BuilderImageCheck {
  path: string
  caches: { cache: string; present?: boolean; pushed?: boolean; error?: string }[]
}

export interface CacheReport {
  substituters: Substituter[]
  /** What Nix built and substituted, from the build's own log. */
  activity?: NixActivity
  actions?: {
    /** The entry restored before the build, and the store paths imported from it. */
    restored?: { key: string; paths: string[] }
    saved?: { key: string; paths?: number; bytes?: number }
    /** Why the Actions cache was not used or not saved. */
    note?: string
  }
  pushes: CachePush[]
  builderImage?: BuilderImageCheck
}

export function emptyCacheReport(): CacheReport {
  return { substituters: [], pushes: [] }
}

// --- pure: settings → config lines and argument arrays ---------------------------------------------

const unique = <T>(list: readonly T[]): T[] => [...new Set(list)]

/** The NIX_CONFIG lines that make Nix substitute from the caches (extra-: the runner's own stay). */
export function substituterLines(subs: readonly Substituter[]): string[] {
  const urls = unique(subs.map((s) => s.url))
  const keys = unique(subs.flatMap((s) => s.publicKeys))
  return [urls.length ? `extra-substituters = ${urls.join(' ')}` : '', keys.length ? `extra-trusted-public-keys = ${keys.join(' ')}` : ''].filter(Boolean)
}

/** Adds store parameters (`?secret-key=…`) to a store URL, keeping those the user gave. */
export function withStoreParams(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  if (!query) return url
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

/** A cache URL for logs and the summary: no query string (it may name key files). */
export function displayUrl(url: string): string {
  return url.replace(/\?.*$/, '')
}

/**
 * `nix copy` to a binary cache. With a secret key the cache store signs each path as it uploads it
 * (the `secret-key` store parameter): unlike `nix store sign` this needs no trusted-user rights on a
 * multi-user Nix and leaves the local store's signatures alone.
 */
export function copyToArgs(url: string, roots: readonly string[], secretKeyFile?: string): string[] {
  return ['copy', '--to', secretKeyFile ? withStoreParams(url, { 'secret-key': secretKeyFile }) : url, ...roots]
}

/** Asks a store which paths it has; a negative answer must not be remembered, we ask again after pushing. */
export function pathInfoArgs(store: string, paths: readonly string[]): string[] {
  return ['--store', store, '--option', 'narinfo-cache-negative-ttl', '0', ...paths]
}

/** `cachix push` takes roots and pushes their closures; the credentials travel in the environment. */
export function cachixPushArgs(name: string, roots: readonly string[]): string[] {
  return ['push', name, ...roots]
}

export function cachixEnv(cachix: { authToken: string; signingKey: string }): Record<string, string> {
  return {
    ...(cachix.authToken ? { CACHIX_AUTH_TOKEN: cachix.authToken } : {}),
    ...(cachix.signingKey ? { CACHIX_SIGNING_KEY: cachix.signingKey } : {}),
  }
}

export type ImageSource = 'built' | 'substituted' | 'restored' | 'in store'

/** Where an image's output came from in this run, from what Nix reported (not guessed). */
export function imageSource(
  image: Pick<BuiltImage, 'storePath' | 'drvPath'>,
  activity: NixActivity | undefined,
  restored: readonly string[] = [],
): ImageSource | undefined {
  if (!activity) return undefined
  if (activity.built.includes(image.drvPath)) return 'built'
  if (activity.fetched.includes(image.storePath)) return 'substituted'
  if (restored.includes(image.storePath)) return 'restored'
  return 'in store'
}

const hash16 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16)

/**
 * The Actions cache key: a prefix from the runner's system and a hash of flake.lock, the containers
 * and systems, then a hash of the built image paths. Entries are immutable, so a changed image gets
 * a new key; the restore matches the newest entry by prefix.
 */
export function actionsCacheKeys(input: { host: string; systems: readonly string[]; containers: readonly string[]; lock: string; roots?: readonly string[] }): {
  prefix: string
  key?: string
} {
  const prefix = `nix-container-action-${input.host}-${hash16(JSON.stringify([input.lock, input.containers, input.systems]))}`
  return { prefix, key: input.roots ? `${prefix}-${hash16([...input.roots].sort().join('\n'))}` : undefined }
}

/** The store paths a binary cache directory holds, from its .narinfo files. */
export function narinfoStorePath(text: string): string | undefined {
  return /^StorePath: (\S+)$/m.exec(text)?.[1]
}

/** `<flake>#attr` → what `nix eval --raw` prints the output path of. */
export function outPathInstallable(installable: string): string {
  return `${installable}.outPath`
}

// --- processes -----------------------------------------------------------------------------------

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))
const lastLines = (text: string, n = 6): string => text.trim().split('\n').slice(-n).join('\n')

/** Public key of a Nix secret key; the secret goes in on stdin. */
export async function publicKeyOf(nixPath: string, secretKey: string): Promise<string> {
  const { stdout } = await run(
    { cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', 'key', 'convert-secret-to-public'] },
    { input: secretKey, echo: false },
  )
  return stdout.trim()
}

/**
 * A Cachix cache's store URL and public keys from its API (`GET /api/v1/cache/<name>`, as
 * cachix use does). NCA_CACHIX_API points elsewhere (a self-hosted API; the tests' stand-in).
 */
export async function lookUpCachix(name: string, token: string): Promise<Substituter> {
  const api = (process.env.NCA_CACHIX_API ?? 'https://cachix.org/api/v1').replace(/\/$/, '')
  const res = await httpRequest(`${api}/cache/${name}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, idleTimeoutMs: API_TIMEOUT_MS })
  if (res.status !== 200) {
    await res.discard()
    throw new Error(
      `${api}/cache/${name} answered ${res.status}${res.status === 404 || res.status === 401 ? ' (no such cache, or a private one and cachix-auth-token is missing or wrong)' : ''}`,
    )
  }
  const info = (await res.json()) as { uri?: string; publicSigningKeys?: string[] }
  const publicKeys = (info.publicSigningKeys ?? []).filter((k) => NIX_PUBLIC_KEY.test(k))
  if (publicKeys.length === 0) throw new Error(`${api}/cache/${name} lists no public signing key`)
  return { name: `cachix ${name}`, url: info.uri ?? `https://${name}.cachix.org`, publicKeys }
}

/**
 * The substituters for this run, before Nix is configured. A cache that cannot be set up warns and
 * is left out: the build still works, it only builds more.
 */
/**
 * A file:// cache gets its folders from whoever opens it first. A multi-user Nix's daemon (root)
 * opens it as a substituter, and folders it made would refuse this user's pushes: they are made here.
 */
export async function prepareLocalCache(url: string): Promise<void> {
  if (!url.startsWith('file://')) return
  const dir = decodeURIComponent(new URL(url).pathname)
  await Promise.all(['nar', 'log', 'realisations'].map((d) => mkdir(join(dir, d), { recursive: true })))
}

export async function resolveSubstituters(cache: CacheSettings, nixPath: string, ui: Ui): Promise<Substituter[]> {
  const subs: Substituter[] = []
  for (const name of unique([...(cache.cachix ? [cache.cachix.name] : []), ...cache.extraPullNames])) {
    try {
      subs.push(await lookUpCachix(name, name === cache.cachix?.name ? cache.cachix.authToken : ''))
    } catch (e) {
      ui.warning(`Cachix cache ${name}: could not read its public key (${message(e)}); it is not used as a substituter, so what it holds is built instead.`)
    }
  }
  const binary = cache.binaryCache
  if (binary) {
    await prepareLocalCache(binary.url)
    const keys = [...binary.publicKeys]
    if (keys.length === 0 && binary.secretKey) {
      try {
        keys.push(await publicKeyOf(nixPath, binary.secretKey))
      } catch (e) {
        ui.warning(`binary-cache-secret-key: nix could not derive its public key (${lastLines(message(e), 2)}); set binary-cache-public-key.`)
      }
    }
    if (keys.length === 0) {
      ui.warning(
        `binary-cache ${displayUrl(binary.url)} has no public key, so Nix will not trust what it holds (require-sigs) and substitutes nothing from it: set binary-cache-public-key, or binary-cache-secret-key to sign what is pushed.`,
      )
    }
    subs.push({ name: 'binary-cache', url: binary.url, publicKeys: keys })
  }
  for (const s of subs) ui.info(`substituter ${displayUrl(s.url)} (${s.name}${s.publicKeys.length ? `, key ${s.publicKeys.join(' ')}` : ''})`)
  return subs
}

/** The closure of some store paths in the local store, with their NAR sizes. */
export async function closureOf(nix: Nix, roots: readonly string[]): Promise<PathInfo[]> {
  return queryPathInfo(nix, ['--recursive', ...roots], { timeoutMs: QUERY_TIMEOUT_MS })
}

/** Which of these paths a cache has, with the sizes it reports. */
export async function presentIn(nix: Nix, store: string, paths: readonly string[]): Promise<Map<string, PathInfo>> {
  if (paths.length === 0) return new Map()
  const infos = await queryPathInfo(nix, pathInfoArgs(store, paths), { timeoutMs: QUERY_TIMEOUT_MS, storeDir: storeDirOf(paths[0]) })
  return new Map(infos.filter((i) => i.valid).map((i) => [i.path, i]))
}

/** A secret key in a 0600 file for exactly as long as `fn` runs. */
async function withSecretKeyFile<T>(secretKey: string, fn: (file?: string) => Promise<T>): Promise<T> {
  if (!secretKey) return fn(undefined)
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), 'nca-key-'))
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

interface ActionsCacheState {
  dir: string
  /** What the key is made of, but the image paths (known only after the build). */
  keyParts: { host: string; systems: readonly string[]; containers: readonly string[]; lock: string }
  prefix: string
}

function targetsFor(nix: Nix, settings: CacheSettings, report: CacheReport, cachixBin?: string): Target[] {
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
 * Opens the run's caching once Nix is set up: installs cachix when it will push, and builds the
 * list of caches to push to. Never throws: a cache that cannot be used warns.
 */
export async function openCache(nix: Nix, settings: CacheSettings, report: CacheReport, ui: Ui): Promise<CacheSession> {
  let cachixBin: string | undefined
  if (settings.cachix?.push) {
    try {
      cachixBin = await findOrInstallCachix(nix, ui)
    } catch (e) {
      ui.warning(`cachix could not be installed, so nothing is pushed to Cachix: ${message(e)}`)
    }
  }
  return { nix, settings, report, ui, targets: targetsFor(nix, settings, report, cachixBin) }
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
    ui.warning(`Could not read the closure of the ${what} to push it: ${message(e)}`)
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
        ui.info(`${target.label}: could not ask what it holds (${lastLines(message(e), 2)}); pushing everything`)
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
      entry.error = lastLines(message(e))
      ui.warning(`Pushing the ${what} to ${target.label} failed; the build itself is fine: ${entry.error}`)
    }
    entry.durationMs = Date.now() - started
    entries.push(entry)
    session.report.pushes.push(entry)
  }
  return entries
}

// --- the GitHub Actions cache --------------------------------------------------------------------

/**
 * Whether the Actions cache service can be reached. @github/local-action replaces @actions/cache by
 * a stub without isFeatureAvailable; then the runner's variables decide.
 */
export async function actionsCacheAvailable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  // Without the runner's variables there is no service: decided without loading the module.
  if (!env.ACTIONS_CACHE_URL && !env.ACTIONS_RESULTS_URL) return false
  const isFeatureAvailable = ((await loadActionsCache()) as unknown as { isFeatureAvailable?: () => boolean }).isFeatureAvailable
  if (typeof isFeatureAvailable === 'function') {
    try {
      return isFeatureAvailable()
    } catch {
      return false
    }
  }
  return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL)
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000}s`)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** flake.lock of a local flake; a remote flake's reference stands in for it. */
export async function flakeLockText(flake: string, cwd = process.cwd()): Promise<string> {
  const local = /^(?:path:)?(\.{1,2}(?:\/[^?#]*)?|\/[^?#]*)(?:\?.*)?$/.exec(flake)
  if (!local) return flake
  return readFile(join(resolve(cwd, local[1]), 'flake.lock'), 'utf8').catch(() => '')
}

/**
 * The closures as a binary cache directory, uncompressed (the Actions cache compresses the whole
 * directory once with zstd, faster than Nix's xz per path).
 */
export async function exportClosures(nix: Nix, roots: readonly string[], dir: string): Promise<{ paths: number; bytes: number }> {
  await run({ cmd: nix.path, args: ['copy', '--to', `file://${dir}?compression=none`, ...roots], env: nix.env }, { echo: false, timeoutMs: PUSH_TIMEOUT_MS })
  const narinfos = (await readdir(dir)).filter((f) => f.endsWith('.narinfo'))
  let bytes = 0
  for (const f of await readdir(join(dir, 'nar')).catch(() => [] as string[])) bytes += (await stat(join(dir, 'nar', f))).size
  return { paths: narinfos.length, bytes }
}

/**
 * Imports every path of a directory written by exportClosures. Signatures are not checked: the
 * directory came from this repository's own Actions cache, written by an earlier run of this step.
 */
export async function importClosures(nix: Nix, dir: string): Promise<string[]> {
  const paths: string[] = []
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.narinfo'))) {
    const path = narinfoStorePath(await readFile(join(dir, f), 'utf8'))
    if (path) paths.push(path)
  }
  if (paths.length > 0) {
    await run(
      { cmd: nix.path, args: ['copy', '--from', `file://${dir}`, '--no-check-sigs', ...paths], env: nix.env },
      { echo: false, timeoutMs: PUSH_TIMEOUT_MS },
    )
  }
  return paths
}

async function restoreActions(session: CacheSession, actions: ActionsCacheState): Promise<void> {
  const report = (session.report.actions ??= {})
  const key = await withTimeout(
    (await loadActionsCache()).restoreCache([actions.dir], actions.prefix, [`${actions.prefix}-`], {
      timeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
      segmentTimeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
    }),
    ACTIONS_CACHE_TIMEOUT_MS,
    'restoring from the Actions cache',
  )
  if (!key) {
    session.ui.info(`GitHub Actions cache: no entry for ${actions.prefix} yet`)
    return
  }
  try {
    const paths = await importClosures(session.nix, actions.dir)
    report.restored = { key, paths }
    session.ui.info(`GitHub Actions cache: imported ${paths.length} store paths from ${key}`)
  } finally {
    await rm(actions.dir, { recursive: true, force: true })
  }
}

async function saveActions(session: CacheSession, actions: ActionsCacheState, roots: readonly string[]): Promise<void> {
  const report = (session.report.actions ??= {})
  const key = actionsCacheKeys({ ...actions.keyParts, roots }).key!
  // Entries are immutable: when the restored one already holds every image (whatever key the
  // service says it matched; local-action's stub answers with the prefix), saving again is waste.
  const restored = report.restored
  if (restored && (key === restored.key || roots.every((r) => restored.paths.includes(r)))) {
    report.note = `unchanged since ${restored.key}: not saved again`
    session.ui.info(`GitHub Actions cache: ${report.note}`)
    return
  }
  await rm(actions.dir, { recursive: true, force: true })
  try {
    const exported = await exportClosures(session.nix, roots, actions.dir)
    if (exported.bytes > ACTIONS_CACHE_MAX_BYTES) {
      report.note = `the image closures are ${exported.bytes} bytes, more than the ${ACTIONS_CACHE_MAX_BYTES} this action puts in the Actions cache: not saved (configure cachix-name or binary-cache)`
      session.ui.warning(`GitHub Actions cache: ${report.note}`)
      return
    }
    const id = await withTimeout((await loadActionsCache()).saveCache([actions.dir], key), ACTIONS_CACHE_TIMEOUT_MS, 'saving to the Actions cache')
    // saveCache reports its own failures (e.g. a read-only token on a fork) and returns -1.
    if (id === -1) report.note = `${key} was not saved (see the log)`
    else report.saved = { key, ...exported }
  } finally {
    await rm(actions.dir, { recursive: true, force: true })
  }
}

// --- the pipeline's hooks ------------------------------------------------------------------------

export interface CacheRun {
  host: string
  systems: readonly string[]
  containers: readonly string[]
  flake: string
}

/** Before the build: restore from the Actions cache. */
export async function beforeBuild(session: CacheSession, runInfo: CacheRun): Promise<void> {
  const { settings, report, ui } = session
  if (settings.actionsCache) {
    if (!(await actionsCacheAvailable())) {
      // Outside a runner (the CLI, local tests) there is no cache service: say so once, quietly.
      report.actions = { note: 'not available here (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): skipped' }
      ui.info(`GitHub Actions cache: ${report.actions.note}`)
    } else {
      const keyParts = { host: runInfo.host, systems: runInfo.systems, containers: runInfo.containers, lock: await flakeLockText(runInfo.flake) }
      // A fixed directory: the Actions cache versions entries by their paths, so save and restore must agree.
      const dir = join(process.env.RUNNER_TEMP ?? tmpdir(), 'nix-container-action-store')
      session.actions = { dir, keyParts, prefix: actionsCacheKeys(keyParts).prefix }
      try {
        await restoreActions(session, session.actions)
      } catch (e) {
        ui.warning(`GitHub Actions cache: could not restore (${message(e)}); building without it.`)
      }
    }
  }
}

/** After the build, in its log group: what Nix built and fetched, and the substituters it ignored. */
export function reportActivity(activity: NixActivity, ui: Ui): void {
  ui.info(`Nix built ${activity.built.length} derivation(s) and substituted ${activity.fetched.length} path(s) from caches.`)
  for (const w of activity.warnings) {
    ui.warning(
      `Nix: ${w} — substituters given to a multi-user Nix only count for trusted users: add this user to trusted-users in nix.conf (the DeterminateSystems installer does for runner).`,
    )
  }
}

/** After the build: push the image closures; with no other cache, save them to the Actions cache. */
export async function afterBuild(session: CacheSession, built: readonly BuiltImage[]): Promise<void> {
  const roots = unique(built.map((b) => b.storePath))
  await pushClosure(session, 'images', roots)
  if (session.actions && roots.length > 0) {
    try {
      await saveActions(session, session.actions, roots)
    } catch (e) {
      session.ui.warning(`GitHub Actions cache: could not save (${message(e)}); the build itself is fine.`)
    }
  }
  if (session.settings.builderImage) await checkBuilderImage(session, session.settings.builderImage, { push: true })
}

/** After publishing: the manifest apps' closures (`roots`: their outputs, from the images' build). */
export async function afterPublish(session: CacheSession, roots: readonly string[]): Promise<void> {
  await pushClosure(session, 'manifest app', roots)
}

// --- a builder image (the seed's check-rosetta-cache / cache-rosetta-builder) ----------------------

export async function builderImagePath(nix: Nix, image: BuilderImage): Promise<string> {
  if ('path' in image) return image.path
  const { stdout } = await run(
    { cmd: nix.path, args: ['eval', '--raw', outPathInstallable(image.installable)], env: nix.env },
    { echo: false, timeoutMs: QUERY_TIMEOUT_MS },
  )
  return stdout.trim()
}

/**
 * Whether each configured cache holds the builder image; with push, realises it (build or
 * substitute) and pushes it to those that lack it.
 */
export async function checkBuilderImage(session: CacheSession, image: BuilderImage, options: { push: boolean }): Promise<BuilderImageCheck> {
  const { nix, ui } = session
  const check: BuilderImageCheck = { path: 'path' in image ? image.path : image.installable, caches: [] }
  session.report.builderImage = check
  try {
    check.path = await builderImagePath(nix, image)
  } catch (e) {
    ui.warning(`cache-builder-image: could not evaluate ${check.path}: ${lastLines(message(e), 3)}`)
    return check
  }
  for (const target of session.targets) {
    const entry: BuilderImageCheck['caches'][number] = { cache: target.label }
    check.caches.push(entry)
    try {
      entry.present = (await presentIn(nix, target.store, [check.path])).has(check.path)
      ui.info(`${target.label}: ${entry.present ? 'has' : 'lacks'} the builder image ${check.path}`)
      if (entry.present || !options.push) continue
      if (!target.push) {
        ui.info(`${target.label}: pushing is off, the builder image is not pushed`)
        continue
      }
      // Built or substituted here first: a cache can only be given what this store holds.
      await run(
        { cmd: nix.path, args: ['build', '--no-link', 'installable' in image ? image.installable : check.path], env: nix.env },
        { timeoutMs: INSTALL_TIMEOUT_MS },
      )
      const [pushed] = await pushClosure({ ...session, targets: [target] }, 'builder image', [check.path])
      entry.pushed = !pushed?.error
      if (pushed?.error) entry.error = pushed.error
    } catch (e) {
      entry.error = lastLines(message(e))
      ui.warning(`cache-builder-image on ${target.label}: ${entry.error}`)
    }
  }
  return check
}
