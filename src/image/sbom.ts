// A CycloneDX SBOM for every built image, from what Nix knows of it: the store paths its recipe
// puts in its layers (image/contents.ts), their runtime closure and NAR hashes (`nix path-info
// --recursive`), and what the flake's evaluation says of each package (nix/meta.ts: licences,
// description, homepage, CPE, purl). Once pushed, the image component names the platform manifest
// by digest, as syft's and Docker's SBOMs do.
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { runnerTemp } from '../files.js'
import { join } from 'node:path'
import { isSupportedSpdxId } from '@cyclonedx/cyclonedx-library/SPDX'
import { PackageURL } from 'packageurl-js'
import type { BuiltImage } from '../model.js'
import { type PathInfo, queryPathInfo } from '../nix/path-info.js'
import { type Nix } from '../nix/nix.js'
import type { PackageMeta } from '../nix/meta.js'
import { nixHashToHex, nixPurl, parseStoreName, storeNameOf } from './store-names.js'
import type { ImageContents } from './contents.js'
import { TOOL } from '../tool.js'

export const SPEC_VERSION = '1.6'

function comparePaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

// ---- the closure -------------------------------------------------------------------------------

const BATCH = 500

/**
 * Path info for store paths and everything they reference, for every image of a run at once. Paths
 * the local store does not have (an image built on a remote builder brings back only the image file)
 * are returned as invalid: they still become components, without hash or references.
 */
export async function storeInfo(nix: Nix, paths: readonly string[]): Promise<Map<string, PathInfo>> {
  const byPath = new Map<string, PathInfo>()
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH)
    // One query when every path is in the store, as after a local build; Nix refuses a recursive
    // query of a path it lacks, so only then are the paths asked for one level first.
    const whole = await queryPathInfo(nix, ['--recursive', ...batch]).catch(() => undefined)
    if (whole) {
      for (const info of whole) byPath.set(info.path, info)
      continue
    }
    const direct = await queryPathInfo(nix, batch)
    for (const info of direct) byPath.set(info.path, info)
    const valid = direct.filter((d) => d.valid).map((d) => d.path)
    if (valid.length === 0) continue
    for (const info of await queryPathInfo(nix, ['--recursive', ...valid])) byPath.set(info.path, info)
  }
  return byPath
}

/** The closure of `roots` within what the store said (pure): each path once, sorted. */
export function closureWithin(infos: ReadonlyMap<string, PathInfo>, roots: readonly string[]): PathInfo[] {
  const seen = new Map<string, PathInfo>()
  const queue = [...roots]
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const info = infos.get(path)
    if (!info || seen.has(path)) continue
    seen.set(path, info)
    queue.push(...info.references)
  }
  return [...seen.values()].sort(comparePaths)
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
type License = { license: { id: string } | { name: string } }

