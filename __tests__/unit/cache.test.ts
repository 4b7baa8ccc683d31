// The cache module's pure parts: settings → nix.conf lines and argument arrays, where an image came
// from, and the Actions cache keys. @actions/cache is replaced by the kind of stub
// @github/local-action installs (no isFeatureAvailable), to show the module copes with it.
import { describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

jest.unstable_mockModule('@actions/cache', () => ({
  restoreCache: jest.fn(async () => undefined),
  saveCache: jest.fn(async () => -1),
}))

const { cache } = await import('../helpers/cache-modules.js')
const { isForkPullRequest } = await import('../../src/action/context.js')

const KEY_A = 'a-1:htmR6aSQp8FIUHN9s1uge7OLl/hkOO0uLYdEGQ98jag='
const KEY_B = 'b-1:oEkwE90bjDV+YYPIf2S5abTNqqqHcePBQncZBwZiwcZ='

describe('substituterLines', () => {
  it.each<[string, Parameters<typeof cache.substituterLines>[0], string[]]>([
    ['none', [], []],
    [
      'one cache with a key',
      [{ name: 'binary-cache', url: 'http://127.0.0.1:8080', publicKeys: [KEY_A] }],
      ['extra-substituters = http://127.0.0.1:8080', `extra-trusted-public-keys = ${KEY_A}`],
    ],
    [
      'cachix and a binary cache, a shared key once',
      [
        { name: 'cachix acme', url: 'https://acme.cachix.org', publicKeys: [KEY_A] },
        { name: 'binary-cache', url: 's3://bucket?region=eu-west-1', publicKeys: [KEY_A, KEY_B] },
      ],
      ['extra-substituters = https://acme.cachix.org s3://bucket?region=eu-west-1', `extra-trusted-public-keys = ${KEY_A} ${KEY_B}`],
    ],
    [
      'a cache without a key still substitutes nothing untrusted',
      [{ name: 'binary-cache', url: 'file:///c', publicKeys: [] }],
      ['extra-substituters = file:///c'],
    ],
  ])('%s', (_, subs, lines) => {
    expect(cache.substituterLines(subs)).toEqual(lines)
  })
})

describe('argument arrays', () => {
  it.each<[string, string[], string[]]>([
    [
      'nix copy without signing',
      cache.copyToArgs('file:///c', ['/nix/store/a', '/nix/store/b']),
      ['copy', '--to', 'file:///c', '/nix/store/a', '/nix/store/b'],
    ],
    [
      'nix copy signing with a key file',
      cache.copyToArgs('https://c.example.org', ['/nix/store/a'], '/tmp/k/secret-key'),
      ['copy', '--to', 'https://c.example.org?secret-key=/tmp/k/secret-key', '/nix/store/a'],
    ],
    [
      'nix copy keeps the query the user gave',
      cache.copyToArgs('s3://b?region=eu-west-1', ['/nix/store/a'], '/tmp/k'),
      ['copy', '--to', 's3://b?region=eu-west-1&secret-key=/tmp/k', '/nix/store/a'],
    ],
    [
      'path-info asks again after a push',
      cache.cacheQueryArgs('http://127.0.0.1:1', ['/nix/store/a']),
      ['--store', 'http://127.0.0.1:1', '--option', 'narinfo-cache-negative-ttl', '0', '/nix/store/a'],
    ],
    ['cachix push takes the roots', cache.cachixPushArgs('acme', ['/nix/store/a', '/nix/store/b']), ['push', 'acme', '/nix/store/a', '/nix/store/b']],
  ])('%s', (_, args, expected) => {
    expect(args).toEqual(expected)
  })

  it.each<[string, { authToken: string; signingKey: string }, Record<string, string>]>([
    ['a token', { authToken: 'tok', signingKey: '' }, { CACHIX_AUTH_TOKEN: 'tok' }],
    ['a signing key', { authToken: '', signingKey: 'sig' }, { CACHIX_SIGNING_KEY: 'sig' }],
    ['both', { authToken: 'tok', signingKey: 'sig' }, { CACHIX_AUTH_TOKEN: 'tok', CACHIX_SIGNING_KEY: 'sig' }],
    ['neither', { authToken: '', signingKey: '' }, {}],
  ])('cachix credentials travel in the environment: %s', (_, cachix, env) => {
    expect(cache.cachixEnv(cachix)).toEqual(env)
  })

  it('shows cache URLs without their query', () => {
    expect(cache.displayUrl('s3://bucket?region=eu-west-1&secret-key=/tmp/k')).toBe('s3://bucket')
    expect(cache.displayUrl('https://c.example.org/sub')).toBe('https://c.example.org/sub')
  })

  it('the pinned cachix is a full nixpkgs revision with its hash', () => {
    expect(cache.CACHIX_INSTALLABLE).toMatch(/^github:NixOS\/nixpkgs\/[0-9a-f]{40}\?narHash=sha256-[A-Za-z0-9+/]{43}=#cachix$/)
  })
})

describe('imageSource: where an image came from, from what Nix reported', () => {
  const image = { storePath: '/nix/store/ooo-greet.tar', drvPath: '/nix/store/ddd-greet.tar.drv' }
  const did = (built: string[], fetched: string[]) => ({ built, fetched, warnings: [] })
  it.each<[string, ReturnType<typeof did> | undefined, string[], string | undefined]>([
    ['built', did([image.drvPath], []), [], 'built'],
    ['substituted', did([], [image.storePath]), [], 'substituted'],
    ['imported from the Actions cache', did([], []), [image.storePath], 'restored'],
    ['already there', did([], []), [], 'in store'],
    ['unknown without a build log', undefined, [], undefined],
  ])('%s', (_, activity, restored, source) => {
    expect(cache.imageSource(image, activity, restored)).toBe(source)
  })
})

describe('actionsCacheKeys', () => {
  const base = { host: 'x86_64-linux', systems: ['x86_64-linux', 'aarch64-linux'], containers: ['fdContainer'], lock: '{"nodes":{}}' }
  const { prefix } = cache.actionsCacheKeys(base)

  it('starts with the runner system and hashes the lock, containers and systems', () => {
    expect(prefix).toMatch(/^nix-container-action-x86_64-linux-[0-9a-f]{16}$/)
  })

  it.each<[string, Partial<typeof base>]>([
    ['flake.lock', { lock: '{"nodes":{"nixpkgs":{}}}' }],
    ['the containers', { containers: ['rgContainer'] }],
    ['the systems', { systems: ['x86_64-linux'] }],
    ['the runner', { host: 'aarch64-linux' }],
  ])('a change of %s changes the prefix', (_, change) => {
    expect(cache.actionsCacheKeys({ ...base, ...change }).prefix).not.toBe(prefix)
  })

  it('the full key adds the image paths, in any order', () => {
    const a = cache.actionsCacheKeys({ ...base, roots: ['/nix/store/a', '/nix/store/b'] }).key
    expect(a).toMatch(new RegExp(`^${prefix}-[0-9a-f]{16}$`))
    expect(cache.actionsCacheKeys({ ...base, roots: ['/nix/store/b', '/nix/store/a'] }).key).toBe(a)
    expect(cache.actionsCacheKeys({ ...base, roots: ['/nix/store/c'] }).key).not.toBe(a)
  })

  it('reads flake.lock of a local flake; a remote flake stands for itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nca-lock-'))
    await writeFile(join(dir, 'flake.lock'), 'LOCK')
    expect(await cache.flakeLockText('.', dir)).toBe('LOCK')
    expect(await cache.flakeLockText(`path:${dir}`)).toBe('LOCK')
    expect(await cache.flakeLockText('./missing', dir)).toBe('')
    expect(await cache.flakeLockText('github:acme/flake')).toBe('github:acme/flake')
  })

  it('finds the store path in a .narinfo', () => {
    expect(cache.narinfoStorePath('StorePath: /nix/store/abc-x\nURL: nar/1.nar\n')).toBe('/nix/store/abc-x')
    expect(cache.narinfoStorePath('URL: nar/1.nar\n')).toBeUndefined()
  })
})

