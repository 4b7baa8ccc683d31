import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { type Server, createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { LoginLapsed, type Target, type Verdict, checkTargets, explainPushFailure, isTransient, verdictOf, withRetries } from '../../src/publish/publish.js'
import { RegistryClient, RegistryError, registryFailure } from '../../src/registry/client.js'
import { RetriesSpent } from '../../src/registry/retry-policy.js'
import { tempDir } from '../helpers/tmp.js'

describe('checkTargets: refused before anything is pushed', () => {
  const target = (over: Partial<Target>): Target => ({
    registry: 'ghcr.io',
    repository: 'acme/fd',
    tags: ['1.0.0'],
    credentials: { username: 'u', password: 'p' },
    source: "flocken's script /nix/store/x",
    ...over,
  })
  it('accepts valid destinations', () => expect(() => checkTargets([target({}), target({ tags: ['latest', 'main'] })], 'fdManifest')).not.toThrow())
  it.each<[Partial<Target>, RegExp]>([
    [{ tags: ['1.0.0', 'feature/x'] }, /would push ghcr\.io\/acme\/fd:feature\/x, and 'feature\/x' is not a valid tag.*nothing was pushed/],
    [{ tags: ['.hidden'] }, /'\.hidden' is not a valid tag/],
    [{ repository: 'Acme/FD' }, /ghcr\.io\/Acme\/FD, which is not a valid repository name/],
  ])('%j', (over, message) => expect(() => checkTargets([target({}), target(over)], 'fdManifest')).toThrow(message))
})

describe('a registry whose certificate this runner does not trust', () => {
  // A real TLS server with a certificate no CA vouches for, and Node's own refusal of it.
  let server: Server
  let port: number
  beforeAll(async () => {
    const dir = tempDir('tls')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=registry.nca.test',
        '-days',
        '1',
      ],
      {
        stdio: 'ignore',
      },
    )
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_, res) => res.end('{}'))
    // On every address: the client below names it 0.0.0.0, which Linux connects to this host, and
    // which the client, unlike 127.0.0.1, addresses over HTTPS as it would a company registry.
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('is asked once, not retried as an outage, and the error says what to do', async () => {
    let attempts = 0
    const log: string[] = []
    const push = withRetries(
      'Pushing registry.nca.test/acme/fd',
      () => {
        attempts++
        return new RegistryClient(`0.0.0.0:${port}`, 'acme/fd', { username: 'u', password: 'p' }).hasBlob(`sha256:${'0'.repeat(64)}`)
      },
      (m) => log.push(m),
      [10, 10],
    )
    const error = await push.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(attempts).toBe(1)
    expect(log).toEqual([])
    const target = { registry: 'registry.nca.test', repository: 'acme/fd', tags: ['1'], credentials: { username: 'u', password: 'p' }, source: 'inputs' }
    const explained = explainPushFailure(error, [target], { user: 'u', from: 'inputs username and password' }, 'Pushing registry.nca.test/acme/fd')
    expect(explained.message).toMatch(
      /^Pushing registry\.nca\.test\/acme\/fd: registry\.nca\.test answered with a certificate this runner does not trust \(self[- ]signed certificate\); nothing was retried\. .*install the CA in the runner's system store .*SSL_CERT_FILE or NODE_EXTRA_CA_CERTS/,
    )
  })
})

