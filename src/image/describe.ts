// The SBOM stage: one evaluation of the flake for every image (nix/meta.ts), each image's store
// paths from its recipe (image/contents.ts), and one CycloneDX file per image; after a push, each
// file is bound to the platform manifest it describes.
import { access, readFile } from 'node:fs/promises'
import type { BuiltImage } from '../model.js'
import { type Nix } from '../nix/nix.js'
import { type ImageMeta, type PackageMeta, evaluateMeta, packagesByPath } from '../nix/meta.js'
import { queryPathInfo } from '../nix/path-info.js'
import { type ImageContents, imageContents } from './contents.js'
import { confOfDerivation } from './build.js'
import { type CycloneDx, type SbomResult, bindToPush, storeInfo, writeBom, writeSbom } from './sbom.js'
import { messageOf } from '../errors.js'

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

/**
 * Where an image's dockerTools conf JSON is in the local store: where the evaluation says (the
 * image's passthru), among the derivations it was built from, or, for a stream script, among its
 * runtime references (the script reads it). Undefined when it is not here: an archive substituted
 * from a cache comes without it.
 */
export async function findRecipe(nix: Nix, image: Pick<BuiltImage, 'kind' | 'storePath' | 'drvPath'>, conf?: string): Promise<string | undefined> {
  if (image.kind === 'nix2container') return undefined
  if (conf && (await exists(conf))) return conf
  const fromDerivation = await confOfDerivation(image.drvPath)
  if (fromDerivation && (await exists(fromDerivation))) return fromDerivation
  if (image.kind !== 'stream') return undefined
  const [info] = await queryPathInfo(nix, [image.storePath])
  const found = info?.references.filter((r) => r.endsWith('-conf.json')) ?? []
  return found.length === 1 ? found[0] : undefined
}

/** What the evaluation knew, or nothing (with a warning) when it failed: the SBOM is still made from the store. */
async function evaluate(nix: Nix, images: BuiltImage[], log: (m: string) => void, warn: (m: string) => void): Promise<ImageMeta[]> {
  const started = Date.now()
  try {
    const metas = await evaluateMeta(
      nix,
      images.map((i) => i.installable),
    )
    const packages = new Set(metas.flatMap((m) => m.packages.flatMap((p) => p.outputs))).size
    log(`one evaluation of the flake gave the meta of ${packages} store paths for ${images.length} image(s) in ${((Date.now() - started) / 1000).toFixed(2)} s`)
    return metas
  } catch (e) {
    warn(
      `The SBOMs carry no licences, descriptions or homepages: evaluating the flake's packages for their meta failed (${messageOf(e).split('\n').slice(-3).join(' ')}). Components are still named from their store paths.`,
    )
    return images.map(() => ({ packages: [] }))
  }
}

/** One SBOM per image, in build order, and a line in the log for each. */
export async function writeSboms(nix: Nix, images: BuiltImage[], dir: string, log: (m: string) => void, warn: (m: string) => void): Promise<SbomResult[]> {
  const metas = await evaluate(nix, images, log, warn)
  // In turn: an image with no recipe is read whole, and one read at a time leaves the loads a core.
  const contents: ImageContents[] = []
  for (const [i, image] of images.entries()) contents.push(await imageContents(image, await findRecipe(nix, image, metas[i]?.conf)))
  // One query of the store for every image's closure.
  const infos = await storeInfo(nix, [...new Set(contents.flatMap((c) => c.storePaths))].sort())
  const results: SbomResult[] = []
  for (const [i, image] of images.entries()) {
    const packages: ReadonlyMap<string, PackageMeta> = packagesByPath(metas[i]?.packages ?? [])
    const { result } = await writeSbom(image, contents[i], infos, packages, dir)
    results.push(result)
    const extra = [
      result.notInStore ? `${result.notInStore} not in the local store (no hash, no references)` : '',
      result.otherFiles ? `${result.otherFiles} file${result.otherFiles === 1 ? '' : 's'} outside /nix/store not described` : '',
    ].filter(Boolean)
    log(
      `${image.container} ${image.platform}: ${result.components} components, ${result.described} with meta from the flake; ` +
        `top level: ${result.topLevel.join(', ') || '(none)'}; store paths from ${result.source}${extra.length ? `; ${extra.join('; ')}` : ''} → ${result.file}`,
    )
  }
  return results
}

/** A pushed index's platform images: `linux/arm64` → digest. */
export interface PushedPlatforms {
  name: string
  container: string
  platforms: { platform: string; digest: string }[]
}

/** Rewrites each SBOM to name the platform manifest it describes, in the first destination that has it. */
export async function bindSboms(sboms: SbomResult[], pushed: PushedPlatforms[], log: (m: string) => void): Promise<void> {
  for (const sbom of sboms) {
    const destination = pushed.find((p) => p.container === sbom.container && p.platforms.some((x) => x.platform === sbom.platform))
    const digest = destination?.platforms.find((x) => x.platform === sbom.platform)?.digest
    if (!destination || !digest) continue
    const bom = JSON.parse(await readFile(sbom.file, 'utf8')) as CycloneDx
    await writeBom(sbom.file, bindToPush(bom, { name: destination.name, digest }, sbom.platform))
    sbom.pushed = `${destination.name}@${digest}`
    log(`${sbom.container} ${sbom.platform}: the SBOM names ${sbom.pushed}`)
  }
}
