// Reading manifests back from a registry over its HTTP API (distribution spec), with Basic or
// Bearer auth. Credentials stay in this process: no helper program, no command line.
import { createHash } from 'node:crypto'

export interface Credentials {
  username: string
  password: string
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

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '')
  return name === 'localhost' || name.startsWith('127.') || name === '[::1]'
}

/** Loopback registries speak plain HTTP (as Docker allows); every other registry HTTPS. */
export function registryUrl(registry: string, path: string): string {
  return `${isLoopback(registry) ? 'http' : 'https'}://${registry}${path}`
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

export class RegistryClient {
  private authorization?: string

  constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly credentials?: Credentials,
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
    url.searchParams.set('scope', params.scope ?? `repository:${this.repository}:pull`)
    const res = await fetch(url, { headers: this.credentials ? { authorization: basic(this.credentials) } : {} })
    if (!res.ok) throw new RegistryError(`${this.registry} refused a token for ${this.repository} (HTTP ${res.status}): check the username and token`, res.status)
    const body = (await res.json()) as { token?: string; access_token?: string }
    this.authorization = `Bearer ${body.token ?? body.access_token}`
  }

  async get(path: string, accept: string[]): Promise<Response> {
    const url = registryUrl(this.registry, `/v2/${this.repository}/${path}`)
    const request = (): Promise<Response> =>
      fetch(url, { headers: { accept: accept.join(', '), ...(this.authorization ? { authorization: this.authorization } : {}) } })
    let res = await request()
    if (res.status === 401 && res.headers.get('www-authenticate')) {
      await this.authorize(res.headers.get('www-authenticate')!)
      res = await request()
    }
    return res
  }

  async blob<T = unknown>(digest: string): Promise<T> {
    const res = await this.get(`blobs/${digest}`, ['*/*'])
    if (!res.ok) throw new RegistryError(`${this.registry}/${this.repository}@${digest}: HTTP ${res.status}`, res.status)
    return (await res.json()) as T
  }

  async manifest<T = unknown>(reference: string, accept = [...INDEX_TYPES, ...MANIFEST_TYPES]): Promise<Fetched<T>> {
    let res: Response
    try {
      res = await this.get(`manifests/${reference}`, accept)
    } catch (e) {
      if (e instanceof RegistryError) throw e
      throw new RegistryError(`cannot reach ${this.registry}: ${(e as Error).cause ?? (e as Error).message}`)
    }
    if (!res.ok) {
      const what = res.status === 401 ? 'unauthorized: check the username and token' : res.status === 403 ? 'forbidden: the token lacks permission' : res.status === 404 ? 'not found' : `HTTP ${res.status}`
      throw new RegistryError(`${this.registry}/${this.repository}:${reference}: ${what}`, res.status)
    }
    const raw = await res.text()
    const digest = `sha256:${createHash('sha256').update(raw).digest('hex')}`
    return { digest, mediaType: res.headers.get('content-type') ?? '', body: JSON.parse(raw) as T, raw }
  }
}