describe('what the registry did, as a failed push tells', () => {
  const digest = `sha256:${'0429'.repeat(16)}`
  it.each<[string, unknown, Verdict | undefined]>([
    [
      'a 503 with its code',
      registryFailure(503, '{"errors":[{"code":"UNAVAILABLE","message":"down"}]}', 'x'),
      { kind: 'answered', answer: 'HTTP 503 (UNAVAILABLE)' },
    ],
    ['a 500 without a body', registryFailure(500, '', 'x'), { kind: 'answered', answer: 'HTTP 500' }],
    ['a 500 for a repository named denied-…', registryFailure(500, '', 'r/acme/denied-x'), { kind: 'answered', answer: 'HTTP 500' }],
    ['a 401', registryFailure(401, '', 'x'), { kind: 'refused-login' }],
    [
      "podman refused part-way while the registry still takes the login (a manifest app's token ran out)",
      new LoginLapsed(new Error('Error: writing blob: uploading layer chunked: authentication required')),
      { kind: 'login-lapsed' },
    ],
    ['a 403', registryFailure(403, '', 'x'), { kind: 'refused-login' }],
    ['no connection', new RegistryError('cannot reach r: connect ECONNREFUSED', undefined, { unanswered: 'unreachable' }), { kind: 'unreachable' }],
    [
      'a certificate',
      new RegistryError('r presented a certificate this runner does not trust: self-signed certificate', undefined, { unanswered: 'certificate' }),
      { kind: 'certificate', words: 'self-signed certificate' },
    ],
    ['podman: 503', new Error('Error: writing blob: received unexpected HTTP status: 503 Service Unavailable'), { kind: 'answered', answer: '503' }],
    ['podman: refused', new Error('dial tcp 127.0.0.1:5999: connect: connection refused'), { kind: 'unreachable' }],
    ['podman: no such host', new Error('dial tcp: lookup registry.invalid: no such host'), { kind: 'unreachable' }],
    ['podman: a login', new Error('unauthorized: authentication required'), { kind: 'refused-login' }],
    ['a digest holding 429 is no 429', new Error(`manifest unknown: ${digest}`), undefined],
    [
      'a proxy that refused the tunnel (Node)',
      new RegistryError(
        'cannot reach r: ERR_PROXY_TUNNEL: Failed to establish tunnel to r:443 via http://127.0.0.1:8888: HTTP/1.1 403 Access violation',
        undefined,
        {
          unanswered: 'unreachable',
        },
      ),
      { kind: 'proxy', words: 'ERR_PROXY_TUNNEL: Failed to establish tunnel to r:443 via http://127.0.0.1:8888: HTTP/1.1 403 Access violation' },
    ],
    [
      'podman: a proxy that wants a login',
      new Error('pinging container registry r: Get "https://r/v2/": proxyconnect tcp: Proxy Authentication Required'),
      { kind: 'proxy', words: 'proxyconnect tcp: Proxy Authentication Required' },
    ],
  ])('%s', (_, error, verdict) => expect(verdictOf(error)).toEqual(verdict))

  it.each<[string, boolean]>([
    ['received unexpected HTTP status: 502 Bad Gateway', true],
    ['dial tcp: lookup ghcr.io: no such host', true],
    ['toomanyrequests: too many requests', true],
    ['unauthorized: authentication required', false],
    ['x509: certificate signed by unknown authority', false],
    [`manifest unknown: sha256:${'0429'.repeat(16)}`, false],
    ['proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused', false],
  ])('a manifest app that failed with %j is tried again: %s', (text, transient) => expect(isTransient(text)).toBe(transient))
})

describe('the final message of a builtin push', () => {
  const target = { registry: 'registry.nca.test', repository: 'acme/fd', tags: ['1'], credentials: { username: 'u', password: 'p' }, source: 'inputs' }
  const explain = (e: unknown) =>
    explainPushFailure(e, [target], { user: 'u', from: 'inputs username and password' }, 'Pushing registry.nca.test/acme/fd').message
  const busy = registryFailure(503, '{"errors":[{"code":"UNAVAILABLE","message":"down"}]}', 'registry.nca.test/acme/fd: uploading sha256:c')
  it.each<[string, unknown, RegExp]>([
    [
      'tries spent on 503s: what it answered, not "could not be reached"',
      new RetriesSpent(busy, 5, 'attempts', 300_000),
      /^Pushing registry\.nca\.test\/acme\/fd: registry\.nca\.test answered HTTP 503 \(UNAVAILABLE\) after retries \(5 tries\); re-run once it is healthy \(pushing again is safe\)\.\nregistry\.nca\.test\/acme\/fd: uploading sha256:c: HTTP 503: UNAVAILABLE down \(5 tries\)$/,
    ],
    [
      'the budget spent',
      new RetriesSpent(busy, 3, 'budget', 1000),
      /answered HTTP 503 \(UNAVAILABLE\) after retries \(3 tries; the push's retry budget was spent\)/,
    ],
    [
      'nothing answered',
      new RetriesSpent(new RegistryError('cannot reach registry.nca.test: connect ECONNREFUSED', undefined, { unanswered: 'unreachable' }), 5, 'attempts', 1),
      /registry\.nca\.test could not be reached after retries \(5 tries\); check that it is up/,
    ],
    [
      'a 404 is not retried and says what it is',
      registryFailure(404, '', 'registry.nca.test/acme/fd:1: pushing the manifest'),
      /^registry\.nca\.test\/acme\/fd:1: pushing the manifest: HTTP 404$/,
    ],
    [
      "a manifest app refused part-way each time, its login still taken: the token's life, not the login",
      new LoginLapsed(new Error('Error: writing blob: uploading layer chunked: authentication required')),
      /^Pushing registry\.nca\.test\/acme\/fd: registry\.nca\.test refused the push part-way, each time, although it took the login of user 'u' when the action asked again: the token the app's tool got ran out during the push/,
    ],
  ])('%s', (_, error, message) => expect(explain(error)).toMatch(message))
})
