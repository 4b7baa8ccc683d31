// Publishing one multi-arch manifest per container (filled in by the publish stage).
export interface PublishedImage {
  container: string
  /** registry/repository */
  name: string
  digest: string
  tags: string[]
  platforms: string[]
}

export interface Publication {
  images: PublishedImage[]
}
