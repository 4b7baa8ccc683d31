import { describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpError } from '../../src/http.js'
import { RegistryClient, registryFailure, registryUrl, unansweredBy } from '../../src/registry/client.js'

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

  it.each([
    [
      'the registry’s codes and its Retry-After',
      429,
      '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
      '3',
      { codes: ['TOOMANYREQUESTS'], retryAfter: '3' },
    ],
    ['no codes in a body that is not JSON', 502, '<html>bad gateway</html>', undefined, {}],
  ])('%s', (_, status, body, retryAfter, answer) => {
    const error = registryFailure(status, body, 'x', retryAfter)
    expect(error.status).toBe(status)
    expect(error.answer).toEqual(answer)
  })
})

describe('what a request’s own error says of the registry', () => {
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code })
  it.each<[string, unknown, string | undefined]>([
    ['refused', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5999'), 'unreachable'],
    ['reset mid-upload', coded('ECONNRESET', 'socket hang up'), 'unreachable'],
    ['a name that does not resolve', coded('ENOTFOUND', 'getaddrinfo ENOTFOUND registry.invalid'), 'unreachable'],
    ['http.ts’s idle timeout', new HttpError('PATCH http://r/v2/x: no answer for 60s (ETIMEDOUT)'), 'unreachable'],
    ['a self-signed certificate', coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'certificate'],
    ['an unknown issuer', coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'certificate'],
    ['a name the certificate does not hold', coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'certificate'],
    ['an expired certificate', coded('CERT_HAS_EXPIRED'), 'certificate'],
    ['a damaged archive read into the body', new Error('incorrect header check'), undefined],
    ['a file the body could not read', coded('EIO', 'i/o error'), undefined],
  ])('%s', (_, error, expected) => expect(unansweredBy(error)).toBe(expected))
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
