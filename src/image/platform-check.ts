// What platform each built image says it is for, read from the image itself before anything is
// loaded or pushed, and checked against the system it was built as. An image cross-compiled on one
// system can say another's architecture: nix2container's arch defaults to the Go architecture of the
// package set that makes the image.json (amd64 for an x86_64 package set, cross-compiled or not),
// and dockerTools' architecture to that of the package set dockerTools comes from.
import { readFile } from 'node:fs/promises'
import { ociArch, ociPlatform } from '../config/platform.js'
import { type BuiltImage, builtAs } from '../model.js'
import { type Nix } from '../nix/nix.js'
import { archiveConfig } from './archive.js'
import { findRecipe } from './describe.js'

export interface ImagePlatform {
  os?: string
  architecture?: string
  variant?: string
  /** Where it was read, for messages: the config in the archive, dockerTools' conf, the image.json. */
  source: string
}

/** os/architecture/variant of a docker config, or of dockerTools' conf JSON (the same keys at its top). */
export function platformOfConfig(json: string, source: string): ImagePlatform {
  const config = JSON.parse(json) as { os?: unknown; architecture?: unknown; variant?: unknown }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  return { os: text(config.os), architecture: text(config.architecture), variant: text(config.variant), source }
}

/** nix2container's image.json: `arch`, a Go architecture; its images are Linux ones. */
export function platformOfNix2container(json: string, source: string): ImagePlatform {
  const arch = (JSON.parse(json) as { arch?: unknown }).arch
  return { os: 'linux', architecture: typeof arch === 'string' && arch !== '' ? arch : undefined, source }
}

/**
 * Read from as little as tells: a nix2container image.json, dockerTools' conf when it is in the local
 * store (the stream script writes the config from it), else the archive itself up to its config
 * (all of a .tar.gz the layers of which come first; a stream script run once more).
 */
export async function readPlatform(image: Pick<BuiltImage, 'kind' | 'storePath' | 'installable'>, recipe?: string): Promise<ImagePlatform> {
  if (image.kind === 'nix2container') return platformOfNix2container(await readFile(image.storePath, 'utf8'), `its image.json ${image.storePath}`)
  if (recipe) {
    // The stream script writes os linux whatever its conf says.
    const conf = platformOfConfig(await readFile(recipe, 'utf8'), `its dockerTools conf ${recipe}`)
    return { ...conf, os: 'linux' }
  }
  const config = await archiveConfig(image)
  return platformOfConfig(config.json, `its config ${config.name}, read from the archive`)
}

export function describePlatform(p: Pick<ImagePlatform, 'os' | 'architecture' | 'variant'>): string {
  return [p.os ?? '(no os)', p.architecture ?? '(no architecture)', ...(p.variant ? [p.variant] : [])].join('/')
}

/**
 * Why an image cannot be published as its system's, or undefined when it says that system's
 * platform. Only arm64 has a variant, v8, which may be left out.
 */
export function platformProblem(image: Pick<BuiltImage, 'container' | 'system' | 'installable' | 'kind'>, platform: ImagePlatform): string | undefined {
  const arch = ociArch(image.system)
  const variantOk = platform.variant === undefined || (arch === 'arm64' && platform.variant === 'v8')
  if ((platform.os ?? 'linux') === 'linux' && platform.architecture === arch && variantOk) return undefined
  const fix =
    image.kind === 'nix2container'
      ? `set arch = "${arch}" in its nix2container.buildImage (the default is the Go architecture of the package set that builds it)`
      : `build it with the dockerTools of a ${image.system} package set (pkgsCross) or set architecture = "${arch}"`
  return `${image.container} ${image.system} (${image.installable}) says ${describePlatform(platform)} (${platform.source}), not ${ociPlatform(image.system)}: ${fix}.`
}

/**
 * Whether the archive itself must be read now: not for an image its own system's derivation made
 * (the package set's architecture is that system's) that is loaded next, whose platform the load
 * checks before any push. Its config comes last in the archive, so the read would inflate all of it
 * once more: seconds a gigabyte, on a fresh runner whose images came from a binary cache.
 */
export function readArchiveNow(image: Pick<BuiltImage, 'system' | 'buildSystem' | 'run'>): boolean {
  return builtAs(image) !== image.system || image.run === 'none'
}

/**
 * Every image's platform, read side by side, checked before anything is loaded or pushed; fails
 * naming every image that says another platform than its system's.
 */
export async function checkPlatforms(nix: Nix, images: readonly BuiltImage[], log: (m: string) => void): Promise<void> {
  const platforms = await Promise.all(
    images.map(async (image) => {
      const recipe = await findRecipe(nix, image)
      return recipe || image.kind === 'nix2container' || readArchiveNow(image) ? readPlatform(image, recipe) : undefined
    }),
  )
  const problems: string[] = []
  images.forEach((image, i) => {
    const platform = platforms[i]
    if (!platform) {
      log(`${image.container} ${image.system}: checked as it is loaded (its recipe is not in this store)`)
      return
    }
    const problem = platformProblem(image, platform)
    if (problem) problems.push(problem)
    else log(`${image.container} ${image.system}: ${describePlatform(platform)}, read from ${platform.source}`)
  })
  if (problems.length > 0) {
    throw new Error(`An image is not for the system it was built as; nothing was loaded or pushed.\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}
