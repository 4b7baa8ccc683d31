// Publishing one multi-arch index per container, only after every image passed its smoke test:
// through the flake's flocken manifest app, or by digest over the registry API (publisher: builtin). Either
// way the index is then read back from the registry and checked against what was built.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoadedImage } from '../image/docker.js'
import { CommandError, registerSecret, run } from '../exec.js'
import { expandVariables, explainFlockenError, parseFlockenScript } from './flocken-script.js'
import type { BuiltImage } from '../image/kind.js'
import { type Settings, isValidRepository } from '../config/settings.js'
import { findInDerivationClosure } from '../nix/build.js'
import { type BuiltinPush, type UploadStats, pushByDigest } from './builtin.js'
import { type Credentials, type Descriptor, RegistryClient, RegistryError } from '../registry/client.js'
import { cleanedRefEnv, isValidTag, versionFromRef } from '../config/tags.js'
import { type Nix } from '../nix/nix.js'
import { afterDelays, retry } from '../retry.js'

export interface PublishedImage {
  container: string
  /** registry/repository */
  name: string
  digest: string
  tags: string[]
  platforms: string[]
  /** The index as the registry returned it. */
  manifest: unknown
  /** The builtin publisher's blob counts: bytes sent versus skipped because the registry had them. */
  upload?: UploadStats
}

export interface Publication {
  images: PublishedImage[]
}

/** A built image and, when it was loaded into Docker, its layer digests. */
export type PublishableImage = BuiltImage & { layers?: string[] }

export class PublishError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PublishError'
  }
}

/**
 * The environment a manifest app is evaluated, built and run with: what flocken's mkDockerManifest
 * reads with builtins.getEnv (VERSION, GITHUB_*), its run-time password ($GITHUB_TOKEN), and
 * REGISTRY/TAGS for flakes that want the action's choices. The same for every container, because
 * one nix build evaluates all the apps.
 */
export function manifestEnv(settings: Settings): Record<string, string> {
  const version = settings.version ?? versionFromRef(settings.ref.ref)
  return {
    ...(version ? { VERSION: version } : {}),
    TAGS: settings.tags.join(','),
    REGISTRY: settings.registry,
    GITHUB_TOKEN: settings.token,
    GITHUB_ACTOR: settings.username,
    // flocken's GitHub mode pushes to $GITHUB_REPOSITORY as it is; registries take lowercase names only.
    GITHUB_REPOSITORY: settings.githubRepository.toLowerCase(),
    ...cleanedRefEnv(settings.ref),
  }
}

/** What a custom (non-flocken) app also gets when it runs: the container's own repository. */
export function containerEnv(settings: Settings, index: number): Record<string, string> {
  return { REPOSITORY: settings.repositories[index], IMAGE: `${settings.registry}/${settings.repositories[index]}` }
}

/** The evaluation and build environment of the manifest apps: the run's, plus manifestEnv. */
export function appNix(nix: Nix, settings: Settings): Nix {
  return { ...nix, env: { ...nix.env, ...manifestEnv(settings) }, impure: true }
}

export function manifestInstallable(flake: string, manifest: string): string {
  return `${flake}#${manifest}`
}

/** The Nix lines a flake without a manifest app needs, flocken's GitHub mode as its README shows it, for the error. */
export function manifestSnippet(settings: Settings, index: number): string {
  const container = settings.containers[index]
  const systems = settings.systems.map((s) => `"${s}"`).join(' ')
  const lines = [
    `legacyPackages.\${system}.${settings.manifests[index]} = inputs.flocken.legacyPackages.\${system}.mkDockerManifest {`,
    `  imageFiles = map (sys: inputs.self.packages.\${sys}.${container}) [ ${systems} ];`,
    `  version = builtins.getEnv "VERSION";`,
  ]
  if (settings.registry === 'ghcr.io') {
    lines.push(
      `  # pushes to ghcr.io/<owner>/<repo> as GITHUB_ACTOR with $GITHUB_TOKEN; tags the branch, latest on the default branch`,
      `  github.enable = true;`,
    )
  } else {
    lines.push(
      `  branch = if builtins.getEnv "GITHUB_REF_TYPE" == "branch" then builtins.getEnv "GITHUB_REF_NAME" else "";`,
      `  registries."${settings.registry}" = {`,
      `    repo = "${settings.repositories[index]}";`,
      `    username = "$GITHUB_ACTOR";`,
      `    password = "$GITHUB_TOKEN";`,
      `  };`,
    )
  }
  lines.push(`};`)
  return lines.join('\n')
}

