// The cache module's pure parts: settings → nix.conf lines and argument arrays, and the Actions cache keys.
import { describe, expect, it } from '@jest/globals'
import {
  actionsCacheKeys,
  cacheQueryArgs,
  cachixEnv,
  cachixPushArgs,
  copyToArgs,
  displayUrl,
  narinfoStorePath,
  substituterLines,
} from '../../src/cache/args.js'

const KEY_A = 'a-1:htmR6aSQp8FIUHN9s1uge7OLl/hkOO0uLYdEGQ98jag='
const KEY_B = 'b-1:oEkwE90bjDV+YYPIf2S5abTNqqqHcePBQncZBwZiwcZ='

describe('substituterLines', () => {
  it.each<[string, Parameters<typeof substituterLines>[0], string[]]>([
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
    expect(substituterLines(subs)).toEqual(lines)
  })
})

describe('argument arrays', () => {
  it.each<[string, string[], string[]]>([
    ['nix copy without signing', copyToArgs('file:///c', ['/nix/store/a', '/nix/store/b']), ['copy', '--to', 'file:///c', '/nix/store/a', '/nix/store/b']],
    [
      'nix copy signing with a key file',
      copyToArgs('https://c.example.org', ['/nix/store/a'], '/tmp/k/secret-key'),
      ['copy', '--to', 'https://c.example.org?secret-key=/tmp/k/secret-key', '/nix/store/a'],
    ],
    [
      'nix copy keeps the query the user gave',
      copyToArgs('s3://b?region=eu-west-1', ['/nix/store/a'], '/tmp/k'),
      ['copy', '--to', 's3://b?region=eu-west-1&secret-key=/tmp/k', '/nix/store/a'],
    ],
    [
      'path-info asks again after a push',
      cacheQueryArgs('http://127.0.0.1:1', ['/nix/store/a']),
      ['--store', 'http://127.0.0.1:1', '--option', 'narinfo-cache-negative-ttl', '0', '/nix/store/a'],
    ],
    ['cachix push takes the roots', cachixPushArgs('acme', ['/nix/store/a', '/nix/store/b']), ['push', 'acme', '/nix/store/a', '/nix/store/b']],
  ])('%s', (_, args, expected) => {
    expect(args).toEqual(expected)
  })

  it.each<[string, { authToken: string; signingKey: string }, Record<string, string>]>([
    ['a token', { authToken: 'tok', signingKey: '' }, { CACHIX_AUTH_TOKEN: 'tok' }],
    ['a signing key', { authToken: '', signingKey: 'sig' }, { CACHIX_SIGNING_KEY: 'sig' }],
    ['both', { authToken: 'tok', signingKey: 'sig' }, { CACHIX_AUTH_TOKEN: 'tok', CACHIX_SIGNING_KEY: 'sig' }],
    ['neither', { authToken: '', signingKey: '' }, {}],
  ])('cachix credentials travel in the environment: %s', (_, cachix, env) => {
    expect(cachixEnv(cachix)).toEqual(env)
  })

  it('shows cache URLs without their query', () => {
    expect(displayUrl('s3://bucket?region=eu-west-1&secret-key=/tmp/k')).toBe('s3://bucket')
    expect(displayUrl('https://c.example.org/sub')).toBe('https://c.example.org/sub')
  })
})

describe('actionsCacheKeys', () => {
  const base = { host: 'x86_64-linux', systems: ['x86_64-linux', 'aarch64-linux'], containers: ['fdContainer'], lock: '{"nodes":{}}' }
  const { prefix } = actionsCacheKeys(base)

  it('starts with the runner system and hashes the lock, containers and systems', () => {
    expect(prefix).toMatch(/^nix-container-action-x86_64-linux-[0-9a-f]{16}$/)
  })

  it.each<[string, Partial<typeof base>]>([
    ['flake.lock', { lock: '{"nodes":{"nixpkgs":{}}}' }],
    ['the containers', { containers: ['rgContainer'] }],
    ['the systems', { systems: ['x86_64-linux'] }],
    ['the runner', { host: 'aarch64-linux' }],
  ])('a change of %s changes the prefix', (_, change) => {
    expect(actionsCacheKeys({ ...base, ...change }).prefix).not.toBe(prefix)
  })

  it('the full key adds the image paths, in any order', () => {
    const a = actionsCacheKeys({ ...base, roots: ['/nix/store/a', '/nix/store/b'] }).key
    expect(a).toMatch(new RegExp(`^${prefix}-[0-9a-f]{16}$`))
    expect(actionsCacheKeys({ ...base, roots: ['/nix/store/b', '/nix/store/a'] }).key).toBe(a)
    expect(actionsCacheKeys({ ...base, roots: ['/nix/store/c'] }).key).not.toBe(a)
  })

  it('finds the store path in a .narinfo', () => {
    expect(narinfoStorePath('StorePath: /nix/store/abc-x\nURL: nar/1.nar\n')).toBe('/nix/store/abc-x')
    expect(narinfoStorePath('URL: nar/1.nar\n')).toBeUndefined()
  })
})
