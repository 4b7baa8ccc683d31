// What an image holds, as Nix describes it: the store paths of its layers, read from the recipe the
// image was made from (dockerTools' conf JSON, nix2container's image.json), never from the layers'
// bytes. Only an image with no recipe in the local store is read (listFiles, through zlib and tar-stream).
import { readFile } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { Readable, pipeline } from 'node:stream'
import type { BuiltImage } from '../model.js'
import { listFiles, openArchive, tarEntries, withArchive } from './archive.js'

export interface ImageContents {
  /** Top-level store paths in the image's layers (/nix/store/<hash>-<name>), sorted. */
  storePaths: string[]
  /** Regular files and links outside /nix/store (known only when the layers were read). */
  otherFiles?: number
  layers: number
  /** Layers whose contents are not known here (a base image's). */
  undescribedLayers: number
  /** Where the store paths were learned, for the SBOM and the log. */
  source: string
}

const STORE_ENTRY = /^(?:\.?\/)*nix\/store\/([0-9a-df-np-sv-z]{32}-[^/]+)/

/** The top-level store path an archive entry belongs to, or undefined: `nix/store/<h>-bash/bin/x` → `/nix/store/<h>-bash`. */
export function storePathOfEntry(name: string): string | undefined {
  const m = STORE_ENTRY.exec(name)
  return m ? `/nix/store/${m[1]}` : undefined
}

interface StreamConf {
  store_layers?: string[][]
  customisation_layer?: string
  from_image?: string | null
}

/**
 * dockerTools' conf JSON (what stream_layered_image.py reads): one list of store paths per layer,
 * then the customisation layer (contents' symlinks and extraCommands' files, none of them a store
 * path of its own). A `from_image`'s layers come first and are not described.
 */
export function confContents(json: string, where: string): ImageContents {
  const conf = JSON.parse(json) as StreamConf
  if (!Array.isArray(conf.store_layers)) throw new Error(`${where} has no store_layers: it is not a dockerTools conf JSON.`)
  const storePaths = new Set<string>()
  for (const layer of conf.store_layers) for (const p of layer) storePaths.add(p)
  return {
    storePaths: [...storePaths].sort(),
    layers: conf.store_layers.length + 1,
    undescribedLayers: conf.from_image ? 1 : 0,
    source: `dockerTools conf ${where}`,
  }
}

interface N2cImage {
  layers?: { paths?: { path?: string }[] }[]
}

/** The store paths a nix2container image.json puts in its layers. */
export function nix2containerContents(json: string, where = 'the image.json'): ImageContents {
  const image = JSON.parse(json) as N2cImage
  const layers = image.layers ?? []
  const storePaths = new Set<string>()
  for (const layer of layers) {
    for (const p of layer.paths ?? []) {
      const path = p.path ? storePathOfEntry(p.path) : undefined
      if (path) storePaths.add(path)
    }
  }
  return {
    storePaths: [...storePaths].sort(),
    layers: layers.length,
    undescribedLayers: layers.filter((l) => !l.paths?.length).length,
    source: `nix2container ${where}`,
  }
}

/** The store paths and other files of one layer's tar, plain or gzip. */
async function scanLayer(body: AsyncIterable<Buffer>, gzip: boolean, storePaths: Set<string>): Promise<number> {
  let otherFiles = 0
  const input = gzip ? pipeline(Readable.from(body), createGunzip(), () => undefined) : body
  for await (const entry of tarEntries(input)) {
    const path = storePathOfEntry(entry.name)
    if (path) storePaths.add(path)
    else if (entry.type !== 'directory') otherFiles++
  }
  return otherFiles
}

/** Reads the archive's layers for the store paths they hold: for an image whose recipe is not here. */
export async function scanContents(image: Pick<BuiltImage, 'kind' | 'storePath' | 'installable'>): Promise<ImageContents> {
  const storePaths = new Set<string>()
  let otherFiles = 0
  let layers = 0
  await withArchive(openArchive(image), `${image.installable} (${image.storePath})`, (stream) =>
    listFiles(stream, {
      onLayer: async (body, gzip) => {
        layers++
        otherFiles += await scanLayer(body, gzip, storePaths)
      },
    }),
  )
  return {
    storePaths: [...storePaths].sort(),
    otherFiles,
    layers,
    undescribedLayers: 0,
    source: 'the layers of the image archive (no recipe in the local store)',
  }
}

/**
 * What the image holds: from its recipe when `recipe` names one in the local store (a dockerTools
 * conf, or the nix2container image.json the build output is), else from its layers.
 */
export async function imageContents(image: Pick<BuiltImage, 'kind' | 'storePath' | 'installable'>, recipe?: string): Promise<ImageContents> {
  if (image.kind === 'nix2container') return nix2containerContents(await readFile(image.storePath, 'utf8'), image.storePath)
  if (recipe) return confContents(await readFile(recipe, 'utf8'), recipe)
  return scanContents(image)
}