/** A flake's manifest app, as evaluated before the build. */
export interface ManifestApp {
  installable: string
  /** The derivations it is made from: the app's own, or for an `apps` entry those its program names. */
  drvs: string[]
  /** A package (flocken's mkDockerManifest is one): built with the images, so publishing builds nothing. */
  derivation: boolean
  /** The program `nix run` would start: run as it is once built, so publishing evaluates nothing again. */
  program: string
}

// The program nix run starts: an app's program, or a package's bin/<meta.mainProgram, pname or name>.
const APP_FIELDS =
  'm: let app = (m.type or "") == "app"; in { derivation = (m.type or "") == "derivation"; ' +
  'drvs = builtins.attrNames (builtins.getContext (if app then m.program else m.drvPath)); ' +
  'program = if app then m.program else "${m}/bin/${m.meta.mainProgram or (m.pname or (builtins.parseDrvName m.name).name)}"; }'

/**
 * A manifest app and the derivations it depends on, evaluated as `nix run --impure` evaluates it
 * (`nix` from appNix), or a PublishError with the Nix to add when the flake has no such app, or with
 * flocken's own complaint explained. Run before building, so a missing app costs no build.
 */
export async function manifestApp(nix: Nix, settings: Settings, index: number): Promise<ManifestApp> {
  const installable = manifestInstallable(settings.flake, settings.manifests[index])
  const result = await run(
    { cmd: nix.path, args: ['eval', '--impure', '--json', installable, '--apply', APP_FIELDS], env: nix.env },
    { echo: false, check: false },
  )
  if (result.code === 0) return { installable, ...(JSON.parse(result.stdout) as Omit<ManifestApp, 'installable'>) }
  if (/does not provide attribute/.test(result.stderr)) {
    throw new PublishError(
      `Input 'manifest': the flake ${settings.flake} has no manifest app ${settings.manifests[index]} (looked in apps, packages and legacyPackages).\n` +
        `Add one with flocken (input flocken.url = "github:mirkolenz/flocken/v2"), for example:\n\n${manifestSnippet(settings, index)}\n\n` +
        `or set publisher: builtin to let the action push the images itself.`,
    )
  }
  const flocken = explainFlockenError(result.stderr, settings.manifests[index], settings.ref.ref)
  if (flocken) {
    const said = result.stderr
      .split('\n')
      .filter((l) => /error|assert/i.test(l))
      .slice(-3)
      .join('\n')
    throw new PublishError(`${flocken}\nNothing was built or pushed. flocken said:\n${said}`)
  }
  throw new CommandError({ cmd: nix.path, args: ['eval', '--impure', installable] }, result)
}

/** The images the app will push must be exactly the ones that were built and tested. */
export async function checkManifestUsesBuiltImages(nix: Nix, manifestDrvs: string[], images: BuiltImage[], manifest: string): Promise<void> {
  const wanted = images.map((i) => i.drvPath)
  let closure = await findInDerivationClosure(manifestDrvs, wanted)
  if (!closure) {
    const nixStore = join(nix.path, '..', 'nix-store')
    const { stdout } = await run({ cmd: nixStore, args: ['--query', '--requisites', ...manifestDrvs], env: nix.env }, { echo: false })
    closure = new Set(stdout.split('\n').filter(Boolean))
  }
  const missing = images.filter((i) => !closure.has(i.drvPath))
  if (missing.length > 0) {
    throw new PublishError(
      `The manifest app ${manifest} does not push the images that were built and tested (${missing.map((m) => `packages.${m.system}.${m.container}`).join(', ')} are not among its inputs); nothing was pushed. Point its imageFiles at self.packages.<system>.${images[0].container}.`,
    )
  }
}

// podman's words and Node's (fetch, undici) for a registry that is briefly gone or overloaded.
const TRANSIENT =
  /connection refused|connection reset|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EPIPE|socket hang up|other side closed|fetch failed|cannot reach|i\/o timeout|unexpected EOF|TLS handshake timeout|50[0234] |HTTP 50[0234]\b|Service Unavailable|Bad Gateway|too many requests|429/i
const AUTH = /unauthorized|authentication required|invalid username\/password|incorrect username or password|denied|\b401\b|\b403\b/i

export function isTransient(text: string): boolean {
  return TRANSIENT.test(text) && !AUTH.test(text)
}

/** Retries an idempotent push with bounded backoff when the registry seems briefly unavailable. */
export function withRetries<T>(what: string, fn: () => Promise<T>, log: (m: string) => void, delaysMs = [2000, 5000]): Promise<T> {
  const text = (e: unknown) => (e instanceof Error ? e.message : String(e))
  return retry(fn, {
    delayMs: afterDelays(delaysMs),
    retryable: (e) => isTransient(text(e)),
    onRetry: (e, failures, delay) =>
      log(`${what} failed (attempt ${failures} of ${delaysMs.length + 1}), retrying in ${delay / 1000}s: ${text(e).split('\n').slice(-1)[0]}`),
  })
}

