import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { authFiles, lookUp, parseHelperAnswer, registryKey, storedLogin } from '../../src/registry/credentials.js'
import { tempDir } from '../helpers/tmp.js'
import { standInCredentialHelper } from '../helpers/credential-helper.js'

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64')

describe('the keys logins are kept under', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['https://registry.example.com:5000', 'registry.example.com:5000'],
    ['Registry.Example.COM/v2/', 'registry.example.com'],
  ])('%s is %s', (key, registry) => expect(registryKey(key)).toBe(registry))
})

describe('where logins are looked for', () => {
  it("Docker's config first (DOCKER_CONFIG or ~/.docker), then podman's auth.json", () => {
    expect(authFiles({}, '/home/runner')).toEqual([
      { path: '/home/runner/.docker/config.json', docker: true },
      { path: '/home/runner/.config/containers/auth.json', docker: false },
    ])
    expect(authFiles({ DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/run/user/1001' }, '/h').map((f) => f.path)).toEqual([
      '/d/config.json',
      '/run/user/1001/containers/auth.json',
      '/h/.config/containers/auth.json',
    ])
    expect(authFiles({ REGISTRY_AUTH_FILE: '/a.json', XDG_RUNTIME_DIR: '/run/user/1' }, '/h').map((f) => f.path)).toEqual(['/h/.docker/config.json', '/a.json'])
  })

  it.each<[string, object, boolean, ReturnType<typeof lookUp>]>([
    [
      'an auths entry, as docker login writes it',
      { auths: { 'registry.example.com': { auth: basic('ci', 's3cr:et') } } },
      true,
      { username: 'ci', password: 's3cr:et' },
    ],
    ['username and password fields', { auths: { 'registry.example.com': { username: 'u', password: 'p' } } }, false, { username: 'u', password: 'p' }],
    [
      'a helper for this registry wins over auths',
      { auths: { 'registry.example.com': { auth: basic('a', 'b') } }, credHelpers: { 'registry.example.com': 'ecr-login' } },
      true,
      { helper: 'ecr-login' },
    ],
    ['credsStore when auths has nothing', { auths: {}, credsStore: 'pass' }, true, { helper: 'pass' }],
    ["podman's file has no helpers", { credsStore: 'pass' }, false, undefined],
    ['another registry only', { auths: { 'ghcr.io': { auth: basic('a', 'b') } } }, true, undefined],
    ['an identity token only', { auths: { 'registry.example.com': { identitytoken: 'x' } } }, true, undefined],
  ])('%s', (_, file, docker, found) => expect(lookUp(file, 'registry.example.com', docker)).toEqual(found))

  it("finds Docker Hub's login under its old index URL", () =>
    expect(lookUp({ auths: { 'https://index.docker.io/v1/': { auth: basic('hub', 'pw') } } }, 'docker.io', true)).toEqual({ username: 'hub', password: 'pw' }))

  it.each<[string, ReturnType<typeof parseHelperAnswer>]>([
    ['{"ServerURL":"r","Username":"AWS","Secret":"tok"}', { username: 'AWS', password: 'tok' }],
    ['{"ServerURL":"r","Username":"<token>","Secret":"refresh"}', undefined],
    ['{"Username":"u","Secret":""}', undefined],
  ])('a helper answering %s', (stdout, login) => expect(parseHelperAnswer(stdout)).toEqual(login))
})

describe('the runner’s stored login', () => {
  it('comes from docker login’s config.json, then from podman’s auth.json', async () => {
    const home = tempDir('creds-home')
    mkdirSync(join(home, '.docker'))
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'a.example': { auth: basic('docker-user', 'docker-pw') } } }))
    mkdirSync(join(home, '.config', 'containers'), { recursive: true })
    writeFileSync(join(home, '.config', 'containers', 'auth.json'), JSON.stringify({ auths: { 'b.example': { auth: basic('podman-user', 'podman-pw') } } }))
    expect(await storedLogin('a.example', {}, home)).toEqual({ username: 'docker-user', password: 'docker-pw', from: join(home, '.docker', 'config.json') })
    expect(await storedLogin('b.example', {}, home)).toEqual({
      username: 'podman-user',
      password: 'podman-pw',
      from: join(home, '.config', 'containers', 'auth.json'),
    })
    expect(await storedLogin('c.example', {}, home)).toBeUndefined()
  })

  // With a STAND-IN for a cloud's credential helper (helpers/credential-helper.ts).
  it('asks a credential helper (a stand-in: real ones need their clouds) with the registry on stdin, and takes its answer', async () => {
    const home = tempDir('creds-helper')
    const bin = standInCredentialHelper(home, { server: 'registry.example.com', username: 'AWS', secret: 'helper-secret' })
    mkdirSync(join(home, '.docker'))
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ credsStore: 'standin' }))
    const env = { PATH: `${bin}:${process.env.PATH}` }
    expect(await storedLogin('registry.example.com', env, home)).toEqual({
      username: 'AWS',
      password: 'helper-secret',
      from: `${join(home, '.docker', 'config.json')} (credential helper docker-credential-standin)`,
    })
    expect(await storedLogin('other.example.com', env, home)).toBeUndefined()
  })

  it('says which file is not JSON', async () => {
    const home = tempDir('creds-bad')
    mkdirSync(join(home, '.docker'))
    writeFileSync(join(home, '.docker', 'config.json'), '{ not json')
    await expect(storedLogin('a.example', {}, home)).rejects.toThrow(`${join(home, '.docker', 'config.json')} could not be read as JSON`)
  })
})
