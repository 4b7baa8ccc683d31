// The HTTP helper against real servers on 127.0.0.1: redirects, credentials, streamed bodies, timeouts.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Writable } from 'node:stream'
import { httpRequest } from '../../src/http.js'

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