/** One repository the images are pushed to and read back from, its tags, and the login for it. */
export interface Target {
  registry: string
  repository: string
  tags: string[]
  credentials: Credentials
  /** Where this target comes from, for messages: the flake's flocken script, or the action's inputs. */
  source: string
}

/** Where the action's inputs say to push (the builtin publisher, and a manifest app that is not flocken). */
export function inputTarget(settings: Settings, index: number): Target {
  return {
    registry: settings.registry,
    repository: settings.repositories[index],
    tags: settings.tags,
    credentials: { username: settings.username, password: settings.token },
    source: 'inputs registry, repository and tags',
  }
}

/** The whole environment a manifest app runs with. */
function appRunEnv(nix: Nix, settings: Settings, index: number): NodeJS.ProcessEnv {
  return { ...appNix(nix, settings).env, ...containerEnv(settings, index) }
}

/**
 * Every place the built app will push to, read from its script before it runs. A custom app's
 * destinations cannot be read: then the inputs say where to look, and the log says so.
 */
export async function appTargets(nix: Nix, app: ManifestApp, settings: Settings, index: number, log: (m: string) => void): Promise<Target[]> {
  const manifest = settings.manifests[index]
  let script = ''
  try {
    const file = await open(app.program, 'r')
    try {
      const { size } = await file.stat()
      // flocken's script is a few kilobytes; a large file is some other program.
      if (size <= 1024 * 1024) script = await file.readFile('utf8')
    } finally {
      await file.close()
    }
  } catch {
    // Not readable here (e.g. a store elsewhere): treated as an app whose destinations are unknown.
  }
  const destinations = parseFlockenScript(script)
  if (!destinations) {
    const fallback = inputTarget(settings, index)
    log(
      `${manifest} is not a flocken script (${app.program}), so where it pushes cannot be read before it runs: the action reads back ${fallback.registry}/${fallback.repository} with tags ${fallback.tags.join(', ')} (inputs registry, repository and tags).`,
    )
    return [fallback]
  }
  const env = appRunEnv(nix, settings, index)
  return destinations.map((d) => {
    const username = d.username === undefined ? undefined : expandVariables(d.username, env)
    const password = d.password === undefined ? undefined : expandVariables(d.password, env)
    registerSecret(password)
    return {
      registry: d.registry,
      repository: d.repository,
      tags: d.tags,
      // The app's own login for that registry; the action's when the script's names no set variable.
      credentials: username && password ? { username, password } : { username: settings.username, password: settings.token },
      source: `flocken's script ${app.program}`,
    }
  })
}

/** Refuses, before anything is pushed, a destination the registry would reject half-way through. */
export function checkTargets(targets: Target[], manifest: string): void {
  for (const t of targets) {
    const bad = t.tags.find((tag) => !isValidTag(tag))
    if (bad !== undefined) {
      throw new PublishError(
        `The manifest app ${manifest} would push ${t.registry}/${t.repository}:${bad}, and '${bad}' is not a valid tag (letters, digits, '.', '_' and '-', at most 128, not starting with '.' or '-'); nothing was pushed. ` +
          `Tags come from flocken's tags, branch and version options in the flake (see ${t.source}).`,
      )
    }
    if (!isValidRepository(t.repository)) {
      throw new PublishError(
        `The manifest app ${manifest} would push to ${t.registry}/${t.repository}, which is not a valid repository name (lowercase letters, digits and separators); nothing was pushed. Fix repo (or github.repo) in the flake (see ${t.source}).`,
      )
    }
  }
}

export function describeTargets(targets: Target[]): string {
  return targets.map((t) => `${t.registry}/${t.repository} (tags ${t.tags.join(', ')})`).join('; ')
}

/** Whose login a registry refused, and where it came from. */
function loginOf(targets: Target[], settings: Pick<Settings, 'username'>): { user: string; from: string } {
  const users = [...new Set(targets.map((t) => t.credentials.username))]
  if (users.length === 1 && users[0] === settings.username) return { user: users[0], from: 'inputs username and token' }
  return { user: users.join("' or '"), from: "the logins of the flake's registries" }
}

