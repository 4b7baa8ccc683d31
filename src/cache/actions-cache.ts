// The GitHub Actions cache (@actions/cache, only ever called from here): the image closures as a
// nix copy export, saved after a build and imported into the store before the next.
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { run } from '../exec.js'
import { type Nix } from '../nix/nix.js'
import { type ActionsCacheState, type CacheSession, PUSH_TIMEOUT_MS } from './session.js'
import { actionsCacheKeys, narinfoStorePath } from './args.js'

const ACTIONS_CACHE_TIMEOUT_MS = 10 * 60_000
/** The Actions cache holds 10 GB per repository; one run's images should not evict everything else. */
const ACTIONS_CACHE_MAX_BYTES = 4 * 1024 ** 3

/** @actions/cache is most of the bundle: loaded only on runs that use the Actions cache. */
function loadActionsCache(): Promise<typeof import('@actions/cache')> {
  return import('@actions/cache')
}

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

export async function restoreActions(session: CacheSession, actions: ActionsCacheState): Promise<void> {
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

export async function saveActions(session: CacheSession, actions: ActionsCacheState, roots: readonly string[]): Promise<void> {
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
