// The HTTP helper against real servers on 127.0.0.1: redirects, credentials, streamed bodies, timeouts;
// the CAs it trusts (a private CA in the system store or SSL_CERT_FILE).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import * as tls from 'node:tls'
import { httpRequest } from '../../src/http.js'
import { isRoot } from '../../src/root.js'
import { type Outcome, requestsInProcess } from '../helpers/http-process.js'
import { type Authority, httpsServer, issue, makeAuthority } from '../helpers/tls.js'
import { tempDir } from '../helpers/tmp.js'

const servers: Server[] = []

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, res, Buffer.concat(chunks)))
  })
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

describe('httpRequest', () => {
  it('follows a redirect to another origin without the authorization header', async () => {
    const seen: (string | undefined)[] = []
    const storage = await serve((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
    const registry = await serve((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(307, { location: `${storage}/blob?sig=1` }).end()
    })
    const res = await httpRequest(`${registry}/v2/x/blobs/sha256:1`, { headers: { authorization: 'Basic dTpw' } })
    expect(res.status).toBe(200)
    expect(res.url).toBe(`${storage}/blob?sig=1`)
    expect(res.header('Content-Type')).toBe('application/json')
    expect(await res.json()).toEqual({ ok: true })
    expect(seen).toEqual(['Basic dTpw', undefined])
  })

  it('keeps the authorization header on a redirect within the same origin', async () => {
    const seen: (string | undefined)[] = []
    const url = await serve((req, res) => {
      seen.push(req.headers.authorization)
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end()
      else res.writeHead(200).end('b')
    })
    expect(await (await httpRequest(`${url}/a`, { headers: { authorization: 'Bearer t' } })).text()).toBe('b')
    expect(seen).toEqual(['Bearer t', 'Bearer t'])
  })

  it('sends a buffer with its length and a stream chunked', async () => {
    const got: { length?: string; encoding?: string; body: string }[] = []
    const url = await serve((req, res, body) => {
      got.push({ length: req.headers['content-length'], encoding: req.headers['transfer-encoding'], body: body.toString() })
      res.writeHead(201).end()
    })
    async function* chunks(): AsyncIterable<Buffer> {
      yield Buffer.from('ab')
      yield Buffer.from('cd')
    }
    await (await httpRequest(url, { method: 'PUT', body: Buffer.from('xyz') })).discard()
    await (await httpRequest(url, { method: 'PATCH', body: chunks() })).discard()
    // A writer told when each chunk has been sent (a loader reads into its buffer again then).
    const sent: string[] = []
    const writer = async (request: Writable) => {
      const piece = Buffer.from('ef')
      await new Promise<void>((done) => request.write(piece, () => (sent.push(piece.toString()), done())))
      piece.write('gh')
      request.end(piece)
    }
    await (await httpRequest(url, { method: 'POST', body: writer })).discard()
    expect(got).toEqual([
      { length: '3', encoding: undefined, body: 'xyz' },
      { length: undefined, encoding: 'chunked', body: 'abcd' },
      { length: undefined, encoding: 'chunked', body: 'efgh' },
    ])
    expect(sent).toEqual(['ef'])
  })

  it('a writer that fails fails the request with its error', async () => {
    const url = await serve((_req, res) => res.writeHead(201).end())
    const writer = async (request: Writable) => {
      request.write('half')
      throw new Error('the stream script died')
    }
    await expect(httpRequest(url, { method: 'POST', body: writer })).rejects.toThrow('the stream script died')
  })

  it('does not follow a redirect with a streamed body (it cannot be sent twice)', async () => {
    const url = await serve((_req, res) => res.writeHead(307, { location: '/elsewhere' }).end())
    async function* one(): AsyncIterable<Buffer> {
      yield Buffer.from('x')
    }
    expect((await httpRequest(url, { method: 'PATCH', body: one() })).status).toBe(307)
  })

  it('fails a connection that stays idle past the timeout, naming it', async () => {
    const url = await serve(() => undefined)
    await expect(httpRequest(url, { idleTimeoutMs: 200 })).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/: no answer for 0\.2s \(ETIMEDOUT\)/)
  })

  it('reports a refused connection with its code', async () => {
    const url = await serve(() => undefined)
    // close() stops listening at once, but its callback is the moment the port is really free.
    await new Promise((done) => servers[0].close(done))
    await expect(httpRequest(url)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('refuses other URL schemes', async () => {
    await expect(httpRequest('ftp://127.0.0.1/x')).rejects.toThrow(/only http and https URLs are supported/)
  })
})

const failed = (o: Outcome | undefined) => (o && 'error' in o ? `${o.code}: ${o.error}` : undefined)

// Node reads the system store from 22.15 and 23.10 (tls.getCACertificates); older ones cannot.
const systemStore = 'getCACertificates' in tls

describe('the certificate authorities https requests trust', () => {
  const dir = tempDir('http-tls')
  let privateCa: Authority
  let trusted: string
  let stranger: string
  let connections = 0
  const servers: { close(): void }[] = []
  beforeAll(async () => {
    privateCa = makeAuthority(dir, 'nca-test-private-ca')
    const strangerCa = makeAuthority(dir, 'nca-test-stranger-ca')
    const a = await httpsServer(issue(privateCa, dir, ['127.0.0.1']))
    const b = await httpsServer(issue(strangerCa, dir, ['127.0.0.1']))
    // A connection kept idle for two minutes, longer than any request process here lives.
    a.server.keepAliveTimeout = 120_000
    a.server.on('secureConnection', () => connections++)
    servers.push(a.server, b.server)
    trusted = `https://127.0.0.1:${a.port}`
    stranger = `https://127.0.0.1:${b.port}`
  })
  afterAll(() => servers.forEach((s) => s.close()))

  it("refuses a CA nobody installed, with Node's certificate error", async () => {
    const { outcomes } = await requestsInProcess([{ url: `${stranger}/x` }])
    expect(outcomes).toEqual([{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', error: expect.stringContaining('unable to verify the first certificate') }])
  })

  it('trusts the CAs of the bundle SSL_CERT_FILE names, as Go and OpenSSL do', async () => {
    // A bundle of several certificates, the private CA not the first.
    const other = makeAuthority(dir, 'nca-test-other-ca')
    const bundle = join(dir, 'bundle.pem')
    writeFileSync(bundle, readFileSync(other.certFile, 'utf8') + readFileSync(privateCa.certFile, 'utf8'))
    const { outcomes } = await requestsInProcess([{ url: `${trusted}/bundle` }, { url: `${stranger}/bundle` }], { SSL_CERT_FILE: bundle })
    expect(outcomes[0]).toEqual({ status: 200, body: 'tls /bundle' })
    expect(failed(outcomes[1])).toMatch(/^UNABLE_TO_VERIFY_LEAF_SIGNATURE/)
  })

  // As a self-hosted runner's administrator installs a company CA (podman and skopeo trust it then).
  // Root only; on a Node without a system store of its own, skipped rather than passed.
  ;(isRoot() && systemStore ? it : it.skip)('trusts a CA installed in the system store with update-ca-certificates', async () => {
    const before = await requestsInProcess([{ url: `${trusted}/system` }])
    expect(failed(before.outcomes[0])).toMatch(/^UNABLE_TO_VERIFY_LEAF_SIGNATURE/)
    const installed = `/usr/local/share/ca-certificates/nca-test-http-${process.pid}.crt`
    try {
      writeFileSync(installed, readFileSync(privateCa.certFile))
      execFileSync('update-ca-certificates', { stdio: 'ignore' })
      const after = await requestsInProcess([{ url: `${trusted}/system` }])
      expect(after.outcomes).toEqual([{ status: 200, body: 'tls /system' }])
    } finally {
      rmSync(installed, { force: true })
      execFileSync('update-ca-certificates', ['--fresh'], { stdio: 'ignore' })
    }
  })

  it('keeps a connection alive, and that idle connection does not hold the process open at exit', async () => {
    const bundle = join(dir, 'private.pem')
    writeFileSync(bundle, readFileSync(privateCa.certFile))
    const from = connections
    const run = await requestsInProcess([{ url: `${trusted}/a` }, { url: `${trusted}/b` }], { SSL_CERT_FILE: bundle })
    expect(connections - from).toBe(1)
    expect(run.outcomes).toEqual([
      { status: 200, body: 'tls /a' },
      { status: 200, body: 'tls /b' },
    ])
    // The server would keep the connection for two minutes, the agent for 5 s; the process ends when its work does.
    expect(run.exitAfterMs).toBeLessThan(1000)
  })
})
