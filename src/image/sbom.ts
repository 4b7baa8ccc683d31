// A CycloneDX SBOM for every built image, made from the Nix store paths the image contains.
//
// Which closure describes an image? Not the image file's own: a dockerTools archive is usually
// compressed, so Nix finds no references in it (its closure is the archive alone), and a stream
// script's closure holds the tools that write the archive (python, the stream builder) beside the
// contents. So the SBOM starts from what is inside the image: the nix/store/<hash>-<name>/ entries of
// its layers (archives and streams are read once, as a stream), or the store paths a nix2container
// image.json lists for its layers. Those paths and their runtime closure (`nix path-info --recursive`)
// are the components; store references are the dependency edges. Files outside /nix/store (written
// by extraCommands, or from a base image) are counted, not described: Nix knows nothing about them.
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BuiltImage } from './kind.js'
import { type PathInfo, queryPathInfo } from '../nix/path-info.js'
import { type Nix } from '../nix/nix.js'
import { nixHashToHex, nixPurl, parseStoreName, storeNameOf } from './store-names.js'
import { type ImageContents, imageContents } from './contents.js'

export const SPEC_VERSION = '1.6'
/** Reported as the SBOM's tool. */
export const TOOL = { name: 'nix-container-action', version: '1.0.0' }

// ---- store names and hashes (pure) -------------------------------------------------------------
// ---- what an image contains --------------------------------------------------------------------
function comparePaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

// ---- the closure -------------------------------------------------------------------------------

const BATCH = 500

/**
 * Path info for the image's store paths and everything they reference. Paths the local store does
 * not have (an image built on a remote builder brings back only the image file) are returned as
 * invalid: they still become components, without hash or references.
 */
export async function closureOf(nix: Nix, paths: string[]): Promise<PathInfo[]> {
  const byPath = new Map<string, PathInfo>()
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH)
    const direct = await pathInfo(nix, batch, false)
    for (const info of direct) byPath.set(info.path, info)
    const valid = direct.filter((d) => d.valid).map((d) => d.path)
    if (valid.length === 0) continue
    for (const info of await pathInfo(nix, valid, true)) byPath.set(info.path, info)
  }
  return [...byPath.values()].sort(comparePaths)
}

function pathInfo(nix: Nix, paths: string[], recursive: boolean): Promise<PathInfo[]> {
  return queryPathInfo(nix, [...(recursive ? ['--recursive'] : []), ...paths])
}

// ---- the CycloneDX document (pure) -------------------------------------------------------------

export interface SbomSubject {
  container: string
  system: string
  platform: string
  installable: string
  storePath: string
  kind: string
}

type Property = { name: string; value: string }

export interface CycloneDxComponent {
  type: string
  'bom-ref': string
  name: string
  version?: string
  purl?: string
  hashes?: { alg: string; content: string }[]
  properties?: Property[]
  description?: string
}

export interface CycloneDx {
  $schema: string
  bomFormat: 'CycloneDX'
  specVersion: string
  serialNumber: string
  version: number
  metadata: { tools: { components: CycloneDxComponent[] }; component: CycloneDxComponent; properties: Property[] }
  components: CycloneDxComponent[]
  dependencies: { ref: string; dependsOn: string[] }[]
}

