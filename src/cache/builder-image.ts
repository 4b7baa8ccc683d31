// A builder VM image in the caches (the seed's check-rosetta-cache / cache-rosetta-builder).
import { run } from '../exec.js'
import { type Nix } from '../nix/nix.js'
import { outPathInstallable } from './args.js'
import { type CacheSession, INSTALL_TIMEOUT_MS, QUERY_TIMEOUT_MS, presentIn, pushClosure } from './session.js'
import { type BuilderImageCheck } from './report.js'
import { lastLines, messageOf } from '../errors.js'
import { type BuilderImage } from '../config/cache-settings.js'

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
    ui.warning(`cache-builder-image: could not evaluate ${check.path}: ${lastLines(messageOf(e), 3)}`)
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
      entry.error = lastLines(messageOf(e))
      ui.warning(`cache-builder-image on ${target.label}: ${entry.error}`)
    }
  }
  return check
}
