// A pass-through HTTP proxy on loopback in front of a real registry: it measures what is sent on the
// wire, and can inject faults request by request: an answer of its own, a dropped connection, a
// connection cut in the middle of a body, or a request held back before it is passed on.
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  | 'drop'
  /** Answered here; the registry never sees the request. */
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** Passed on, and the client's connection cut once this many body bytes went through. */
  | { resetAfterBytes: number }
  /** Passed on after this long. */
  | { delayMs: number }

export type FaultRule = (req: IncomingMessage, seen: Seen[]) => Fault | undefined

export interface Seen {
  method: string
  path: string
  bytes: number
  /** 0: no answer (the connection was dropped or cut). */
  status: number
  /** When the request arrived (ms since the epoch). */
  at: number
}

/**
 * A rule that gives `fault` to the first `times` requests of each key, and passes the rest: `key`
 * names what is counted (a blob's digest, say), or undefined for a request the rule leaves alone.
 */
export function firstTimes(times: number, key: (req: IncomingMessage) => string | undefined, fault: Fault): FaultRule {
  const counts = new Map<string, number>()
  return (req) => {
    const k = key(req)
    if (k === undefined) return undefined
    const n = counts.get(k) ?? 0
    counts.set(k, n + 1)
    return n < times ? fault : undefined
  }
}

/** The first of `rules` that has a fault for the request (later rules do not see it). */
export const anyOf =
  (...rules: FaultRule[]): FaultRule =>
  (req, seen) => {
    for (const rule of rules) {
      const fault = rule(req, seen)
      if (fault) return fault
    }
    return undefined
  }

/** A pass-through HTTP proxy to a registry that records every request and its body size. */
export class CountingProxy {
  seen: Seen[] = []
  private server?: Server
  address = ''

  /** Decides, request by request, whether to pass it on or answer it here (a fault). */
  constructor(private readonly fault: FaultRule = () => undefined) {}

  async start(target: string): Promise<void> {
    const [host, port] = target.split(':')
    this.server = createServer((req, res) => {
      const at = Date.now()
      const record = (bytes: number, status: number) => this.seen.push({ method: req.method!, path: req.url!, bytes, status, at })
      const fault = this.fault(req, this.seen)
      if (fault === 'drop') {
        record(0, 0)
        req.socket.destroy()
        return
      }
      if (fault && 'status' in fault) {
        record(0, fault.status)
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(JSON.stringify(fault.body))
        return
      }
      const forward = () => {
        let bytes = 0
        // The Host header passes unchanged, so the registry's upload Locations point back at the proxy.
        const upstream = request({ host, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
          answer.on('end', () => record(bytes, answer.statusCode ?? 0))
        })
        upstream.on('error', () => res.destroy())
        req.on('data', (c: Buffer) => {
          bytes += c.length
          if (fault && 'resetAfterBytes' in fault && bytes >= fault.resetAfterBytes && !req.socket.destroyed) {
            record(bytes, 0)
            upstream.destroy()
            req.socket.destroy()
          }
        })
        req.pipe(upstream)
      }
      if (fault && 'delayMs' in fault) setTimeout(forward, fault.delayMs)
      else forward()
    })
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done))
    this.address = `127.0.0.1:${(this.server!.address() as AddressInfo).port}`
  }

  /** Bytes sent into blob uploads (PATCH and PUT bodies under /blobs/uploads/) since `from`. */
  uploadBytes(from = 0): number {
    return this.seen
      .slice(from)
      .filter((s) => s.path.includes('/blobs/uploads/') && s.method !== 'POST')
      .reduce((n, s) => n + s.bytes, 0)
  }

  uploadsOpened(from = 0): number {
    return this.seen.slice(from).filter((s) => s.method === 'POST' && s.path.includes('/blobs/uploads/')).length
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise((done) => this.server?.close(done))
  }
}
