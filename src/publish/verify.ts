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
  // The reads are independent: all of them go out at once.
  const checkLayers = images
    .filter((i) => i.layers?.length)
    .map(async (image) => {
      const entry = manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === image.platform)!
      const child = await steps.step(`reading back ${name}@${entry.digest}`, () => client.manifest<{ config: { digest: string } }>(entry.digest))
      const config = await steps.step(`reading back the config of ${name}@${entry.digest}`, () =>
        client.blob<{ rootfs?: { diff_ids?: string[] } }>(child.body.config.digest),
      )
      const pushedLayers = config.rootfs?.diff_ids ?? []
      if (JSON.stringify(pushedLayers) !== JSON.stringify(image.layers)) {
        throw new PublishError(
          `${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers!.join(', ')}.`,
        )
      }
    })
  const checkTags = rest.map(async (tag) => {
    const other = await steps
      .step(`reading back ${name}:${tag}`, () => client.manifest(tag))
      .catch((e: unknown) => {
        throw readBack(tag, e)
      })
    if (other.digest !== fetched.digest) throw new PublishError(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`)
  })
  await Promise.all([...checkLayers, ...checkTags])
  return { container, name, digest: fetched.digest, tags: target.tags, platforms: pushed, manifest: fetched.body }
}
