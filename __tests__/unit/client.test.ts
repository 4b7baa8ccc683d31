import { describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RegistryClient, registryFailure, registryUrl } from '../../src/registry/client.js'

describe('registry failures', () => {
  it.each([
    [
      401,
      '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
      /x: HTTP 401 \(unauthorized: check the username and password\): UNAUTHORIZED authentication required/,
    ],
    [403, '', /x: HTTP 403 \(denied: the password or token lacks push permission\)$/],
    [
      400,
      '{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}',
      /x: HTTP 400: DIGEST_INVALID provided digest did not match/,
    ],
    [503, 'upstream down', /x: HTTP 503: upstream down/],
  ])('HTTP %i', async (status, body, message) => {
    expect(registryFailure(status, body, 'x').message).toMatch(message)
  })
})

describe('registry credentials', () => {
  it('go to the registry only, not to an upload URL on another host', async () => {
    const seen: Record<string, string | undefined> = {}
    const servers = [0, 1].map((i) =>
      createServer((req, res) => {
        seen[`${i} ${req.method}`] = req.headers.authorization
        if (i === 0 && !req.headers.authorization) res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end()
        else res.writeHead(200).end()
      }),
    )
    await Promise.all(servers.map((s) => new Promise<void>((done) => s.listen(0, '127.0.0.1', done))))
    const [registry, storage] = servers.map((s) => `127.0.0.1:${(s.address() as AddressInfo).port}`)
    try {
      const client = new RegistryClient(registry, 'acme/fd', { username: 'u', password: 'p' }, 'pull,push')
      expect(await client.hasBlob('sha256:x')).toBe(true)
      await client.send('PUT', `http://${storage}/upload?digest=sha256:x`, { body: Buffer.from('x') })
      expect(seen).toEqual({ '0 HEAD': `Basic ${Buffer.from('u:p').toString('base64')}`, '1 PUT': undefined })
    } finally {
      servers.forEach((s) => s.close())
    }
  })
})

describe('registryUrl', () => {
  it.each([
    ['ghcr.io', 'https://ghcr.io/v2/'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000/v2/'],
    // Docker Hub's images are docker.io/<name>; its API is registry-1.docker.io.
    ['docker.io', 'https://registry-1.docker.io/v2/'],
    ['index.docker.io', 'https://registry-1.docker.io/v2/'],
  ])('%s → %s', (registry, url) => expect(registryUrl(registry, '/v2/')).toBe(url))
})
