// One image on its way through a run. Each stage adds what it made of the image to the same record
// (in Docker, described), so a later stage reads it there instead of finding the image again by name.
import type { BuiltImage } from '../model.js'
import type { LoadedImage } from './docker.js'
import type { SbomResult } from './sbom.js'

export interface ImageRecord {
  built: BuiltImage
  /** Set by the load; absent when the image cannot run on this runner. */
  loaded?: LoadedImage
  sbom?: SbomResult
}

export function recordsOf(built: readonly BuiltImage[]): ImageRecord[] {
  return built.map((image) => ({ built: image }))
}
