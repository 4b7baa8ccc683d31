// Reading what was published back from the registry, and checking it against what was built and tested.
import { type Descriptor, RegistryClient, RegistryError } from '../registry/client.js'
import { PUSH_RETRIES, PushRetries, type RetryOptions } from '../registry/retry-policy.js'
import { PublishError, type PublishableImage, type PublishedImage, type Target } from './publish.js'

interface IndexBody {
  manifests?: { digest: string; platform?: { os: string; architecture: string } }[]
}

/** Each platform's image digest in a pushed index (attestation manifests, os "unknown", left out). */
export function platformDigests(published: Pick<PublishedImage, 'manifest'>): { platform: string; digest: string }[] {
  return ((published.manifest as IndexBody).manifests ?? [])
    .filter((m) => m.platform && m.platform.os !== 'unknown')
    .map((m) => ({ platform: `${m.platform!.os}/${m.platform!.architecture}`, digest: m.digest }))
}

interface Index {
  mediaType?: string
  manifests?: Descriptor[]
}
const sameLayers = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((d, i) => d === b[i])

interface ImageManifest {
  config?: { digest: string }
}
interface ImageConfig {
  os?: string
  architecture?: string
  rootfs?: { diff_ids?: string[] }
}

/**
 * Reads every tag back and checks it is one index of exactly the built platforms and images. Each
 * read is retried as a push's steps are: the tags have moved by now, and a registry's brief 503 must
 * not fail a release that is in place.
 */
export async function verifyPublished(
  target: Target,
  container: string,
  images: PublishableImage[],
  log: (m: string) => void = () => undefined,
  retries: RetryOptions = PUSH_RETRIES,
): Promise<PublishedImage> {
  const steps = new PushRetries(retries, log)
  const client = new RegistryClient(target.registry, target.repository, target.credentials)
  const name = `${target.registry}/${target.repository}`
  const [first, ...rest] = target.tags
  const readBack = (tag: string, e: unknown) =>
    new PublishError(
      `Reading back ${name}:${tag} failed: ${(e as Error).message}. The action looked there because of ${target.source}${e instanceof RegistryError && e.status === 404 ? '; if the app pushes elsewhere, that is where the images are' : ''}.`,
    )
  let fetched
  try {
    fetched = await steps.step(`reading back ${name}:${first}`, () => client.manifest<Index>(first))
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
  const layersOf = async (digest: string) => {
    const child = await steps.step(`reading back ${name}@${digest}`, () => client.manifest<ImageManifest>(digest))
    if (!child.body.config) return undefined
    const config = await steps.step(`reading back the config of ${name}@${digest}`, () => client.blob<ImageConfig>(child.body.config!.digest))
    return { platform: `${config.os}/${config.architecture}`, layers: config.rootfs?.diff_ids ?? [] }
  }
  // The reads are independent: all of them go out at once.
  const checkLayers = images
    .filter((i) => i.layers?.length)
    .map(async (image) => {
      const entry = manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === image.platform)!
      const pushedLayers = (await layersOf(entry.digest))?.layers ?? []
      if (!sameLayers(pushedLayers, image.layers!)) {
        throw new PublishError(
          `${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers!.join(', ')}.`,
        )
      }
    })
  /** A tag's manifest; with `mayBeMissing`, undefined when the registry has no such tag. */
  const readTag = (tag: string, mayBeMissing = false) =>
    steps
      .step(`reading back ${name}:${tag}`, () => client.manifest<Index>(tag))
      .catch((e: unknown) => {
        if (mayBeMissing && e instanceof RegistryError && e.status === 404) return undefined
        throw readBack(tag, e)
      })
  const checkTags = rest.map(async (tag) => {
    const other = (await readTag(tag))!
    if (other.digest !== fetched.digest) throw new PublishError(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`)
  })
  // A tag the app's script names besides: the index itself, one of its images, or an image of a
  // tested platform with the tested layers (converted on the way); anything else moved a tag to an
  // image that was not tested.
  const checkAlso = (target.alsoTagged ?? []).map(async (tag) => {
    // A tag named in a branch of the script that did not run is not there: nothing was pushed to it.
    const other = await readTag(tag, true)
    if (!other) {
      log(`${name}:${tag}, which the manifest app's script names, is not in the registry: it was not pushed.`)
      return undefined
    }
    if (other.digest === fetched.digest) return { tag, is: 'the index' }
    const entry = manifests.find((m) => m.digest === other.digest && m.platform)
    if (entry) return { tag, is: `the ${entry.platform!.os}/${entry.platform!.architecture} image` }
    const pushed = other.body.manifests ? undefined : await layersOf(other.digest)
    const image = pushed && images.find((i) => i.platform === pushed.platform)
    if (pushed && image && (!image.layers?.length || sameLayers(pushed.layers, image.layers)))
      return { tag, is: `a ${pushed.platform} image with the tested layers` }
    throw new PublishError(
      `${name}:${tag}, a tag the manifest app's script names, points at ${other.digest}, which is ` +
        (other.body.manifests
          ? `another index than ${first} (${fetched.digest})`
          : pushed
            ? `a ${pushed.platform} image that was not built and tested here`
            : 'not an image') +
        `: this run's tested images are ${manifests.map((m) => m.digest).join(', ')}.`,
    )
  })
  const [checked] = await Promise.all([Promise.all(checkAlso), ...checkLayers, ...checkTags])
  const alsoTagged = checked.filter((a) => a !== undefined)
  return {
    container,
    name,
    digest: fetched.digest,
    tags: target.tags,
    platforms: pushed,
    manifest: fetched.body,
    ...(alsoTagged.length ? { alsoTagged } : {}),
  }
}
