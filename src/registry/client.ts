// A registry's HTTP API (distribution spec): blobs and manifests up and down, with Basic or
// Bearer auth. Credentials stay in this process: no helper program, no command line.
import { createHash } from 'node:crypto'
import { HttpError, type HttpResponse, httpRequest } from '../http.js'

export interface Credentials {
  username: string
  password: string
  /** Where the login came from, for messages (never the secret). */
  from?: string
}

export const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']
export const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os: string; architecture: string; variant?: string }
}

export interface Fetched<T> {
  digest: string
  mediaType: string
  body: T
  raw: string
}

/** Why nothing usable answered: no connection, or a certificate this runner does not trust. */
export type Unanswered = 'unreachable' | 'certificate'

export interface RegistryAnswer {
  /** The registry's own error codes (UNAVAILABLE, DENIED, …), from its JSON body. */
  codes?: string[]
  /** Its Retry-After header, as sent. */
  retryAfter?: string
  /** Set when nothing answered (status is then undefined). */
  unanswered?: Unanswered
  /** A streamed upload met an expired token: a new one was fetched, and the upload can start over with it. */
  tokenRenewed?: boolean
}

export class RegistryError extends Error {
  constructor(
    message: string,
    /** The HTTP status the registry answered, or undefined when it did not answer. */
    readonly status?: number,
    readonly answer: RegistryAnswer = {},
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '')
  return name === 'localhost' || name.startsWith('127.') || name === '[::1]'
}

// Docker Hub is named docker.io in image references, but its registry API answers on another host.
const API_HOSTS: Readonly<Record<string, string>> = { 'docker.io': 'registry-1.docker.io', 'index.docker.io': 'registry-1.docker.io' }

/** Loopback registries speak plain HTTP (as Docker allows); every other registry HTTPS. */
export function registryUrl(registry: string, path: string): string {
  return `${isLoopback(registry) ? 'http' : 'https'}://${API_HOSTS[registry] ?? registry}${path}`
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
}

/** Parses `Bearer realm="…",service="…",scope="…"`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const [scheme, ...rest] = header.trim().split(/\s+/)
  const params: Record<string, string> = {}
  for (const m of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g)) params[m[1]] = m[2]
  return { scheme: scheme.toLowerCase(), params }
}

/**
 * A failed registry call as an error with its status, the registry's own words and codes, and when
 * it asks to be tried again (no credentials in any of them).
 */
export function registryFailure(status: number, text: string, what: string, retryAfter?: string): RegistryError {
  let detail = text.trim().slice(0, 500)
  let codes: string[] | undefined
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] }
    if (body.errors?.length) {
      detail = body.errors.map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ')
      codes = body.errors.flatMap((e) => (e.code ? [e.code] : []))
    }
  } catch {
    // not JSON: keep the text
  }
  const hint =
    status === 401 ? ' (unauthorized: check the username and password)' : status === 403 ? ' (denied: the password or token lacks push permission)' : ''
  return new RegistryError(`${what}: HTTP ${status}${hint}${detail ? `: ${detail}` : ''}`, status, {
    ...(codes?.length ? { codes } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  })
}

async function failure(res: HttpResponse, what: string): Promise<RegistryError> {
  return registryFailure(res.status, await res.text().catch(() => ''), what, res.header('retry-after'))
}

// Node's codes for a connection that failed or broke: nothing (or only half an answer) came back.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'])
// OpenSSL's and Node's codes for a certificate this runner does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, …).
const CERTIFICATE_CODE = /CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE/

/**
 * What a request's own error says of the registry: not reached, or reached with a certificate not
 * trusted; undefined for an error that is not the connection's (a body that failed to read).
 */
export function unansweredBy(e: unknown): Unanswered | undefined {
  const code = (e as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && CERTIFICATE_CODE.test(code)) return 'certificate'
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'unreachable'
  // http.ts's idle timeout, which carries no code.
  return e instanceof HttpError && /\(ETIMEDOUT\)/.test(e.message) ? 'unreachable' : undefined
}

export class RegistryClient {
  private authorization?: string

  constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly credentials?: Credentials,
    /** The token scope's actions: `pull`, or `pull,push` for a client that uploads. */
    private readonly actions: 'pull' | 'pull,push' = 'pull',
  ) {}

  private async authorize(challenge: string): Promise<void> {
    const { scheme, params } = parseChallenge(challenge)
    if (scheme === 'basic') {
      if (!this.credentials) throw new RegistryError(`${this.registry} needs credentials`, 401)
      this.authorization = basic(this.credentials)
      return
    }
    const url = new URL(params.realm)
    if (params.service) url.searchParams.set('service', params.service)
    url.searchParams.set('scope', params.scope ?? `repository:${this.repository}:${this.actions}`)
    const res = await httpRequest(url, { headers: this.credentials ? { authorization: basic(this.credentials) } : {} })
    if (res.status === 401 || res.status === 403) {
      await res.discard()
      throw new RegistryError(`${this.registry} refused a token for ${this.repository} (HTTP ${res.status}): check the username and password`, res.status)
    }
    // Any other failure is the token service's (overloaded, down), not the login's.
    if (res.status !== 200) throw await failure(res, `${this.registry}: asking ${url.origin}${url.pathname} for a token`)
    const body = (await res.json()) as { token?: string; access_token?: string }
    this.authorization = `Bearer ${body.token ?? body.access_token}`
  }

  async get(path: string, accept: string[]): Promise<HttpResponse> {
    return this.send('GET', path, { headers: { accept: accept.join(', ') } })
  }

  /**
   * One request to `/v2/<repository>/<path>` (or to an absolute upload URL the registry handed out),
   * authorized on a 401 and sent again. A streamed body cannot be sent twice: a 401 to one (a token
   * that ran out during a long push) renews the token and fails with tokenRenewed, so the caller
   * starts that upload over. Every upload starts with a bodiless request, so the first token is
   * fetched there.
   */
  async send(method: string, path: string, init: { headers?: Record<string, string>; body?: Buffer | AsyncIterable<Buffer> } = {}): Promise<HttpResponse> {
    const url = /^https?:/.test(path) ? path : registryUrl(this.registry, `/v2/${this.repository}/${path}`)
    const streamed = init.body !== undefined && !Buffer.isBuffer(init.body)
    // An upload URL may point at other storage: the registry's credentials go to the registry only.
    const ours = new URL(url).origin === new URL(registryUrl(this.registry, '/')).origin
    const request = (): Promise<HttpResponse> =>
      httpRequest(url, { method, headers: { ...init.headers, ...(this.authorization && ours ? { authorization: this.authorization } : {}) }, body: init.body })
    let res: HttpResponse
    try {
      res = await request()
      const challenge = res.header('www-authenticate')
      if (res.status === 401 && challenge) {
        await res.discard()
        await this.authorize(challenge)
        if (streamed)
          throw new RegistryError(`${this.registry}: the token ran out during an upload; a new one was fetched to start it over`, 401, { tokenRenewed: true })
        res = await request()
      }
    } catch (e) {
      if (e instanceof RegistryError) throw e
      const unanswered = unansweredBy(e)
      // Not the connection's: the body's own (an archive that failed to read), which says what it is.
      if (!unanswered) throw e
      const message = (e as Error).message
      throw new RegistryError(
        unanswered === 'certificate'
          ? `${this.registry} presented a certificate this runner does not trust: ${message}`
          : `cannot reach ${this.registry}: ${message}`,
        undefined,
        { unanswered },
      )
    }
    return res
  }

  /** True when the registry already has the blob (HEAD /v2/<repository>/blobs/<digest>). */
  async hasBlob(digest: string): Promise<boolean> {
    return (await this.blobSize(digest)) !== undefined
  }

  /** The size of a blob the registry has (its HEAD answer's Content-Length), or undefined when it has none. */
  async blobSize(digest: string): Promise<number | undefined> {
    const res = await this.send('HEAD', `blobs/${digest}`)
    if (res.status === 200 || res.status === 404) {
      await res.discard()
      const length = Number(res.header('content-length'))
      return res.status === 404 ? undefined : Number.isFinite(length) ? length : -1
    }
    throw await failure(res, `${this.registry}/${this.repository}: asking for blob ${digest}`)
  }

  /**
   * Uploads one blob: POST to open an upload, then the bytes (a buffer in one PUT; a stream in one
   * PATCH, chunked, as docker push does), then PUT ?digest= to close it; the registry checks the digest.
   */
  async uploadBlob(digest: string, body: Buffer | AsyncIterable<Buffer>): Promise<void> {
    await this.upload(body, () => digest, `uploading ${digest}`)
  }

  /**
   * Uploads a stream whose digest is known only once it is sent (a layer compressed on the way):
   * the bytes are hashed as they go, and the upload is closed under that digest.
   */
  async uploadComputed(body: AsyncIterable<Buffer>, what: string, check?: () => void): Promise<{ digest: string; size: number }> {
    const hash = createHash('sha256')
    let size = 0
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of body) {
        hash.update(chunk)
        size += chunk.length
        yield chunk
      }
    }
    const digest = await this.upload(
      counted(),
      () => {
        check?.()
        return `sha256:${hash.digest('hex')}`
      },
      `uploading ${what}`,
    )
    return { digest, size }
  }

  private async upload(body: Buffer | AsyncIterable<Buffer>, digestOf: () => string, what: string): Promise<string> {
    const where = `${this.registry}/${this.repository}: ${what}`
    const opened = await this.send('POST', 'blobs/uploads/', { headers: { 'content-length': '0' } })
    if (opened.status !== 202) throw await failure(opened, where)
    await opened.discard()
    let location = this.uploadUrl(opened)
    if (!Buffer.isBuffer(body)) {
      const patched = await this.send('PATCH', location, { headers: { 'content-type': 'application/octet-stream' }, body })
      if (patched.status !== 202) throw await failure(patched, where)
      await patched.discard()
      location = this.uploadUrl(patched)
    }
    // Asked only now, when every byte was sent: it may still refuse to close the upload.
    const digest = digestOf()
    const url = new URL(location)
    url.searchParams.set('digest', digest)
    const closed = await this.send('PUT', url.toString(), {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(Buffer.isBuffer(body) ? body.length : 0) },
      body: Buffer.isBuffer(body) ? body : undefined,
    })
    if (closed.status !== 201) throw await failure(closed, where)
    await closed.discard()
    return digest
  }

  /**
   * Whether the registry lets this login push here now: an upload is opened, then cancelled, so
   * nothing is written. False when it refuses (401, 403); undefined when it says neither.
   */
  async canPush(): Promise<boolean | undefined> {
    const opened = await this.send('POST', 'blobs/uploads/', { headers: { 'content-length': '0' } })
    await opened.discard()
    if (opened.status === 401 || opened.status === 403) return false
    if (opened.status !== 202) return undefined
    const cancelled = await this.send('DELETE', this.uploadUrl(opened))
    await cancelled.discard()
    return true
  }

  /** PUT a manifest or index under a tag or its digest; returns the digest the registry computed. */
  async putManifest(reference: string, mediaType: string, bytes: Buffer): Promise<string> {
    const res = await this.send('PUT', `manifests/${reference}`, { headers: { 'content-type': mediaType }, body: bytes })
    if (res.status !== 201) throw await failure(res, `${this.registry}/${this.repository}:${reference}: pushing the manifest`)
    await res.discard()
    return res.header('docker-content-digest') ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`
  }

  private uploadUrl(res: HttpResponse): string {
    const location = res.header('location')
    if (!location) throw new RegistryError(`${this.registry} opened an upload but gave no Location`)
    return new URL(location, registryUrl(this.registry, '/')).toString()
  }

  async blob<T = unknown>(digest: string): Promise<T> {
    const res = await this.get(`blobs/${digest}`, ['*/*'])
    if (res.status !== 200) {
      await res.discard()
      throw new RegistryError(`${this.registry}/${this.repository}@${digest}: HTTP ${res.status}`, res.status)
    }
    return (await res.json()) as T
  }

  async manifest<T = unknown>(reference: string, accept = [...INDEX_TYPES, ...MANIFEST_TYPES]): Promise<Fetched<T>> {
    const res = await this.get(`manifests/${reference}`, accept)
    if (res.status !== 200) {
      await res.discard()
      const what =
        res.status === 401
          ? 'unauthorized: check the username and password'
          : res.status === 403
            ? 'forbidden: the token lacks permission'
            : res.status === 404
              ? 'not found'
              : `HTTP ${res.status}`
      throw new RegistryError(`${this.registry}/${this.repository}:${reference}: ${what}`, res.status)
    }
    const raw = await res.text()
    const digest = `sha256:${createHash('sha256').update(raw).digest('hex')}`
    return { digest, mediaType: res.header('content-type') ?? '', body: JSON.parse(raw) as T, raw }
  }
}
