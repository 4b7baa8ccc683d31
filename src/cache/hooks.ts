// Caching, so a re-run builds nothing: what the pipeline calls. Before the build the configured
// caches become substituters and the Actions cache is restored; after it exactly the built image
// closures are pushed. Pushing is best effort under a time limit: a failed push warns and never
// fails a good build, and nothing is left running afterwards.
import { runnerTemp } from '../files.js'
import { join } from 'node:path'
import type { BuiltImage, Ui } from '../model.js'
import type { NixActivity } from '../image/build.js'
import { type Nix } from '../nix/nix.js'
import { type CacheReport } from './report.js'
import { type CacheSession, findOrInstallCachix, pushClosure, targetsFor } from './session.js'
import { actionsCacheAvailable, flakeLockText, restoreActions, saveActions } from './actions-cache.js'
import { actionsCacheKeys, unique } from './args.js'
import { checkBuilderImage } from './builder-image.js'
import { messageOf } from '../errors.js'
import { type CacheSettings } from '../config/cache-settings.js'

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
      ui.warning(`cachix could not be installed, so nothing is pushed to Cachix: ${messageOf(e)}`)
    }
  }
  return { nix, settings, report, ui, targets: targetsFor(nix, settings, report, cachixBin) }
}

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
      const dir = join(runnerTemp(), 'nix-container-action-store')
      session.actions = { dir, keyParts, prefix: actionsCacheKeys(keyParts).prefix }
      try {
        await restoreActions(session, session.actions)
      } catch (e) {
        ui.warning(`GitHub Actions cache: could not restore (${messageOf(e)}); building without it.`)
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
      session.ui.warning(`GitHub Actions cache: could not save (${messageOf(e)}); the build itself is fine.`)
    }
  }
  if (session.settings.builderImage) await checkBuilderImage(session, session.settings.builderImage, { push: true })
}

/** After publishing: the manifest apps' closures (`roots`: their outputs, from the images' build). */
export async function afterPublish(session: CacheSession, roots: readonly string[]): Promise<void> {
  await pushClosure(session, 'manifest app', roots)
}
