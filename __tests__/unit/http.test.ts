// The HTTP helper against real servers on 127.0.0.1: redirects, credentials, streamed bodies, timeouts;
// the CAs it trusts (a private CA in the system store or SSL_CERT_FILE), and proxies (the real tinyproxy).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, type AgentOptions, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import * as tls from 'node:tls'
import { httpRequest } from '../../src/http.js'
import { isRoot } from '../../src/root.js'
import { loopbackName } from '../helpers/hosts.js'
import { type Outcome, requestsInProcess } from '../helpers/http-process.js'
import { Tinyproxy } from '../helpers/tinyproxy.js'
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
// Node's agents proxy from 22.21 and 24.5 (proxyEnv); older ones ignore the option, so only where it
// is read does a proxy URL that cannot be parsed throw.
const nodeProxies = (() => {
  try {
    new Agent({ proxyEnv: { HTTP_PROXY: 'http://[' } } as AgentOptions)
    return false
  } catch {
    return true
  }
})()

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

// Proxies are for names: every test here addresses registry.nca.test, a loopback name in /etc/hosts
// (root only, so skipped elsewhere), which tinyproxy resolves too.
;(isRoot() ? describe : describe.skip)('proxies', () => {
  const dir = tempDir('http-proxy')
  const name = 'registry.nca.test'
  const socketPath = join(dir, 'docker.sock')
  let proxy: Tinyproxy
  let removeName: () => void
  let tlsPort: number
  let plainPort: number
  let bundle: string
  const servers: { close(): void }[] = []
  beforeAll(async () => {
    removeName = loopbackName(name)
    const ca = makeAuthority(dir, 'nca-test-proxied-ca')
    bundle = ca.certFile
    const secure = await httpsServer(issue(ca, dir, [name]))
    const plain = createServer((req, res) => res.end(`plain ${req.url}`))
    await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done))
    const docker = createServer((req, res) => res.end(`socket ${req.url}`))
    await new Promise<void>((done) => docker.listen(socketPath, done))
    servers.push(secure.server, plain, docker)
    tlsPort = secure.port
    plainPort = (plain.address() as AddressInfo).port
    // Tunnels to the https server only: a CONNECT anywhere else is refused.
    proxy = await Tinyproxy.start(dir, [tlsPort])
  })
  afterAll(() => {
    proxy?.stop()
    servers.forEach((s) => s.close())
    removeName?.()
  })

  const proxied = nodeProxies ? it : it.skip
  const seen = (request: string) => proxy.requests().includes(request)

  proxied('https goes through HTTPS_PROXY by CONNECT, and the tunnel trusts the private CA', async () => {
    const { outcomes } = await requestsInProcess([{ url: `https://${name}:${tlsPort}/tunnel` }], { HTTPS_PROXY: proxy.url, SSL_CERT_FILE: bundle })
    expect(outcomes).toEqual([{ status: 200, body: 'tls /tunnel' }])
    expect(proxy.requests()).toContain(`CONNECT ${name}:${tlsPort}`)
  })

  proxied('http goes through lowercase http_proxy, the request line naming the whole URL', async () => {
    const { outcomes } = await requestsInProcess([{ url: `http://${name}:${plainPort}/lowercase` }], { http_proxy: proxy.url })
    expect(outcomes).toEqual([{ status: 200, body: 'plain /lowercase' }])
    expect(seen(`GET http://${name}:${plainPort}/lowercase`)).toBe(true)
  })

  proxied('sends the proxy the credentials in its URL', async () => {
    // tinyproxy takes letters and digits only.
    const guarded = await Tinyproxy.start(dir, [tlsPort], ['BasicAuth nca s3cret'])
    try {
      const proxyUrl = guarded.url.replace('//', '//nca:s3cret@')
      const { outcomes } = await requestsInProcess([{ url: `https://${name}:${tlsPort}/credentials` }], { HTTPS_PROXY: proxyUrl, SSL_CERT_FILE: bundle })
      expect(outcomes).toEqual([{ status: 200, body: 'tls /credentials' }])
      expect(guarded.requests()).toEqual([`CONNECT ${name}:${tlsPort}`])
      const without = await requestsInProcess([{ url: `https://${name}:${tlsPort}/credentials` }], { HTTPS_PROXY: guarded.url, SSL_CERT_FILE: bundle })
      expect(failed(without.outcomes[0])).toMatch(/^ERR_PROXY_TUNNEL: .*407/)
    } finally {
      guarded.stop()
    }
  })

  proxied('a tunnel the proxy refuses fails naming the proxy and its answer', async () => {
    const { outcomes } = await requestsInProcess([{ url: `https://${name}:${plainPort}/refused` }], { HTTPS_PROXY: proxy.url })
    expect(failed(outcomes[0])).toMatch(new RegExp(`^ERR_PROXY_TUNNEL: .*${name}:${plainPort} via http://127\\.0\\.0\\.1:\\d+.*403`))
  })

  proxied.each<[string, Record<string, string>]>([
    ['the host', { NO_PROXY: name }],
    ['host:port', { NO_PROXY: 'other.example, registry.nca.test:PORT' }],
    ['a parent domain', { NO_PROXY: 'nca.test' }],
    ['a parent domain with a leading dot', { NO_PROXY: '.nca.test' }],
    ['*', { NO_PROXY: '*' }],
    ['lowercase no_proxy', { no_proxy: name }],
  ])('NO_PROXY: %s goes straight to the host', async (what, noProxy) => {
    const path = `/bypass-${what.replace(/\W+/g, '-')}`
    const env = Object.fromEntries(Object.entries(noProxy).map(([k, v]) => [k, v.replace('PORT', String(plainPort))]))
    const { outcomes } = await requestsInProcess([{ url: `http://${name}:${plainPort}${path}` }], { HTTP_PROXY: proxy.url, ...env })
    expect(outcomes).toEqual([{ status: 200, body: `plain ${path}` }])
    expect(seen(`GET http://${name}:${plainPort}${path}`)).toBe(false)
  })

  proxied('loopback hosts go straight to the host, with no NO_PROXY to say so', async () => {
    const urls = [`http://127.0.0.1:${plainPort}/loopback`, `http://localhost:${plainPort}/loopback`]
    const { outcomes } = await requestsInProcess(
      urls.map((url) => ({ url })),
      { HTTP_PROXY: proxy.url },
    )
    expect(outcomes).toEqual([
      { status: 200, body: 'plain /loopback' },
      { status: 200, body: 'plain /loopback' },
    ])
    expect(proxy.requests().filter((r) => r.endsWith('/loopback'))).toEqual([])
  })

  proxied("Docker's socket never goes through a proxy", async () => {
    // Named by a host that would be proxied, so only the socket keeps it from the proxy.
    const { outcomes } = await requestsInProcess([{ url: `http://${name}/_ping`, socketPath }], { HTTP_PROXY: proxy.url, http_proxy: proxy.url })
    expect(outcomes).toEqual([{ status: 200, body: 'socket /_ping' }])
    expect(proxy.requests().filter((r) => r.includes('/_ping'))).toEqual([])
  })

  // Node 20 (the CLI's oldest): the requests still work, directly, and the run says why once.
  ;(nodeProxies ? it.skip : it)('a Node that cannot use a proxy says so once and connects directly', async () => {
    const path = `http://${name}:${plainPort}/direct`
    const run = await requestsInProcess([{ url: path }, { url: path }], { HTTP_PROXY: proxy.url })
    expect(run.outcomes).toEqual([
      { status: 200, body: 'plain /direct' },
      { status: 200, body: 'plain /direct' },
    ])
    expect(run.stderr.match(/cannot use a proxy/g)).toHaveLength(1)
    expect(seen(`GET ${path}`)).toBe(false)
  })
})
