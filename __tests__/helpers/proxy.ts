// A pass-through HTTP proxy on loopback in front of the stack's registry: it measures what is sent on
// the wire, and can inject faults (an answer of its own, or a dropped connection) request by request.
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault = 'drop' | { status: number; body: unknown }

export interface Seen {
  method: string
  path: string
  bytes: number
  status: number
}

/** A pass-through HTTP proxy to the stack's registry that records every request and its body size. */
export class CountingProxy {
  seen: Seen[] = []
  private server?: Server
  address = ''

  /** Decides, request by request, whether to pass it on or answer it here (a fault). */
  constructor(private readonly fault: (req: IncomingMessage, seen: Seen[]) => Fault | undefined = () => undefined) {}

  async start(target: string): Promise<void> {
    const [host, port] = target.split(':')
    this.server = createServer((req, res) => {
      const fault = this.fault(req, this.seen)
      if (fault === 'drop') {
        this.seen.push({ method: req.method!, path: req.url!, bytes: 0, status: 0 })
        req.socket.destroy()
        return
      }
      if (fault) {
        this.seen.push({ method: req.method!, path: req.url!, bytes: 0, status: fault.status })
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body))
        return
      }
      let bytes = 0
      req.on('data', (c: Buffer) => (bytes += c.length))
      // The Host header passes unchanged, so the registry's upload Locations point back at the proxy.
      const upstream = request({ host, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('end', () => this.seen.push({ method: req.method!, path: req.url!, bytes, status: answer.statusCode ?? 0 }))
      })
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
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
    await new Promise((done) => this.server?.close(done))
  }
}
