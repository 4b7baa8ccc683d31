/** A gzip stream that is damaged or not gzip: about the bytes, never about reading them. */
export class GzipError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GzipError'
  }
}
