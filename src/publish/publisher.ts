// Publishing over a whole run, decided here and nowhere else: before the build, which publisher
// pushes each container and whether its manifest app exists (a missing app costs no build); the
// apps to build with the images; and after the tests, the push and its read-back.
import type { Nix } from '../nix/nix.js'
import type { Ui } from '../model.js'
import { type Settings, imageInstallable } from '../config/settings.js'
import { versionFromRef } from '../config/tags.js'
import { isNix2container } from '../image/kind.js'
import type { ImageRecord } from '../image/record.js'
import { type ManifestApp, appNix, appTargets, checkManifestUsesBuiltImages, manifestApp, runManifestApp } from './flocken.js'
import { type Publication, PublishError, type Target, checkTargets, describeTargets, inputTarget, pushBuiltin } from './publish.js'
import { type SourceContext, type SourceFacts, annotationSet, localFlakeDir } from './annotations.js'
import { verifyPublished } from './verify.js'
import type { UploadStats } from './builtin.js'
import type { Credentials } from '../registry/client.js'
import { registryLogin, storedLoginFor } from './login.js'

/** A run's publishing, prepared before the build. */
export interface Publisher {
  /** The Nix that builds: with manifest apps to build, it evaluates as `nix run --impure` will. */
  buildNix: Nix
  /** The manifest apps that are packages, built by the images' nix build so that publishing only runs them. */
  alsoBuild: ManifestApp[]
  /** Pushes every container's tested images, reads each destination back, and says what is there. */
  publish(images: ImageRecord[], ui: Ui, publication: Publication): Promise<Publication>
}

/** Where the source annotations are read from: the flake's checkout, the commit, GitHub. */
export function sourceContext(settings: Settings): SourceContext {
  return {
    flakeDir: localFlakeDir(settings.flake),
    sha: settings.ref.sha,
    repository: settings.githubRepository,
    ...settings.github,
    githubToken: settings.githubToken,
    version: settings.version ?? versionFromRef(settings.ref.ref),
  }
}

/**
 * What flocken's `annotations` get (through $ANNOTATIONS): the same for every app, as one build
 * evaluates them all, so no per-container title (flocken's GitHub mode gives the repository's).
 */
function flockenAnnotations(facts: SourceFacts, settings: Settings): Record<string, string> {
  return annotationSet({ ...facts, title: '' }, '', settings.annotations).index
}

/**
 * With flocken, every manifest app must exist before anything is built. A nix2container image needs
 * none (without one it is pushed by digest): asked only when the app is missing, so the usual run
 * pays nothing.
 */
async function findApps(settings: Settings, nix: Nix, evaluating: Nix): Promise<Map<string, ManifestApp>> {
  const apps = new Map<string, ManifestApp>()
  if (!settings.push || settings.publisher !== 'flocken') return apps
  // In turn: Nix processes started together on a store never used before race to initialise it.
  for (const c of settings.containers) {
    const app = await manifestApp(evaluating, settings, c).catch(async (e: unknown) => {
      if (e instanceof PublishError && (await isNix2container(nix, imageInstallable(settings.flake, c, settings.systems[0])))) return undefined
      throw e
    })
    if (app) apps.set(c.name, app)
  }
  return apps
}

export async function openPublisher(settings: Settings, nix: Nix, facts: SourceFacts, ui: Ui): Promise<Publisher> {
  const evaluating = appNix(nix, settings, flockenAnnotations(facts, settings))
  const apps = await findApps(settings, nix, evaluating)
  const alsoBuild = [...apps.values()].filter((a) => a.derivation)
  const logins = new Map<string, Promise<Credentials | undefined>>()
  // Before the build: a push that cannot log in fails now.
  if (settings.push) logins.set(settings.registry, Promise.resolve(await registryLogin(settings, ui)))
  // Another registry a manifest app pushes to, with no login of the app's own: the runner's for it
  // (looked up once per registry), else the inputs'.
  const loginFor = async (registry: string): Promise<Credentials> => {
    if (!logins.has(registry)) logins.set(registry, storedLoginFor(registry, ui))
    return (await logins.get(registry)) ?? { username: settings.username, password: settings.password }
  }
  return {
    buildNix: alsoBuild.length ? evaluating : nix,
    alsoBuild,
    publish: (images, ui, publication) => publishAll(settings, nix, apps, facts, images, ui, publication, loginFor),
  }
}

async function publishAll(
  settings: Settings,
  nix: Nix,
  apps: Map<string, ManifestApp>,
  facts: SourceFacts,
  records: ImageRecord[],
  ui: Ui,
  publication: Publication,
  loginFor: (registry: string) => Promise<Credentials>,
): Promise<Publication> {
  for (const container of settings.containers) {
    const mine = records.filter((r) => r.built.container === container.name)
    const images = mine.map((r) => ({ ...r.built, layers: r.loaded?.layers }))
    const app = settings.publisher === 'flocken' ? apps.get(container.name) : undefined
    const plan = app && (await appTargets(app, settings, container, (m) => ui.info(m), loginFor))
    // flocken takes archives and streams only: its nix2container images are pushed by digest. Any
    // other app (the seed's, with skopeo's nix: transport) pushes them itself.
    const nix2container = images.some((b) => b.kind === 'nix2container')
    let targets: Target[]
    let upload: UploadStats | undefined
    if (app && plan && !(nix2container && plan.flocken)) {
      await checkManifestUsesBuiltImages(nix, app.drvs, images, container.manifest)
      targets = plan.targets
      checkTargets(targets, container.manifest)
      ui.info(`${container.manifest} pushes to ${describeTargets(targets)} (read from ${targets[0].source}).`)
      await runManifestApp(app, settings, container, targets, (m) => ui.warning(m), await loginFor(settings.registry))
    } else {
      if (settings.publisher === 'flocken') {
        ui.info(
          app
            ? `${container.name} is a nix2container image, which flocken's ${container.manifest} cannot push: the builtin publisher pushes it by digest.`
            : `${container.name} is a nix2container image and the flake has no ${container.manifest}: the builtin publisher pushes it by digest.`,
        )
      }
      targets = [inputTarget(settings, container, await loginFor(settings.registry))]
      const annotations = annotationSet(facts, container.repository, settings.annotations)
      const listed = Object.entries(annotations.index).map(([k, v]) => `${k}=${v}`)
      ui.info(`annotations: ${listed.join(', ') || '(none)'}`)
      const metadata = { annotations, labels: settings.labels, compression: settings.compression }
      upload = (await pushBuiltin(targets[0], mine, metadata, (m) => ui.info(m))).upload
    }
    // Every destination is read back and checked; all reads go out at once.
    const published = await Promise.all(targets.map(async (t) => ({ ...(await verifyPublished(t, container.name, images, (m) => ui.info(m))), upload })))
    for (const p of published) {
      publication.images.push(p)
      const also = p.alsoTagged?.length ? `; also tagged ${p.alsoTagged.map((a) => `${a.tag} (${a.is})`).join(', ')}` : ''
      ui.info(`${p.name}@${p.digest} (${p.platforms.join(', ')}) tagged ${p.tags.join(', ')}${also}`)
    }
  }
  return publication
}