export interface CycloneDxComponent {
  type: string
  'bom-ref': string
  name: string
  version?: string
  description?: string
  licenses?: License[]
  purl?: string
  cpe?: string
  externalReferences?: { type: string; url: string }[]
  hashes?: { alg: string; content: string }[]
  properties?: Property[]
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

/** nixpkgs' licences as CycloneDX takes them: an SPDX id it knows, else the licence's name. */
export function licensesOf(meta: Pick<PackageMeta, 'licenses'>): License[] {
  return meta.licenses.flatMap((l): License[] => {
    if (l.id && isSupportedSpdxId(l.id)) return [{ license: { id: l.id } }]
    const name = l.name ?? l.id
    return name ? [{ license: { name } }] : []
  })
}

/** A purl from meta, only when it parses as one. */
export function validPurl(purl: string | undefined): string | undefined {
  if (!purl) return undefined
  try {
    return PackageURL.fromString(purl).toString()
  } catch {
    return undefined
  }
}

function isUrl(text: string): boolean {
  try {
    return ['http:', 'https:', 'ftp:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

export function componentOf(info: PathInfo, inImage: boolean, meta?: PackageMeta): CycloneDxComponent {
  const parsed = parseStoreName(storeNameOf(info.path))
  const hash = nixHashToHex(info.narHash)
  const properties: Property[] = [{ name: 'nix:store_path', value: info.path }]
  if (info.narSize !== undefined) properties.push({ name: 'nix:nar_size', value: String(info.narSize) })
  if (info.deriver) properties.push({ name: 'nix:deriver', value: info.deriver })
  if (parsed.output) properties.push({ name: 'nix:output', value: parsed.output })
  // Honest about what the SBOM could not see: a path the image lacks, or the store lacks.
  if (!inImage) properties.push({ name: 'nix:in_image', value: 'false' })
  if (!info.valid) properties.push({ name: 'nix:in_local_store', value: 'false' })
  if (!meta) properties.push({ name: 'nix:meta', value: 'false' })
  const name = meta?.pname ?? parsed.name
  const version = meta?.pname ? meta.version : parsed.version
  const licenses = meta ? licensesOf(meta) : []
  return {
    type: 'library',
    'bom-ref': info.path,
    name,
    ...(version ? { version } : {}),
    ...(meta?.description ? { description: meta.description } : {}),
    ...(licenses.length ? { licenses } : {}),
    purl: validPurl(meta?.purl) ?? nixPurl({ ...parsed, name, version }),
    ...(meta?.cpe ? { cpe: meta.cpe } : {}),
    ...(meta?.homepage && isUrl(meta.homepage) ? { externalReferences: [{ type: 'website', url: meta.homepage }] } : {}),
    ...(hash ? { hashes: [hash] } : {}),
    properties,
  }
}

/** The document with its serial number derived from the rest of it. */
function withSerial<T extends Omit<CycloneDx, 'serialNumber'>>(body: T): T & { serialNumber: string } {
  const rest: T & { serialNumber?: string } = { ...body }
  delete rest.serialNumber
  return { ...rest, serialNumber: `urn:uuid:${contentUuid(JSON.stringify(rest))}` }
}

export function buildSbom(
  subject: SbomSubject,
  contents: ImageContents,
  closure: PathInfo[],
  packages: ReadonlyMap<string, PackageMeta> = new Map(),
): CycloneDx {
  const inImage = new Set(contents.storePaths)
  const infos = new Map(closure.map((c) => [c.path, c]))
  // Paths the image holds that path-info did not answer for are still components.
  for (const p of contents.storePaths) if (!infos.has(p)) infos.set(p, { path: p, valid: false, references: [] })
  const all = [...infos.values()].sort(comparePaths)
  const components = all.map((c) => componentOf(c, inImage.has(c.path), packages.get(c.path)))
  const roots = topLevel(all).map((c) => c.path)
  const imageRef = subject.storePath
  const properties: Property[] = [
    { name: 'nix-container-action:closure_source', value: contents.source },
    { name: 'nix-container-action:layers', value: String(contents.layers) },
    { name: 'nix-container-action:components_with_meta', value: String(components.filter((c) => !c.properties?.some((p) => p.name === 'nix:meta')).length) },
  ]
  if (contents.otherFiles !== undefined) properties.push({ name: 'nix-container-action:files_outside_store', value: String(contents.otherFiles) })
  if (contents.undescribedLayers > 0) properties.push({ name: 'nix-container-action:undescribed_layers', value: String(contents.undescribedLayers) })
  return withSerial({
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
  })
}

/** `linux/arm64/v8` → the purl's `arch` qualifier, `arm64`. */
function archOf(platform: string): string {
  return platform.split('/')[1] ?? platform
}

/**
 * The SBOM of an image once pushed: its component names the platform manifest by digest, as a
 * `pkg:oci` purl (the repository in `repository_url`), so a scanner ties it to what was pushed.
 */
export function bindToPush(bom: CycloneDx, pushed: { name: string; digest: string }, platform: string): CycloneDx {
  const repository = pushed.name.slice(pushed.name.lastIndexOf('/') + 1)
  const purl = new PackageURL('oci', undefined, repository, pushed.digest, { arch: archOf(platform), repository_url: pushed.name }, undefined).toString()
  const others = (bom.metadata.component.properties ?? []).filter((p) => p.name !== 'nix-container-action:pushed')
  const component: CycloneDxComponent = {
    ...bom.metadata.component,
    version: pushed.digest,
    purl,
    properties: [...others, { name: 'nix-container-action:pushed', value: `${pushed.name}@${pushed.digest}` }],
  }
  return withSerial({ ...bom, metadata: { ...bom.metadata, component } })
}

// ---- the stage ---------------------------------------------------------------------------------

export interface SbomResult {
  container: string
  system: string
  platform: string
  file: string
  components: number
  /** Components the flake's evaluation described (licence, description, homepage, …). */
  described: number
  /** Top-level packages, `name version`. */
  topLevel: string[]
  /** Store paths the image holds that the local store does not have (no hash, no references). */
  notInStore: number
  otherFiles?: number
  source: string
  /** The platform manifest it names, once pushed (`registry/repository@sha256:…`). */
  pushed?: string
}

/** Key of an image in the sboms output: `<container>/<system>`. */
export function sbomKey(image: Pick<SbomSubject, 'container' | 'system'>): string {
  return `${image.container}/${image.system}`
}

export function sbomFileName(image: Pick<SbomSubject, 'container' | 'system'>): string {
  return `${image.container}-${image.system}.cdx.json`
}

export function sbomDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(runnerTemp(env), 'nix-container-action', 'sbom')
}

const hasProperty = (c: CycloneDxComponent, name: string) => c.properties?.some((p) => p.name === name) ?? false

export function summarize(subject: SbomSubject, bom: CycloneDx, file: string, contents: ImageContents): SbomResult {
  const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]))
  const roots = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref'])?.dependsOn ?? []
  return {
    container: subject.container,
    system: subject.system,
    platform: subject.platform,
    file,
    components: bom.components.length,
    described: bom.components.filter((c) => !hasProperty(c, 'nix:meta')).length,
    topLevel: roots.map((r) => byRef.get(r)).map((c) => (c ? `${c.name}${c.version ? ` ${c.version}` : ''}` : '?')),
    notInStore: bom.components.filter((c) => hasProperty(c, 'nix:in_local_store')).length,
    otherFiles: contents.otherFiles,
    source: contents.source,
  }
}

export async function writeBom(file: string, bom: CycloneDx): Promise<void> {
  await writeFile(file, `${JSON.stringify(bom, null, 2)}\n`)
}

/** One image's SBOM, written to `<dir>/<container>-<system>.cdx.json`; `infos` holds its closure. */
export async function writeSbom(
  image: BuiltImage,
  contents: ImageContents,
  infos: ReadonlyMap<string, PathInfo>,
  packages: ReadonlyMap<string, PackageMeta>,
  dir: string,
): Promise<{ result: SbomResult; bom: CycloneDx }> {
  const bom = buildSbom(image, contents, closureWithin(infos, contents.storePaths), packages)
  await mkdir(dir, { recursive: true })
  const file = join(dir, sbomFileName(image))
  await writeBom(file, bom)
  return { result: summarize(image, bom, file, contents), bom }
}
