// Publishing one multi-arch index per container, only after every image passed its smoke test:
// through the flake's flocken manifest app, or by digest over the registry API (publisher: builtin). Either
// way the index is then read back from the registry and checked against what was built.
import { join } from 'node:path'
import type { LoadedImage } from './docker.js'
import { CommandError, run } from './exec.js'
import type { BuiltImage } from './images.js'
import type { Settings } from './inputs.js'
import { type Nix, findInDerivationClosure } from './nix.js'
import { type BuiltinPush, type UploadStats, pushByDigest } from './push.js'
import { type Descriptor, RegistryClient, RegistryError } from './registry.js'
import { cleanedRefEnv, versionFromRef } from './tags.js'

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

/** The environment flocken's mkDockerManifest reads, plus REGISTRY/REPOSITORY/IMAGE/TAGS for any app. */
export function manifestEnv(settings: Settings, index: number, githubRepository: string): Record<string, string> {
  const version = settings.version ?? versionFromRef(settings.ref.ref)
  const ghcr = settings.registry === 'ghcr.io'
  return {
    ...(version ? { VERSION: version } : {}),
    TAGS: settings.tags.join(','),
    REGISTRY: settings.registry,
    REPOSITORY: settings.repositories[index],
    IMAGE: `${settings.registry}/${settings.repositories[index]}`,
    GITHUB_TOKEN: settings.token,
    GITHUB_ACTOR: settings.username,
    GITHUB_REPOSITORY: ghcr ? githubRepository.toLowerCase() : githubRepository,
    ...cleanedRefEnv(settings.ref),
  }
}

export function manifestInstallable(flake: string, manifest: string): string {
  return `${flake}#${manifest}`
}

/** The Nix lines a flake without a manifest app needs, in the seed's pattern, for the error. */
export function manifestSnippet(settings: Settings, index: number): string {
  const container = settings.containers[index]
  const systems = settings.systems.map((s) => `"${s}"`).join(' ')
  return [
    `legacyPackages.\${system}.${settings.manifests[index]} = inputs.flocken.legacyPackages.\${system}.mkDockerManifest {`,
    `  imageFiles = map (sys: inputs.self.packages.\${sys}.${container}) [ ${systems} ];`,
    `  # flocken 2.5 and later reject an empty registries set`,
    `  registries."${settings.registry}" = {`,
    `    repo = "${settings.repositories[index]}";`,
    `    username = "$GITHUB_ACTOR";`,
    `    password = "$GITHUB_TOKEN";`,
    `  };`,
    `  # the action passes the tags it derived from the git ref in TAGS; VERSION is read by flocken itself`,
    `  tags = builtins.filter (t: builtins.isString t && t != "") (builtins.split "," (builtins.getEnv "TAGS"));`,
    `};`,
  ].join('\n')
}

/** A flake's manifest app, as evaluated before the build. */
export interface ManifestApp {
  installable: string
  /** The derivations it is made from: the app's own, or for an `apps` entry those its program names. */
  drvs: string[]
  /** A package (flocken's mkDockerManifest is one): built with the images, so publishing builds nothing. */
  derivation: boolean
}

/**
 * A manifest app and the derivations it depends on, or a PublishError with the Nix to add when the
 * flake has no such app. Run before building, so a missing app costs no build.
 */
export async function manifestApp(nix: Nix, settings: Settings, index: number): Promise<ManifestApp> {
  const installable = manifestInstallable(settings.flake, settings.manifests[index])
  const apply = 'm: { derivation = (m.type or "") == "derivation"; drvs = builtins.attrNames (builtins.getContext (if (m.type or "") == "app" then m.program else m.drvPath)); }'
  const result = await run({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', apply], env: nix.env }, { echo: false, check: false })
  if (result.code === 0) return { installable, ...(JSON.parse(result.stdout) as Omit<ManifestApp, 'installable'>) }
  if (/does not provide attribute/.test(result.stderr)) {
    throw new PublishError(
      `Input 'manifest': the flake ${settings.flake} has no manifest app ${settings.manifests[index]} (looked in apps, packages and legacyPackages).\n` +
        `Add one with flocken (input flocken.url = "github:mirkolenz/flocken/v2"), for example:\n\n${manifestSnippet(settings, index)}\n\n` +
        `or set publisher: builtin to let the action push the images itself.`,
    )
  }
  throw new CommandError({ cmd: nix.path, args: ['eval', installable] }, result)
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
const TRANSIENT = /connection refused|connection reset|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EPIPE|socket hang up|other side closed|fetch failed|cannot reach|i\/o timeout|unexpected EOF|TLS handshake timeout|50[0234] |HTTP 50[0234]\b|Service Unavailable|Bad Gateway|too many requests|429/i
const AUTH = /unauthorized|authentication required|invalid username\/password|incorrect username or password|denied|\b401\b|\b403\b/i

export function isTransient(text: string): boolean {
  return TRANSIENT.test(text) && !AUTH.test(text)
}

/** Retries an idempotent push with bounded backoff when the registry seems briefly unavailable. */
export async function withRetries<T>(what: string, fn: () => Promise<T>, log: (m: string) => void, delaysMs = [2000, 5000]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e)
      if (attempt >= delaysMs.length || !isTransient(text)) throw e
      log(`${what} failed (attempt ${attempt + 1} of ${delaysMs.length + 1}), retrying in ${delaysMs[attempt] / 1000}s: ${text.split('\n').slice(-1)[0]}`)
      await new Promise((r) => setTimeout(r, delaysMs[attempt]))
    }
  }
}

