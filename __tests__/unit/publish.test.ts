import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { type Server, createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type Target, checkTargets, explainPushFailure, withRetries } from '../../src/publish/publish.js'
import { RegistryClient } from '../../src/registry/client.js'
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
      /^Pushing registry\.nca\.test\/acme\/fd: registry\.nca\.test answered with a certificate this runner does not trust \(self[- ]signed certificate\); nothing was retried\. .*NODE_EXTRA_CA_CERTS/,
    )
  })
})