function explainPushFailure(e: unknown, targets: Target[], login: { user: string; from: string }, what: string): Error {
  const text = e instanceof Error ? e.message : String(e)
  const registries = [...new Set(targets.map((t) => t.registry))].join(' or ')
  if (AUTH.test(text)) {
    return new PublishError(
      `${what}: ${registries} refused the credentials of user '${login.user}' (${login.from}; on ghcr.io the workflow needs permissions: packages: write).\n${text.slice(-1500)}`,
    )
  }
  if (TRANSIENT.test(text)) {
    return new PublishError(
      `${what}: ${registries} could not be reached after retries; check that it is up and re-run (pushing again is safe).\n${text.slice(-1500)}`,
    )
  }
  return e instanceof Error ? e : new Error(text)
}

/** Starts the built app's program as `nix run --impure` would, with the environment it was evaluated with. */
export async function runManifestApp(
  nix: Nix,
  app: ManifestApp,
  settings: Settings,
  index: number,
  targets: Target[],
  log: (m: string) => void,
): Promise<void> {
  const manifest = settings.manifests[index]
  try {
    await withRetries(`The manifest app ${manifest}`, () => run({ cmd: app.program, args: [], env: appRunEnv(nix, settings, index) }), log)
  } catch (e) {
    throw explainPushFailure(e, targets, loginOf(targets, settings), `The manifest app ${manifest} failed`)
  }
}

/**
 * The builtin publisher (push.ts): every system's image by digest, one index from those digests,
 * then the tags; blobs the registry has are skipped. Credentials stay in this process.
 */
export async function pushBuiltin(
  target: Target,
  images: BuiltImage[],
  log: (m: string) => void,
  loaded: Pick<LoadedImage, 'installable' | 'imageId'>[] = [],
): Promise<BuiltinPush> {
  try {
    return await pushByDigest(
      target,
      images.map((image) => ({ image, loaded: loaded.find((l) => l.installable === image.installable) })),
      target.tags,
      log,
      (what, fn) => withRetries(what, fn, (m) => log(m)),
    )
  } catch (e) {
    throw explainPushFailure(
      e,
      [target],
      { user: target.credentials.username, from: 'inputs username and token' },
      `Pushing ${target.registry}/${target.repository}`,
    )
  }
}

interface Index {
  mediaType?: string
  manifests?: Descriptor[]
}

/** Reads every tag back and checks it is one index of exactly the built platforms and images. */
export async function verifyPublished(target: Target, container: string, images: PublishableImage[]): Promise<PublishedImage> {
  const client = new RegistryClient(target.registry, target.repository, target.credentials)
  const name = `${target.registry}/${target.repository}`
  const [first, ...rest] = target.tags
  const readBack = (tag: string, e: unknown) =>
    new PublishError(
      `Reading back ${name}:${tag} failed: ${(e as Error).message}. The action looked there because of ${target.source}${e instanceof RegistryError && e.status === 404 ? '; if the app pushes elsewhere, that is where the images are' : ''}.`,
    )
  let fetched
  try {
    fetched = await client.manifest<Index>(first)
  } catch (e) {
    throw readBack(first, e)
  }
  const manifests = fetched.body.manifests
  if (!manifests) throw new PublishError(`${name}:${first} is a single-platform manifest, not a multi-arch index.`)
  const pushed = manifests
    .filter((m) => m.platform && m.platform.os !== 'unknown')
    .map((m) => `${m.platform!.os}/${m.platform!.architecture}`)
    .sort()
  const built = images.map((i) => i.platform).sort()
  if (JSON.stringify(pushed) !== JSON.stringify(built)) {
    throw new PublishError(`${name}:${first} lists platforms ${pushed.join(', ') || '(none)'} but ${built.join(', ')} were built and tested.`)
  }
  // Publishers rewrite configs and recompress layers, so the content is compared by diff_ids.
  // The reads are independent: all of them go out at once.
  const checkLayers = images
    .filter((i) => i.layers?.length)
    .map(async (image) => {
      const entry = manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === image.platform)!
      const child = await client.manifest<{ config: { digest: string } }>(entry.digest)
      const config = await client.blob<{ rootfs?: { diff_ids?: string[] } }>(child.body.config.digest)
      const pushedLayers = config.rootfs?.diff_ids ?? []
      if (JSON.stringify(pushedLayers) !== JSON.stringify(image.layers)) {
        throw new PublishError(
          `${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers!.join(', ')}.`,
        )
      }
    })
  const checkTags = rest.map(async (tag) => {
    const other = await client.manifest(tag).catch((e: unknown) => {
      throw readBack(tag, e)
    })
    if (other.digest !== fetched.digest) throw new PublishError(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`)
  })
  await Promise.all([...checkLayers, ...checkTags])
  return { container, name, digest: fetched.digest, tags: target.tags, platforms: pushed, manifest: fetched.body }
}
