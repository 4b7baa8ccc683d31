// One image on its way through a run. The load adds what Docker made of the image to the same record,
// so the publisher reads it there instead of finding the image again by name.
import type { BuiltImage } from '../model.js'
import type { LoadedImage } from './docker.js'

export interface ImageRecord {
  built: BuiltImage
  /** Set by the load; absent when the image cannot run on this runner. */
  loaded?: LoadedImage
}

export function recordsOf(built: readonly BuiltImage[]): ImageRecord[] {
  return built.map((image) => ({ built: image }))
}
