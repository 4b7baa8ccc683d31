// What a run's caching reports: substituters, pushes, where each image came from.
import { createHash } from 'node:crypto'
import type { BuiltImage } from '../model.js'
import type { NixActivity } from '../image/build.js'

export interface Substituter {
  /** What configured it: "cachix <name>" or "binary-cache". */
  name: string
  url: string
  publicKeys: string[]
}

export interface CachePush {
  /** Where to: "cachix <name>" or the binary cache URL. */
  cache: string
  /** What: "images", "manifest app", "builder image". */
  what: string
  /** Store paths in the closure of what was pushed. */
  closure: number
  /** Of those, already in the cache before the push; undefined when the cache could not be asked. */
  present?: number
  /** Paths the cache lists after the push that it lacked before. */
  pushed?: number
  /** Their size as the cache stores them (compressed NARs), as the cache reports it. */
  bytes?: number
  durationMs: number
  error?: string
}

export interface BuilderImageCheck {
  path: string
  caches: { cache: string; present?: boolean; pushed?: boolean; error?: string }[]
}

export interface CacheReport {
  substituters: Substituter[]
  /** What Nix built and substituted, from the build's own log. */
  activity?: NixActivity
  actions?: {
    /** The entry restored before the build, and the store paths imported from it. */
    restored?: { key: string; paths: string[] }
    saved?: { key: string; paths?: number; bytes?: number }
    /** Why the Actions cache was not used or not saved. */
    note?: string
  }
  pushes: CachePush[]
  builderImage?: BuilderImageCheck
}

export function emptyCacheReport(): CacheReport {
  return { substituters: [], pushes: [] }
}

export type ImageSource = 'built' | 'substituted' | 'restored' | 'in store'

/** Where an image's output came from in this run, from what Nix reported (not guessed). */
export function imageSource(
  image: Pick<BuiltImage, 'storePath' | 'drvPath'>,
  activity: NixActivity | undefined,
  restored: readonly string[] = [],
): ImageSource | undefined {
  if (!activity) return undefined
  if (activity.built.includes(image.drvPath)) return 'built'
  if (activity.fetched.includes(image.storePath)) return 'substituted'
  if (restored.includes(image.storePath)) return 'restored'
  return 'in store'
}

export const hash16 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16)