function explainPushFailure(e: unknown, settings: Settings, what: string): Error {
  const text = e instanceof Error ? e.message : String(e)
  if (AUTH.test(text)) {
    return new PublishError(`${what}: ${settings.registry} refused the credentials of user '${settings.username}' (inputs username and token; on ghcr.io the workflow needs permissions: packages: write).\n${text.slice(-1500)}`)
  }
  if (TRANSIENT.test(text)) {
    return new PublishError(`${what}: ${settings.registry} could not be reached after retries; check that it is up and re-run (pushing again is safe).\n${text.slice(-1500)}`)
  }
  return e instanceof Error ? e : new Error(text)
}

export async function runManifestApp(nix: Nix, settings: Settings, index: number, log: (m: string) => void): Promise<void> {
  const installable = manifestInstallable(settings.flake, settings.manifests[index])
  const env = { ...nix.env, ...manifestEnv(settings, index, process.env.GITHUB_REPOSITORY ?? '') }
  try {
    await withRetries(`nix run ${installable}`, () => run({ cmd: nix.path, args: ['run', '--impure', installable], env }), log)
  } catch (e) {
    throw explainPushFailure(e, settings, `The manifest app ${settings.manifests[index]} failed`)
  }
}

/**
 * The builtin publisher (push.ts): every system's image by digest, one index from those digests,
 * then the tags; blobs the registry has are skipped. Credentials stay in this process.
 */
export async function pushBuiltin(settings: Settings, index: number, images: BuiltImage[], log: (m: string) => void, loaded: Pick<LoadedImage, 'installable' | 'imageId'>[] = []): Promise<BuiltinPush> {
  const target = { registry: settings.registry, repository: settings.repositories[index], credentials: { username: settings.username, password: settings.token } }
  try {
    return await pushByDigest(
      target,
      images.map((image) => ({ image, loaded: loaded.find((l) => l.installable === image.installable) })),
      settings.tags,
      log,
      (what, fn) => withRetries(what, fn, (m) => log(m)),
    )
  } catch (e) {
    throw explainPushFailure(e, settings, `Pushing ${target.registry}/${target.repository}`)
  }
}

interface Index {
  mediaType?: string
  manifests?: Descriptor[]
}

/** Reads every tag back and checks it is one index of exactly the built platforms and images. */
export async function verifyPublished(settings: Settings, index: number, images: PublishableImage[]): Promise<PublishedImage> {
  const repository = settings.repositories[index]
  const client = new RegistryClient(settings.registry, repository, { username: settings.username, password: settings.token })
  const name = `${settings.registry}/${repository}`
  const [first, ...rest] = settings.tags
  let fetched
  try {
    fetched = await client.manifest<Index>(first)
  } catch (e) {
    throw new PublishError(`Reading back ${name}:${first} failed: ${(e as Error).message}`)
  }
  const manifests = fetched.body.manifests
  if (!manifests) throw new PublishError(`${name}:${first} is a single-platform manifest, not a multi-arch index.`)
  const pushed = manifests.filter((m) => m.platform && m.platform.os !== 'unknown').map((m) => `${m.platform!.os}/${m.platform!.architecture}`).sort()
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
        throw new PublishError(`${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers!.join(', ')}.`)
      }
    })
  const checkTags = rest.map(async (tag) => {
    const other = await client.manifest(tag).catch((e: RegistryError) => {
      throw new PublishError(`Reading back ${name}:${tag} failed: ${e.message}`)
    })
    if (other.digest !== fetched.digest) throw new PublishError(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`)
  })
  await Promise.all([...checkLayers, ...checkTags])
  return { container: settings.containers[index], name, digest: fetched.digest, tags: settings.tags, platforms: pushed, manifest: fetched.body }
}
