// Every HTTP request the action makes (registries, Cachix, GitHub's API, Docker's socket), on
// node:http(s) rather than the global fetch: Node loads fetch's implementation on its first use, and
// fetch's idle keep-alive connections hold the process open at exit; node:http costs neither.
import { once } from 'node:events'
import { type IncomingMessage, request as plainRequest } from 'node:http'
import { request as tlsRequest } from 'node:https'
import type { Writable } from 'node:stream'
import { agentFor } from './agents.js'

export interface HttpResponse {
  status: number
  /** The URL that answered, after redirects. */
  url: string
  header(name: string): string | undefined
  text(): Promise<string>
  json<T>(): Promise<T>
  /** Reads and drops the body, so the connection goes back to the pool. */
  discard(): Promise<void>
}

export interface HttpOptions {
  method?: string
  headers?: Record<string, string>
  /**
   * A buffer, or a stream sent chunked, or a writer given the request to write the body to (and
   * end), for a writer that must know when each chunk has been sent.
   */
  body?: Buffer | AsyncIterable<Buffer> | BodyWriter
  /** Fails when the connection is idle this long (not a limit on the whole transfer). */
  idleTimeoutMs?: number
  /** A unix socket to connect to instead of the URL's host (the Docker daemon's API). */
  socketPath?: string
}

export type BodyWriter = (request: Writable) => Promise<void>

export class HttpError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HttpError'
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5
const DEFAULT_IDLE_TIMEOUT_MS = 60_000

/**
 * One request. Redirects are followed when the request can be sent again (no streamed body), and
 * an authorization header never follows a redirect to another origin (a registry's blob storage).
 */
export async function httpRequest(url: string | URL, options: HttpOptions = {}): Promise<HttpResponse> {
  let target = new URL(url)
  let headers = { ...options.headers }
  let method = options.method ?? 'GET'
  let body = options.body
  const replayable = body === undefined || Buffer.isBuffer(body)
  for (let hop = 0; ; hop++) {
    const res = await send(target, method, headers, body, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.socketPath)
    const location = res.headers.location
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location || !replayable || hop >= MAX_REDIRECTS) return wrap(res, target)
    res.resume()
    const next = new URL(location, target)
    if (next.origin !== target.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'))
    if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
      method = 'GET'
      body = undefined
    }
    target = next
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: HttpOptions['body'],
  idleTimeoutMs: number,
  socketPath?: string,
): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? tlsRequest : url.protocol === 'http:' ? plainRequest : undefined
  if (!request) return Promise.reject(new HttpError(`${url.origin}: only http and https URLs are supported`))
  const sized = Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { method, headers: { ...sized, ...headers }, agent: agentFor(url, socketPath), ...(socketPath ? { socketPath } : {}) }, resolve)
    req.setTimeout(idleTimeoutMs, () =>
      req.destroy(new HttpError(`${method} ${url.origin}${url.pathname}: no answer for ${idleTimeoutMs / 1000}s (ETIMEDOUT)`)),
    )
    req.on('error', reject)
    if (body === undefined || Buffer.isBuffer(body)) {
      req.end(body)
      return
    }
    const write: BodyWriter =
      typeof body === 'function'
        ? body
        : async () => {
            for await (const chunk of body) {
              if (req.destroyed) return
              if (!req.write(chunk)) await once(req, 'drain')
            }
            req.end()
          }
    write(req).catch((e: unknown) => req.destroy(e instanceof Error ? e : new Error(String(e))))
  })
}

function wrap(res: IncomingMessage, url: URL): HttpResponse {
  let read: Promise<Buffer> | undefined
  const bytes = (): Promise<Buffer> =>
    (read ??= (async () => {
      const chunks: Buffer[] = []
      for await (const chunk of res) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    })())
  return {
    status: res.statusCode ?? 0,
    url: url.toString(),
    header: (name) => {
      const value = res.headers[name.toLowerCase()]
      return Array.isArray(value) ? value.join(', ') : value
    },
    text: async () => (await bytes()).toString('utf8'),
    json: async <T>() => JSON.parse((await bytes()).toString('utf8')) as T,
    discard: async () => {
      if (read) return void (await read.catch(() => undefined))
      res.resume()
      if (!res.readableEnded) await once(res, 'end').catch(() => undefined)
    },
  }
}