describe("actionsCacheAvailable with @github/local-action's stub (no isFeatureAvailable)", () => {
  it.each<[string, NodeJS.ProcessEnv, boolean]>([
    ['outside a runner', {}, false],
    ['cache service v1', { ACTIONS_CACHE_URL: 'https://cache.example/' }, true],
    ['cache service v2', { ACTIONS_RESULTS_URL: 'https://results.example/' }, true],
  ])('%s', async (_, env, available) => {
    expect(await cache.actionsCacheAvailable(env)).toBe(available)
  })
})

describe('isForkPullRequest (pushing to caches is off by default for forks)', () => {
  const event = async (body: object) => {
    const file = join(await mkdtemp(join(tmpdir(), 'nca-event-')), 'event.json')
    await writeFile(file, JSON.stringify(body))
    return file
  }
  it.each<[string, object, string, boolean]>([
    [
      'a pull request from a fork',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'mallory/app' } } } },
      'pull_request',
      true,
    ],
    [
      'pull_request_target from a fork',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'mallory/app' } } } },
      'pull_request_target',
      true,
    ],
    ['a pull request from a deleted fork', { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: null } } }, 'pull_request', true],
    [
      'a pull request from a branch of this repository',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'acme/app' } } } },
      'pull_request',
      false,
    ],
    ['a push', { repository: { full_name: 'acme/app' } }, 'push', false],
  ])('%s', async (_, body, eventName, fork) => {
    expect(isForkPullRequest(await event(body), eventName)).toBe(fork)
  })

  it('no event file: not a fork', () => {
    expect(isForkPullRequest(undefined, 'pull_request')).toBe(false)
  })
})