/** An RFC 4122 (version 5 layout) UUID from content, so the same image always gets the same SBOM. */
export function contentUuid(text: string): string {
  const h = createHash('sha256').update(text).digest()
  h[6] = (h[6] & 0x0f) | 0x50
  h[8] = (h[8] & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Store paths nothing else in the closure refers to: the packages the image was asked to hold. */
export function topLevel(closure: PathInfo[]): PathInfo[] {
  const referenced = new Set(closure.flatMap((c) => c.references.filter((r) => r !== c.path)))
  return closure.filter((c) => !referenced.has(c.path))
}

export function componentOf(info: PathInfo, inImage: boolean): CycloneDxComponent {
  const parsed = parseStoreName(storeNameOf(info.path))
  const hash = nixHashToHex(info.narHash)
  const properties: Property[] = [{ name: 'nix:store_path', value: info.path }]
  if (info.narSize !== undefined) properties.push({ name: 'nix:nar_size', value: String(info.narSize) })
  if (info.deriver) properties.push({ name: 'nix:deriver', value: info.deriver })
  if (parsed.output) properties.push({ name: 'nix:output', value: parsed.output })
  // Honest about what the SBOM could not see: a path the image lacks, or the store lacks.
  if (!inImage) properties.push({ name: 'nix:in_image', value: 'false' })
  if (!info.valid) properties.push({ name: 'nix:in_local_store', value: 'false' })
  return {
    type: 'library',
    'bom-ref': info.path,
    name: parsed.name,
    ...(parsed.version ? { version: parsed.version } : {}),
    purl: nixPurl(parsed),
    ...(hash ? { hashes: [hash] } : {}),
    properties,
  }
}

export function buildSbom(subject: SbomSubject, contents: ImageContents, closure: PathInfo[]): CycloneDx {
  const inImage = new Set(contents.storePaths)
  const infos = new Map(closure.map((c) => [c.path, c]))
  // Paths the image holds that path-info did not answer for are still components.
  for (const p of contents.storePaths) if (!infos.has(p)) infos.set(p, { path: p, valid: false, references: [] })
  const all = [...infos.values()].sort(comparePaths)
  const components = all.map((c) => componentOf(c, inImage.has(c.path)))
  const roots = topLevel(all).map((c) => c.path)
  const imageRef = subject.storePath
  const properties: Property[] = [
    {
      name: 'nix-container-action:closure_source',
      value: subject.kind === 'nix2container' ? 'store paths listed in the nix2container image.json layers' : 'store paths found in the image layers',
    },
    { name: 'nix-container-action:layers', value: String(contents.layers) },
  ]
  if (contents.otherFiles !== undefined) properties.push({ name: 'nix-container-action:files_outside_store', value: String(contents.otherFiles) })
  if (contents.undescribedLayers > 0) properties.push({ name: 'nix-container-action:undescribed_layers', value: String(contents.undescribedLayers) })
  const body = {
    $schema: `http://cyclonedx.org/schema/bom-${SPEC_VERSION}.schema.json`,
    bomFormat: 'CycloneDX' as const,
    specVersion: SPEC_VERSION,
    version: 1,
    metadata: {
      // No timestamp: the same image gives the same SBOM, byte for byte.
      tools: { components: [{ type: 'application', 'bom-ref': `tool:${TOOL.name}`, name: TOOL.name, version: TOOL.version }] },
      component: {
        type: 'container',
        'bom-ref': imageRef,
        name: subject.container,
        description: `${subject.installable} (${subject.platform})`,
        properties: [
          { name: 'nix:store_path', value: subject.storePath },
          { name: 'nix:system', value: subject.system },
          { name: 'nix-container-action:platform', value: subject.platform },
          { name: 'nix-container-action:kind', value: subject.kind },
        ],
      },
      properties,
    },
    components,
    dependencies: [
      { ref: imageRef, dependsOn: roots },
      ...all.map((c) => ({ ref: c.path, dependsOn: c.references.filter((r) => r !== c.path && infos.has(r)) })),
    ],
  }
  const serialNumber = `urn:uuid:${contentUuid(JSON.stringify(body))}`
  return { ...body, serialNumber }
}

// ---- the stage ---------------------------------------------------------------------------------

export interface SbomResult {
  container: string
  system: string
  platform: string
  file: string
  components: number
  /** Top-level packages, `name version`. */
  topLevel: string[]
  /** Store paths the image holds that the local store does not have (no hash, no references). */
  notInStore: number
  otherFiles?: number
}

/** Key of an image in the sboms output: `<container>/<system>`. */
export function sbomKey(image: Pick<SbomSubject, 'container' | 'system'>): string {
  return `${image.container}/${image.system}`
}

export function sbomFileName(image: Pick<SbomSubject, 'container' | 'system'>): string {
  return `${image.container}-${image.system}.cdx.json`
}

export function sbomDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'nix-container-action', 'sbom')
}

export function summarize(subject: SbomSubject, bom: CycloneDx, file: string, contents: ImageContents): SbomResult {
  const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]))
  const roots = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref'])?.dependsOn ?? []
  return {
    container: subject.container,
    system: subject.system,
    platform: subject.platform,
    file,
    components: bom.components.length,
    topLevel: roots.map((r) => byRef.get(r)).map((c) => (c ? `${c.name}${c.version ? ` ${c.version}` : ''}` : '?')),
    notInStore: bom.components.filter((c) => c.properties?.some((p) => p.name === 'nix:in_local_store')).length,
    otherFiles: contents.otherFiles,
  }
}

/**
 * Reads the image (or takes what was read of it while it loaded), asks Nix for the closure, writes
 * `<dir>/<container>-<system>.cdx.json`.
 */
export async function writeSbom(nix: Nix, image: BuiltImage, dir: string, read?: Promise<ImageContents>): Promise<{ result: SbomResult; bom: CycloneDx }> {
  let contents: ImageContents
  try {
    contents = await (read ?? imageContents(image))
  } catch (e) {
    throw new Error(
      `Reading ${image.storePath} (${image.kind}) for its SBOM failed: ${(e as Error).message}. The SBOM reader knows docker-archive and OCI-layout layers (tar or tar.gz) and nix2container image.json files; set sbom: false to go on without SBOMs.`,
      { cause: e },
    )
  }
  const closure = contents.storePaths.length ? await closureOf(nix, contents.storePaths) : []
  const bom = buildSbom(image, contents, closure)
  await mkdir(dir, { recursive: true })
  const file = join(dir, sbomFileName(image))
  await writeFile(file, `${JSON.stringify(bom, null, 2)}\n`)
  return { result: summarize(image, bom, file, contents), bom }
}

/**
 * The SBOM stage: one file per image, in build order, and a line in the log for each. `read` holds
 * the contents of the images already read while they loaded (stream images), by installable.
 */
export async function writeSboms(
  nix: Nix,
  images: BuiltImage[],
  dir: string,
  log: (m: string) => void,
  read: ReadonlyMap<string, Promise<ImageContents>> = new Map(),
): Promise<SbomResult[]> {
  const results: SbomResult[] = []
  for (const image of images) {
    const { result } = await writeSbom(nix, image, dir, read.get(image.installable))
    results.push(result)
    const extra = [
      result.notInStore ? `${result.notInStore} not in the local store (no hash, no references)` : '',
      result.otherFiles ? `${result.otherFiles} file${result.otherFiles === 1 ? '' : 's'} outside /nix/store not described` : '',
    ].filter(Boolean)
    log(
      `${image.container} ${image.platform}: ${result.components} components; top level: ${result.topLevel.join(', ') || '(none)'}${extra.length ? `; ${extra.join('; ')}` : ''} → ${result.file}`,
    )
  }
  return results
}
